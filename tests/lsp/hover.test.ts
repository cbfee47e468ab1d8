import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { changedSentences, closestExamplePair } from '../../server/lsp/examplePair';
import { explainFinding } from '../../server/lsp/hover';
import { splitMessage } from '../../server/lsp/messageText';
import { builtinRules, findBuiltinRule, type RuleDefinition } from '../../shared/index';
import { DEFENSIVE_REPLY } from './fixtures';
import { LspTestClient, rangeOf, uniqueUri } from './lspClient';

/** The hover escapes markdown in prose; compare against the text a reader sees. */
const unescape = (markdown: string) => markdown.replace(/\\(.)/g, '$1');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('hover', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(() => client.stop());

  it('holds what the one-sentence diagnostic leaves out: advice, why, a pair near the flagged words, docs', async () => {
    const uri = uniqueUri('hover');
    await client.open(uri, DEFENSIVE_REPLY);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const flagged = rangeOf(DEFENSIVE_REPLY, 'you should have cleared');
    const hover = await client.hover(uri, { line: 0, character: flagged.start.character + 4 });
    const contents = hover?.contents as MarkupContent;
    expect(contents.kind).toBe('markdown');
    const text = squash(unescape(contents.value));
    const rule = findBuiltinRule('no-blame')!;
    const blame = diagnostics.find((d) => d.code === 'no-blame')!;
    // The narrowest finding under the cursor comes first.
    expect(contents.value.startsWith('**no-blame**')).toBe(true);
    expect(text).toContain(squash(rule.rationale!));
    // The diagnostic says what was flagged in one sentence; the rule's advice after it is what the
    // rationale ends with, so the hover does not say it twice.
    expect(blame.message).toBe('“you should have cleared” puts the fault on the customer.');
    expect(text).not.toContain('Describe the fix instead');
    // The rule's own example nearest to “you should have cleared”, cut to the sentence that changes.
    expect(text).toContain('Instead of “You should have cleared your cache first.” write “Clearing your cache first should fix this.”');
    expect(contents.value).toContain(`[Rule documentation](${rule.docs})`);
    // The reply-wide require-thanks finding covers the same words; it is explained after.
    expect(text).toContain(squash(findBuiltinRule('require-thanks')!.rationale!));
    expect(hover?.range).toEqual(flagged);
  });

  it('says nothing where nothing is flagged', async () => {
    const uri = uniqueUri('hover-clean');
    await client.open(uri, 'Thanks for the logs, Ana. The fix ships today.');
    await client.diagnosticsFor(uri, 1);
    expect(await client.hover(uri, { line: 0, character: 3 })).toBeNull();
  });

  it('links to the rule page through the command a client names, for its bundled docs', async () => {
    const vscodeLike = await LspTestClient.start({ initializationOptions: { ruleDocumentationCommand: 'replylint.showRuleDocumentation' } });
    try {
      const uri = uniqueUri('hover-command');
      await vscodeLike.open(uri, DEFENSIVE_REPLY);
      await vscodeLike.diagnosticsFor(uri, 1);
      const flagged = rangeOf(DEFENSIVE_REPLY, 'you should have cleared');
      const hover = await vscodeLike.hover(uri, { line: 0, character: flagged.start.character + 4 });
      const value = (hover?.contents as MarkupContent).value;
      expect(value).toContain(`[Rule documentation](command:replylint.showRuleDocumentation?${encodeURIComponent('["no-blame"]')})`);
      expect(value).not.toContain('https://');
    } finally {
      await vscodeLike.stop();
    }
  });
});

describe('a phrase with advice of its own', () => {
  it('gives that advice in the hover; the rule’s general advice is left to the rationale', () => {
    const definition: RuleDefinition = {
      id: 'acme/no-as-per',
      kind: 'phrase',
      message: '“{match}” is stiff. Say it plainly.',
      rationale: 'Stiff wording reads like a form letter. Say it plainly.',
      phrases: [{ match: 'as per the faq', message: '“{match}” tells them they should have seen it. Point to the exact place.' }],
    };
    const finding = { ruleId: 'acme/no-as-per', severity: 'warning' as const, start: 0, end: 14, suggestions: [] };
    const own = explainFinding({ ...finding, message: '“as per the FAQ” tells them they should have seen it. Point to the exact place.' }, 'as per the FAQ', definition, undefined);
    expect(own).toContain('Point to the exact place.');
    const general = explainFinding({ ...finding, message: '“as per” is stiff. Say it plainly.' }, 'as per', definition, undefined);
    expect(general.split('Say it plainly.').length - 1).toBe(1); // once, in the rationale
  });
});

describe('the message, split for the editor', () => {
  it('keeps the first sentence, looking past a full stop inside the quoted words', () => {
    expect(splitMessage('“you should have cleared” puts the fault on the customer. Describe the fix instead.')).toEqual({
      sentence: '“you should have cleared” puts the fault on the customer.',
      advice: 'Describe the fix instead.',
    });
    expect(splitMessage('“As I said. Really.” defends us. Own it.')).toEqual({ sentence: '“As I said. Really.” defends us.', advice: 'Own it.' });
    expect(splitMessage('“soon” gives no time to hold on to; say when')).toEqual({ sentence: '“soon” gives no time to hold on to; say when', advice: '' });
  });
});

describe('the example pair', () => {
  it('is the changed sentence, before and after, out of a longer example', () => {
    expect(changedSentences('Hi Chris,\n\nWe apologize for any inconvenience. Your refund is on its way.', "Hi Chris,\n\nI'm sorry this got in your way. Your refund is on its way.")).toEqual({
      bad: 'We apologize for any inconvenience.',
      good: "I'm sorry this got in your way.",
    });
    expect(changedSentences('Your order shipped today.', 'Thanks for letting us know. Your order shipped today.')).toEqual({
      bad: 'Your order shipped today.',
      good: 'Thanks for letting us know. Your order shipped today.',
    });
  });

  it('comes from the example whose flagged words are nearest to the finding', () => {
    const rule = findBuiltinRule('no-blame');
    expect(closestExamplePair(rule, 'you should have read')?.bad).toMatch(/^You should have/);
  });
});

describe('every rule of the catalogue', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    // strict, so the opt-in rules run too
    client = await LspTestClient.start({ configuration: (params) => params.items.map(() => ({ preset: 'strict' })) });
  });
  afterAll(() => client.stop());

  it.each(builtinRules().map((rule) => [rule.id, rule]))('%s: its first invalid example gets a hover with the principle and the page', async (id, rule) => {
    const example = (rule as RuleDefinition).examples!.invalid[0];
    const uri = uniqueUri(`catalogue-${id}`);
    await client.open(uri, example.text);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const finding = diagnostics.find((d) => d.code === id);
    expect(finding, `${id} flags its own example in the editor`).toBeDefined();
    const hover = await client.hover(uri, finding!.range.end);
    const value = (hover?.contents as MarkupContent).value;
    expect(value).toContain(`**${id}**`);
    expect(squash(unescape(value))).toContain(squash((rule as RuleDefinition).rationale!));
    expect(value).toContain(`[Rule documentation](${(rule as RuleDefinition).docs})`);
  });
});

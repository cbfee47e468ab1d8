// Tokenises the service-script grammar with the engine VS Code itself uses (vscode-textmate on
// the Oniguruma WebAssembly build), so what passes here is what a user sees in the editor.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Oniguruma from 'vscode-oniguruma';
import type * as Textmate from 'vscode-textmate';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// In debug mode vscode-textmate reports a grammar that stops advancing (an "endless loop") on
// console.error; otherwise it silently gives up on the rest of the line. Read once, at load.
process.env.VSCODE_TEXTMATE_DEBUG = '1';
vi.spyOn(console, 'log').mockImplementation(() => undefined);
const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);

// Both packages are webpack UMD bundles; Node's ESM loader cannot see their named exports.
const require = createRequire(import.meta.url);
const oniguruma: typeof Oniguruma = require('vscode-oniguruma');
const textmate: typeof Textmate = require('vscode-textmate');

const root = new URL('../../', import.meta.url);
const fixtures = new URL('./fixtures/', import.meta.url);
const SUFFIX = '.service-script';

interface Token {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

let grammar: Textmate.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM({ data: wasm });
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => oniguruma.createOnigScanner(patterns),
      createOnigString: (text) => oniguruma.createOnigString(text),
    }),
    async loadGrammar(scopeName) {
      if (scopeName === 'source.service-script') {
        const path = fileURLToPath(new URL('syntaxes/service-script.tmLanguage.json', root));
        return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
      }
      // VS Code's YAML grammar is not installable offline; an empty one proves the include resolves
      // without making these snapshots depend on another grammar's scopes.
      if (scopeName === 'source.yaml') return { scopeName, patterns: [], repository: {} } as unknown as Textmate.IRawGrammar;
      return null;
    },
  });
  const loaded = await registry.loadGrammar('source.service-script');
  if (!loaded) throw new Error('source.service-script did not load');
  grammar = loaded;
});

afterEach(() => {
  expect(consoleError.mock.calls.map((call) => call.join(' '))).toEqual([]);
});

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let state = textmate.INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, lineText.length);
      if (end <= token.startIndex) continue;
      tokens.push({ line, start: token.startIndex, end, text: lineText.slice(token.startIndex, end), scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/** Each line, then a caret row per token that has more than the root scope. */
function render(text: string): string {
  const tokens = tokenize(text);
  const out: string[] = [];
  text.split(/\r?\n/).forEach((lineText, line) => {
    out.push(`>${lineText}`);
    for (const token of tokens.filter((t) => t.line === line && t.scopes.length > 1)) {
      const scopes = token.scopes.slice(1).map((s) => (s.endsWith(SUFFIX) ? s.slice(0, -SUFFIX.length) : s));
      out.push(`#${' '.repeat(token.start)}${'^'.repeat(token.end - token.start)} ${scopes.join(' ')}`);
    }
  });
  return `${out.join('\n')}\n`;
}

/** Tokens covering `needle` (its first occurrence, or the one on `line`). */
function tokensOf(text: string, needle: string, line?: number): Token[] {
  const lines = text.split(/\r?\n/);
  const index = line ?? lines.findIndex((l) => l.includes(needle));
  const start = lines[index]?.indexOf(needle) ?? -1;
  if (start < 0) throw new Error(`“${needle}” not found in the sample`);
  const end = start + needle.length;
  return tokenize(text).filter((t) => t.line === index && t.end > start && t.start < end);
}

const hasScope = (prefix: string) => (token: Token) => token.scopes.some((s) => s === prefix || s.startsWith(`${prefix}.`));
const everyToken = (tokens: Token[], prefix: string) => tokens.length > 0 && tokens.every(hasScope(prefix));
const noToken = (tokens: Token[], prefix: string) => !tokens.some(hasScope(prefix));

describe('grammar snapshots', () => {
  const names = readdirSync(fixtures).filter((name) => name.endsWith('.reply')).sort();
  it('has fixtures', () => expect(names.length).toBeGreaterThan(0));
  for (const name of names) {
    it(name, async () => {
      const text = readFileSync(new URL(name, fixtures), 'utf8');
      await expect(render(text)).toMatchFileSnapshot(`./__snapshots__/${name}.snap`);
    });
  }
});

describe('what a user sees', () => {
  describe('placeholders of every help-desk dialect', () => {
    const cases: Array<[dialect: string, placeholder: string, variable: string, region: string]> = [
      ['Zendesk', '{{ticket.requester.first_name}}', 'ticket.requester.first_name', 'meta.placeholder.liquid'],
      ['Freshdesk', '{{ticket.requester.firstname}}', 'ticket.requester.firstname', 'meta.placeholder.liquid'],
      ['Intercom', '{{first_name | fallback: "there"}}', 'first_name', 'meta.placeholder.liquid'],
      ['Front', '{{recipient.first_name}}', 'recipient.first_name', 'meta.placeholder.liquid'],
      ['Help Scout', '{%customer.firstName,fallback=there%}', 'customer.firstName', 'meta.placeholder.helpscout'],
      ['Zoho', '${Cases.Contact Name}', 'Cases.Contact Name', 'meta.placeholder.zoho'],
      ['Liquid tag', '{% if ticket.requester.first_name %}', 'ticket.requester.first_name', 'meta.placeholder.tag.liquid'],
    ];
    for (const [dialect, placeholder, variable, region] of cases) {
      it(`${dialect}: ${placeholder}`, () => {
        const text = `We checked it for you, ${placeholder}.`;
        expect(everyToken(tokensOf(text, placeholder), region)).toBe(true);
        const variableTokens = tokensOf(text, variable);
        expect(variableTokens.map((t) => t.text).join('')).toBe(variable);
        expect(everyToken(variableTokens, 'variable.other.placeholder')).toBe(true);
        expect(noToken(tokensOf(text, 'We checked it'), 'meta.placeholder')).toBe(true);
      });
    }

    it('scopes a fallback filter and its string', () => {
      const text = 'Hi {{first_name | fallback: "there"}},';
      expect(everyToken(tokensOf(text, 'fallback'), 'support.function.filter')).toBe(true);
      expect(everyToken(tokensOf(text, '"there"'), 'string.quoted.double')).toBe(true);
    });

    it('marks an unclosed {{ without colouring the rest of the reply', () => {
      const text = 'Hi {{ticket.requester.first_name,\nThanks for writing in.';
      expect(everyToken(tokensOf(text, '{{'), 'invalid.illegal.unclosed-placeholder')).toBe(true);
      expect(noToken(tokensOf(text, 'Thanks for writing in.'), 'meta.placeholder')).toBe(true);
    });

    it('marks leftovers like [Customer Name] and XXX', () => {
      const text = 'Thanks, [Customer Name]. Your order XXX ships today; see [your dashboard](https://x.example).';
      expect(everyToken(tokensOf(text, '[Customer Name]'), 'invalid.illegal.leftover')).toBe(true);
      expect(everyToken(tokensOf(text, 'XXX'), 'invalid.illegal.leftover')).toBe(true);
      expect(noToken(tokensOf(text, '[your dashboard]'), 'invalid.illegal')).toBe(true);
    });
  });

  it('scopes every > line as a quote', () => {
    const text = 'Thanks for the details.\n> It broke again.\n>> You should have used the bulk tool.\nHere is the fix.';
    expect(everyToken(tokensOf(text, '> It broke again.'), 'markup.quote')).toBe(true);
    expect(everyToken(tokensOf(text, '>> You should have used the bulk tool.'), 'markup.quote')).toBe(true);
    expect(noToken(tokensOf(text, 'Here is the fix.'), 'markup.quote')).toBe(true);
  });

  it('scopes an "On … wrote:" line and everything after it as quoted history', () => {
    const text = 'Thanks for waiting.\nOn Mon, 5 Jan 2026, Jane <jane@example.com> wrote:\nIt is still broken.\n> yes';
    expect(noToken(tokensOf(text, 'Thanks for waiting.'), 'markup.quote')).toBe(true);
    for (const needle of ['On Mon', 'It is still broken.', 'yes']) expect(everyToken(tokensOf(text, needle), 'markup.quote')).toBe(true);
  });

  it('scopes an Outlook "-----Original Message-----" block as quoted history', () => {
    const text = 'Thank you!\n-----Original Message-----\nFrom: Ada\nWhere is my order?';
    expect(everyToken(tokensOf(text, 'Where is my order?'), 'markup.quote.original-message')).toBe(true);
    expect(everyToken(tokensOf(text, 'From'), 'entity.other.attribute-name.header')).toBe(true);
  });

  it('scopes everything after "-- " as the signature', () => {
    const text = 'Thanks for your patience.\n-- \nDana, Acme Billing\n${Agents.Agent Name} · https://acme.example\n\n> quoted';
    expect(noToken(tokensOf(text, 'Thanks for your patience.'), 'comment.block.signature')).toBe(true);
    const after = tokenize(text).filter((t) => t.line >= 1);
    expect(everyToken(after, 'comment.block.signature')).toBe(true);
    // The signature keeps its inner structure.
    expect(everyToken(tokensOf(text, 'Agents.Agent Name'), 'variable.other.placeholder')).toBe(true);
    expect(everyToken(tokensOf(text, 'https://acme.example'), 'markup.underline.link')).toBe(true);
  });

  it('does not take a Markdown rule for a signature', () => {
    const text = 'Thanks!\n---\nStill the reply.';
    expect(noToken(tokensOf(text, 'Still the reply.'), 'comment.block.signature')).toBe(true);
  });

  it('embeds the front matter as YAML, only at the very top', () => {
    const text = '---\nchannel: email\nplatform: zendesk\n---\nHi Sam,\n---\nnot: yaml';
    for (const needle of ['channel: email', 'platform: zendesk']) {
      expect(everyToken(tokensOf(text, needle), 'meta.embedded.block.frontmatter')).toBe(true);
    }
    expect(everyToken(tokensOf(text, '---', 0), 'punctuation.definition.frontmatter.begin')).toBe(true);
    expect(everyToken(tokensOf(text, '---', 3), 'punctuation.definition.frontmatter.end')).toBe(true);
    expect(noToken(tokensOf(text, 'not: yaml'), 'meta.embedded')).toBe(true);
    expect(noToken(tokensOf('Hi Sam,\n---\ntitle: x\n---', 'title: x'), 'meta.embedded')).toBe(true);
  });

  describe('the greeting', () => {
    it('is scoped on the first line of a reply', () => {
      const text = 'Hi {{ticket.requester.first_name}}, thanks for writing in.\nWe fixed it.';
      expect(everyToken(tokensOf(text, 'Hi {{ticket.requester.first_name}},'), 'meta.greeting')).toBe(true);
      expect(everyToken(tokensOf(text, 'ticket.requester.first_name'), 'variable.other.placeholder')).toBe(true);
      expect(noToken(tokensOf(text, ' thanks for writing in.'), 'meta.greeting')).toBe(true);
      expect(noToken(tokensOf(text, 'We fixed it.'), 'meta.greeting')).toBe(true);
    });

    it('stops at the end of the first sentence, but not at a title', () => {
      const plain = 'Hi Sam. The refund is on its way.';
      expect(tokensOf(plain, 'Hi Sam.').filter(hasScope('meta.greeting')).map((t) => t.text)).toEqual(['Hi Sam.']);
      expect(noToken(tokensOf(plain, 'The refund'), 'meta.greeting')).toBe(true);
      expect(everyToken(tokensOf('Dear Dr. Okafor, thank you.', 'Dear Dr. Okafor,'), 'meta.greeting')).toBe(true);
    });

    it('is found after front matter and blank lines', () => {
      const text = '---\nchannel: chat\n---\n\nGood morning Sam!\nHello again from the team.';
      expect(everyToken(tokensOf(text, 'Good morning Sam!'), 'meta.greeting')).toBe(true);
      expect(noToken(tokensOf(text, 'Hello again from the team.'), 'meta.greeting')).toBe(true);
    });

    it('is not a greeting-like word further down the reply', () => {
      const text = 'Thanks for the report, {{ticket.requester.first_name}}.\nHey, one more thing.\nDear me.';
      expect(noToken(tokensOf(text, 'Hey, one more thing.'), 'meta.greeting')).toBe(true);
      expect(noToken(tokensOf(text, 'Dear me.'), 'meta.greeting')).toBe(true);
      // The first line is not held back by the opening rule: its placeholder is still scoped.
      expect(everyToken(tokensOf(text, 'ticket.requester.first_name'), 'variable.other.placeholder')).toBe(true);
    });
  });

  it('gives the words that are not the agent\'s a comment scope, which every theme colours quietly', () => {
    const text = [
      'Hi Sam,',
      'Thanks for the logs.',
      '> It broke again.',
      'On Mon, 5 Jan 2026, Jane <jane@example.com> wrote:',
      'It is still broken.',
      '-----Original Message-----',
      'From: Ada',
      '-- ',
      'Dana, Acme Billing',
    ].join('\n');
    for (const needle of ['> It broke again.', 'It is still broken.', 'From: Ada', 'Dana, Acme Billing']) {
      expect(everyToken(tokensOf(text, needle), 'comment'), needle).toBe(true);
    }
    // The agent's own words, greeting included, keep the editor's text colour: no scope a theme paints.
    for (const needle of ['Hi Sam,', 'Thanks for the logs.']) {
      const painted = tokensOf(text, needle).flatMap((t) => t.scopes.slice(1)).filter((s) => !s.startsWith('meta.'));
      expect(painted, needle).toEqual([]);
    }
  });

  it('scopes URLs without trailing punctuation, e-mail addresses and @handles', () => {
    const text = 'See https://status.example.com/incidents/42. Or write to help@acme.example, or ping @acme_help.';
    expect(tokensOf(text, 'https://').map((t) => t.text)).toEqual(['https://status.example.com/incidents/42']);
    expect(everyToken(tokensOf(text, 'help@acme.example'), 'markup.underline.link.email')).toBe(true);
    expect(everyToken(tokensOf(text, '@acme_help'), 'entity.name.tag.mention')).toBe(true);
  });

  it('scopes Markdown emphasis, links and inline code, but not snake_case', () => {
    const text = 'The **export** is *fixed*; run `sync --all` and open [the app](https://app.example.com). some_file_name';
    expect(everyToken(tokensOf(text, '**export**'), 'markup.bold')).toBe(true);
    expect(everyToken(tokensOf(text, '*fixed*'), 'markup.italic')).toBe(true);
    expect(everyToken(tokensOf(text, '`sync --all`'), 'markup.inline.raw')).toBe(true);
    expect(everyToken(tokensOf(text, 'the app'), 'string.other.link.title')).toBe(true);
    expect(everyToken(tokensOf(text, 'https://app.example.com'), 'markup.underline.link')).toBe(true);
    expect(noToken(tokensOf(text, 'some_file_name'), 'markup.italic')).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { findBuiltinRule } from '../../shared/index';
import { DEFENSIVE_REPLY } from './fixtures';
import { LspTestClient, rangeOf, uniqueUri } from './lspClient';

/** The hover escapes markdown in prose; compare against the text a reader sees. */
const unescape = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

describe('hover', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(() => client.stop());

  it('explains the rule under the cursor: summary, why it matters, a bad and a good example, docs', async () => {
    const uri = uniqueUri('hover');
    await client.open(uri, DEFENSIVE_REPLY);
    await client.diagnosticsFor(uri, 1);
    const flagged = rangeOf(DEFENSIVE_REPLY, 'you should have cleared');
    const hover = await client.hover(uri, { line: 0, character: flagged.start.character + 4 });
    const contents = hover?.contents as MarkupContent;
    expect(contents.kind).toBe('markdown');
    const text = unescape(contents.value);
    const rule = findBuiltinRule('no-blame')!;
    expect(text).toContain('no-blame');
    expect(text).toContain(rule.summary!);
    expect(text).toContain(rule.rationale!.trim());
    expect(text).toContain(rule.examples!.invalid[0].text.trim());
    expect(text).toContain(rule.examples!.valid[0].trim().split('\n')[0]);
    expect(contents.value).toContain(`](${rule.docs})`);
    // The reply-wide require-thanks finding covers the same words; both are explained.
    expect(text).toContain(findBuiltinRule('require-thanks')!.rationale!.trim());
    expect(hover?.range).toEqual(flagged);
  });

  it('says nothing where nothing is flagged', async () => {
    const uri = uniqueUri('hover-clean');
    await client.open(uri, 'Thanks for the logs, Ana. The fix ships today.');
    await client.diagnosticsFor(uri, 1);
    expect(await client.hover(uri, { line: 0, character: 3 })).toBeNull();
  });
});

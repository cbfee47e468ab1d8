import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { findBuiltinRule } from '../../shared/index';
import { CRLF_EMOJI_RANGES, CRLF_EMOJI_REPLY, DEFENSIVE_REPLY, DEFENSIVE_REPLY_FLAGS } from './fixtures';
import { LspTestClient, rangeOf, uniqueUri } from './lspClient';

const byRule = (diagnostics: Diagnostic[], ruleId: string) => diagnostics.filter((d) => d.code === ruleId);

describe('diagnostics', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(() => client.stop());

  it('arrive after didOpen with the exact ranges, severities, identity and fix data', async () => {
    const uri = uniqueUri('open');
    const sentAt = await client.open(uri, DEFENSIVE_REPLY);
    const published = await client.diagnosticsFor(uri, 1);
    const latency = performance.now() - sentAt;
    // Latency is measured by `npm run bench`, never asserted here: a loaded CI machine is not a slow server.
    console.log(`didOpen → diagnostics: ${latency.toFixed(1)} ms (first document of a fresh server)`);

    expect(published.diagnostics.map((d) => d.code).sort()).toEqual(Object.keys(DEFENSIVE_REPLY_FLAGS).sort());
    for (const [ruleId, flagged] of Object.entries(DEFENSIVE_REPLY_FLAGS)) {
      const [diagnostic] = byRule(published.diagnostics, ruleId);
      expect(diagnostic.range, ruleId).toEqual(rangeOf(DEFENSIVE_REPLY, flagged));
      expect(diagnostic.source).toBe('replylint');
      expect(diagnostic.codeDescription?.href).toBe(findBuiltinRule(ruleId)?.docs);
      expect(typeof diagnostic.message === 'string' && diagnostic.message.length > 0, ruleId).toBe(true);
      expect(diagnostic.data).toMatchObject({ ruleId, version: 1 });
      expect((diagnostic.data as { suggestions: unknown[] }).suggestions.length, ruleId).toBeGreaterThan(0);
    }
    // error → 1, warning → 2, per the rules' own severities
    expect(byRule(published.diagnostics, 'no-blame')[0].severity).toBe(1);
    expect(byRule(published.diagnostics, 'no-scripted-phrase')[0].severity).toBe(2);
  });

  it('count UTF-16 code units and CRLF line breaks', async () => {
    const uri = uniqueUri('crlf-emoji');
    const sentAt = await client.open(uri, CRLF_EMOJI_REPLY);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const latency = performance.now() - sentAt;
    console.log(`didOpen → diagnostics: ${latency.toFixed(1)} ms (warm server, rules already compiled)`);
    for (const [ruleId, { start, end }] of Object.entries(CRLF_EMOJI_RANGES)) {
      expect(byRule(diagnostics, ruleId)[0]?.range, ruleId).toEqual({
        start: { line: start[0], character: start[1] },
        end: { line: end[0], character: end[1] },
      });
      expect(byRule(diagnostics, ruleId)[0].range).toEqual(
        rangeOf(CRLF_EMOJI_REPLY, CRLF_EMOJI_REPLY.slice(...offsets(CRLF_EMOJI_REPLY, start, end))),
      );
    }
  });

  it('follow incremental edits, for the new version only', async () => {
    const uri = uniqueUri('change');
    await client.open(uri, DEFENSIVE_REPLY);
    await client.diagnosticsFor(uri, 1);
    // Thank the customer: require-thanks goes away, the rest stay, moved along.
    const version = await client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Thanks for the logs. ' },
    ]);
    const { diagnostics } = await client.diagnosticsFor(uri, version);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['no-blame', 'no-defensive', 'no-scripted-phrase']);
    expect(byRule(diagnostics, 'no-blame')[0].range).toEqual(rangeOf(client.text(uri), 'you should have cleared'));
    expect(byRule(diagnostics, 'no-blame')[0].data).toMatchObject({ version });
  });

  it('are never published for an older version than one already published', async () => {
    const uri = uniqueUri('typing');
    const before = client.published.length;
    await client.open(uri, '');
    let version = 1;
    for (const character of 'You should have cleared your cache.') {
      const end = client.text(uri).length;
      version = await client.change(uri, [{ range: { start: { line: 0, character: end }, end: { line: 0, character: end } }, text: character }]);
    }
    const last = await client.diagnosticsFor(uri, version, before);
    expect(byRule(last.diagnostics, 'no-blame')).toHaveLength(1);
    const versions = client.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version ?? -1);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    // Debounced: a burst of keystrokes is linted far fewer times than it has keystrokes.
    expect(versions.length).toBeLessThan(version);
  });

  it('are cleared when the document closes', async () => {
    const uri = uniqueUri('close');
    await client.open(uri, DEFENSIVE_REPLY);
    await client.diagnosticsFor(uri, 1);
    const before = client.published.length;
    await client.close(uri);
    const cleared = await client.diagnostics(uri, () => true, before);
    expect(cleared.diagnostics).toEqual([]);
  });
});

function offsets(text: string, start: [number, number], end: [number, number]): [number, number] {
  const lineStarts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(match.index + match[0].length);
  return [lineStarts[start[0]] + start[1], lineStarts[end[0]] + end[1]];
}

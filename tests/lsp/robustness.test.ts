import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFENSIVE_REPLY } from './fixtures';
import { LspTestClient, uniqueUri } from './lspClient';

/** The server is alive if it still lints a small reply and answers a hover on it. */
async function expectAnswering(client: LspTestClient): Promise<void> {
  const uri = uniqueUri('still-alive');
  await client.open(uri, DEFENSIVE_REPLY);
  const { diagnostics } = await client.diagnosticsFor(uri, 1);
  expect(diagnostics.length).toBe(4);
  expect(await client.hover(uri, diagnostics[0].range.start)).not.toBeNull();
  expect(client.exited).toBe(false);
}

/** Code units the engine has no business seeing in a reply: NUL, lone surrogates, controls, BOMs, RTL marks. */
function garbage(length: number): string {
  let seed = 42;
  let text = '';
  while (text.length < length) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    text += String.fromCharCode(seed % 0x10000);
  }
  return `\u0000\uD800\uDFFF\uDC00\uFEFF\u202E\r\r\n\n${text}\uD83D`;
}

describe('robustness', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(() => client.stop());

  it('lints an empty document to no findings', async () => {
    const uri = uniqueUri('empty');
    await client.open(uri, '');
    expect((await client.diagnosticsFor(uri, 1)).diagnostics).toEqual([]);
    await expectAnswering(client);
  });

  it('survives garbage, and edits that tear it apart', async () => {
    const uri = uniqueUri('garbage');
    await client.open(uri, garbage(20000));
    await client.diagnosticsFor(uri, 1);
    const version = await client.change(uri, [
      { range: { start: { line: 0, character: 2 }, end: { line: 3, character: 1 } }, text: '\uDBFF' },
    ]);
    await client.diagnosticsFor(uri, version);
    await expectAnswering(client);
  });

  it('lints a 5 MB document and keeps answering', { timeout: 180_000 }, async () => {
    // Realistic shape: paragraphs of a long thread, a few findings per screen, not one per line.
    const paragraph =
      'Hi Sam,\n\nThanks for the details. The export runs every night at two and the report lands in your inbox. ' +
      'If it does not, check the spam folder first, then write back with the time you expected it.\n\n' +
      'As I said, you should have cleared your cache.\n\n';
    const text = paragraph.repeat(Math.ceil(5_000_000 / paragraph.length));
    const uri = uniqueUri('five-megabytes');
    const sentAt = await client.open(uri, text);
    // Linted in the worker: seconds, many more on a busy machine; the guard only turns a hang into a failure.
    const { diagnostics } = await client.diagnosticsFor(uri, 1, 0, 150_000);
    console.log(
      `5 MB document (${text.length} UTF-16 units): ${diagnostics.length} diagnostics after ${(performance.now() - sentAt).toFixed(0)} ms`,
    );
    expect(diagnostics.length).toBeGreaterThan(0);
    await expectAnswering(client);
    await client.close(uri);
  });
});

/**
 * The server never goes deaf: broken framing makes it exit (its client restarts it), a
 * cancelled request is answered RequestCancelled and its work stops, a client that never
 * answers workspace/configuration gets the defaults, and a large document is linted off the
 * thread that answers hovers. Each waits for events (a response, an exit, a notification),
 * never for a time; timers only turn a hang into a readable failure.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { CodeAction, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { MAX_DIAGNOSTICS_PER_DOCUMENT } from '../../server/lsp/editorLint';
import { DEFENSIVE_REPLY } from './fixtures';
import { LspTestClient, SERVER_PATH, uniqueUri } from './lspClient';

const REQUEST_CANCELLED = -32800;
const PARAGRAPH =
  'Hi Sam,\n\nAs I already said, the export runs every night at two and the report lands in your inbox. ' +
  'If it does not, check the spam folder first. Thanks for your patience.\n\n';
/** Long enough to go to the lint worker and to take a while there; every paragraph has a safe fix. */
const manyParagraphs = (characters: number) => PARAGRAPH.repeat(Math.ceil(characters / PARAGRAPH.length));
/** Blame on every line of a pasted thread: one finding per line, far past the cap. */
const BLAME_LINE = 'You should have cleared your cache.\n';

function within<T>(promise: Promise<T>, what: string, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

const INITIALIZE = frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

/**
 * Starts the server over stdio, initializes it (so it is known to be listening), then sends
 * `bytes`; resolves with how it exited and what it said on stderr.
 */
function sendAfterInitialize(bytes: Buffer): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let stdout = '';
  let sent = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('latin1');
    if (!sent && stdout.includes('"capabilities"')) {
      sent = true;
      child.stdin.write(bytes);
    }
  });
  child.stdin.on('error', () => {}); // the server may exit before all bytes are taken
  child.stdin.write(INITIALIZE);
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return within(exited, 'exit after broken framing', 20_000).finally(() => child.kill());
}

describe('broken framing: the server says why and exits, so its client can restart it', () => {
  const garbage = Buffer.alloc(20_000);
  for (let i = 0, seed = 7; i < garbage.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    garbage[i] = seed >> 16;
  }
  const hover = { jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.reply' }, position: { line: 0, character: 0 } } };
  const body = JSON.stringify(hover);
  const cases: Array<[string, Buffer]> = [
    ['no Content-Length', Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`)],
    ['a Content-Length that is not a number', Buffer.from(`Content-Length: twelve\r\n\r\n${body}`)],
    ['a Content-Length too short', Buffer.concat([Buffer.from(`Content-Length: ${body.length - 5}\r\n\r\n${body}`), frame(hover)])],
    ['a Content-Length too long, then the next message', Buffer.concat([Buffer.from(`Content-Length: ${body.length + 4000}\r\n\r\n${body}`), frame(hover)])],
    ['binary garbage', garbage],
  ];
  it.each(cases)('%s', async (_name, bytes) => {
    const { code, stderr } = await sendAfterInitialize(bytes);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Replylint cannot read the client's messages \(.+\); exiting so that the client can restart the server\.\n$/);
  });
});

describe('a busy server', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(() => client.stop());

  /** Sends a fix-all code action request that can be cancelled; resolves with its actions or rejects with its error. */
  function fixAll(uri: string, source: CancellationTokenSource): Promise<CodeAction[]> {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return client.connection.sendRequest(
      'textDocument/codeAction',
      { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll.replylint'] } },
      source.token,
    );
  }

  it('answers a cancelled request RequestCancelled, queued or running, and keeps answering', async () => {
    const running = uniqueUri('fix-all-running');
    const queued = uniqueUri('fix-all-queued');
    await client.open(running, manyParagraphs(1_000_000));
    await client.open(queued, manyParagraphs(1_000_000));
    await client.diagnosticsFor(running, 1, 0, 120_000);
    await client.diagnosticsFor(queued, 1, 0, 120_000);

    const first = new CancellationTokenSource();
    const second = new CancellationTokenSource();
    const firstAnswer = fixAll(running, first).then(
      () => 'result',
      (error: ResponseError<unknown>) => error.code,
    );
    const secondAnswer = fixAll(queued, second).then(
      () => 'result',
      (error: ResponseError<unknown>) => error.code,
    );
    // The second waits behind the first: cancelled, it is answered without waiting for the first.
    second.cancel();
    expect(await within(Promise.race([secondAnswer, firstAnswer.then((answer) => `first: ${answer}`)]), 'answer')).toBe(REQUEST_CANCELLED);
    // The first is under way by now: cancelled, its fix-all (seconds of work) stops and is not sent.
    first.cancel();
    expect(await within(firstAnswer, 'answer to the cancelled fix-all')).toBe(REQUEST_CANCELLED);

    // Not cancelled, the same request is answered with the fix.
    const [action] = await within(fixAll(running, new CancellationTokenSource()), 'fix-all', 120_000);
    expect(action.title).toBe('Fix all Replylint problems');
    await client.close(running);
    await client.close(queued);
  }, 300_000);

  it('answers hovers and code actions on other documents while a large one lints, and caps its diagnostics', async () => {
    const small = uniqueUri('small');
    await client.open(small, DEFENSIVE_REPLY);
    const [first] = (await client.diagnosticsFor(small, 1)).diagnostics;

    const large = uniqueUri('large-paste');
    const megabytes = Number(process.env.LARGE_PASTE_MB ?? 2);
    const text = BLAME_LINE.repeat(Math.ceil((megabytes * 1024 * 1024) / BLAME_LINE.length));
    const sentAt = await client.open(large, text);
    const published = () => client.published.some((params) => params.uri === large);
    const hover = await client.hover(small, first.range.start);
    const actions = await client.codeActions(small, first.range, [first]);
    // Both answered while the large document was still linting: its diagnostics had not come.
    expect(published()).toBe(false);
    expect(hover).not.toBeNull();
    expect(actions.length).toBeGreaterThan(0);

    const diagnostics: PublishDiagnosticsParams = await client.diagnosticsFor(large, 1, 0, 600_000);
    const notificationBytes = Buffer.byteLength(JSON.stringify(diagnostics));
    console.info(
      `${megabytes} MB paste: ${diagnostics.diagnostics.length} diagnostics in a ${(notificationBytes / 1024).toFixed(0)} KB ` +
        `notification after ${((performance.now() - sentAt) / 1000).toFixed(1)} s`,
    );
    expect(diagnostics.diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_DOCUMENT + 1);
    const summary = diagnostics.diagnostics.at(-1)!;
    expect(summary).toMatchObject({ severity: 3, source: 'replylint' });
    expect(summary.message).toMatch(/^Replylint shows the first 1000 findings of a document; \d+ more from here on are not shown\./);
    expect(notificationBytes).toBeLessThan(4 * 1024 * 1024);
    await client.close(large);
  }, 900_000);
});

describe('a client that never answers workspace/configuration', () => {
  let client: LspTestClient;
  let answer: (settings: unknown[]) => void = () => {};
  beforeAll(async () => {
    // The first request is never answered until the test says so; later ones are answered at once.
    let asked = 0;
    client = await LspTestClient.start({
      configuration: () => (++asked === 1 ? new Promise<unknown[]>((resolve) => (answer = resolve)) : [{ rules: { 'no-defensive': 'off' } }]),
    });
  });
  afterAll(() => client.stop());

  it('still gets diagnostics and hovers, with the defaults, and the real settings when they come', async () => {
    const uri = uniqueUri('unanswered-settings');
    await client.open(uri, DEFENSIVE_REPLY);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('no-defensive');
    expect(await client.hover(uri, diagnostics[0].range.start)).not.toBeNull();
    expect(client.log.join('\n')).toMatch(/did not answer workspace\/configuration/);

    const before = client.published.length;
    answer([{ rules: { 'no-defensive': 'off' } }]);
    const relinted = await client.diagnostics(uri, () => true, before);
    expect(relinted.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain('no-defensive');
  });
});

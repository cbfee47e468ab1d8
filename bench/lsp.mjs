// The language server as an editor sees it, over stdio: spawn → first diagnostics, then one
// keystroke at a time → the diagnostics of that version, and the server's peak memory.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Peak resident memory of a live process in MB (Linux), or undefined elsewhere. */
function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * Opens `text` in a fresh server and types `edits` characters into it, one at a time, each
 * waiting for the diagnostics of its version (an editor's keystroke → squiggles).
 * `folder`: the workspace folder holding the document (and any rule file).
 */
export async function serverSession({ text, edits = 200, folder = root, fileName = 'bench.reply', serverPath = join(root, 'dist/server.js'), nodeArgs = [] }) {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = new Map();
  const ruleIds = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    for (const diagnostic of params.diagnostics) if (diagnostic.code) ruleIds.add(String(diagnostic.code));
    const waiter = waiters.get(params.version);
    if (waiter) {
      waiters.delete(params.version);
      waiter(params.diagnostics.length);
    }
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  const rootUri = pathToFileURL(folder).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  connection.sendNotification('initialized', {});
  const uri = pathToFileURL(join(folder, fileName)).href;
  const published = (version) => new Promise((resolve) => waiters.set(version, resolve));
  let wait = published(1);
  const opened = performance.now();
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'service-script', version: 1, text } });
  const firstCount = await wait;
  const firstDiagnosticsMs = performance.now() - started;
  const openToDiagnosticsMs = performance.now() - opened;

  // Typing a sentence at the end of the first paragraph, one character per edit.
  const typed = ' We will get back to you soon about the refund and the replacement parts you asked for';
  let at = text.indexOf('\n\n', text.indexOf('\n\n') + 2);
  if (at < 0) at = text.length;
  const line = text.slice(0, at).split('\n').length - 1;
  let character = at - (text.lastIndexOf('\n', at - 1) + 1);
  const latencies = [];
  for (let i = 0; i < edits; i++) {
    const version = i + 2;
    const ch = typed[i % typed.length];
    wait = published(version);
    const sent = performance.now();
    connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ch }],
    });
    await wait;
    latencies.push(performance.now() - sent);
    character++;
  }
  const rssMb = peakRssMb(child.pid);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  const timer = setTimeout(() => child.kill(), 5000);
  await exited;
  clearTimeout(timer);
  connection.dispose();
  latencies.sort((a, b) => a - b);
  return {
    firstDiagnosticsMs,
    openToDiagnosticsMs,
    firstCount,
    keystrokeMedianMs: quantile(latencies, 0.5),
    keystrokeP95Ms: quantile(latencies, 0.95),
    peakRssMb: rssMb,
    ruleIds,
  };
}

// Speed and memory of Replylint beside peer prose linters, in one run, reported as ratios.
// Peers (write-good, alex) are installed into .cache/bench on first use, not into the project.
// Figures are wall-clock on this machine; compare ratios from one run, not absolute numbers across runs.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import rpc from 'vscode-jsonrpc/node';
import { loadCorpus } from '../tests/corpus/evaluate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.cache', 'bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PEERS = { 'write-good': 'write-good@1.0.8', alex: 'alex@11.0.1' };

function installPeers() {
  const missing = Object.keys(PEERS).filter((name) => !existsSync(join(work, 'node_modules', name, 'package.json')));
  if (missing.length === 0) return;
  console.error(`installing ${missing.join(', ')} into .cache/bench …`);
  mkdirSync(work, { recursive: true });
  execFileSync('npm', ['install', '--prefix', work, '--no-save', '--no-audit', '--no-fund', ...missing.map((n) => PEERS[n])], {
    stdio: 'ignore',
  });
}

/** The labelled replies, written once as .reply (for us) and .txt (for the peers), `copies` times over. */
function writeReplies(copies) {
  const folder = join(work, `replies-x${copies}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const replies = [...loadCorpus(), ...loadCorpus(join(root, 'tests/corpus/holdout.jsonl'))];
  let bytes = 0;
  for (let copy = 0; copy < copies; copy++) {
    for (const reply of replies) {
      const name = `${copy}-${reply.id}`;
      writeFileSync(join(folder, `${name}.reply`), reply.text);
      writeFileSync(join(folder, `${name}.txt`), reply.text);
      bytes += Buffer.byteLength(reply.text);
    }
  }
  const files = (ext) => readdirSync(folder).filter((f) => f.endsWith(ext)).map((f) => join(folder, f));
  return { folder, count: replies.length * copies, bytes, replyFiles: files('.reply'), textFiles: files('.txt') };
}

/** Median wall time (s) and peak memory (MB) of a command over RUNS runs, via /usr/bin/time. */
function measure(command, args) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    const last = result.stderr.trim().split('\n').pop() ?? '';
    const [seconds, kilobytes] = last.split(' ').map(Number);
    if (!Number.isFinite(seconds)) throw new Error(`could not time ${command} ${args.slice(0, 2).join(' ')}: ${result.stderr.slice(-500)}`);
    samples.push({ seconds, megabytes: kilobytes / 1024 });
  }
  samples.sort((a, b) => a.seconds - b.seconds);
  return samples[Math.floor(samples.length / 2)];
}

function lintCommands(set) {
  return {
    replylint: ['node', [join(root, 'dist/cli.js'), '--format', 'json', set.folder]],
    'write-good': ['node', [join(work, 'node_modules/write-good/bin/write-good.js'), ...set.textFiles]],
    alex: ['node', [join(work, 'node_modules/alex/cli.js'), '--quiet', ...set.textFiles]],
  };
}

/** Language server latency: spawn → first diagnostics, and edit → fresh diagnostics while warm. */
async function serverLatency() {
  const started = performance.now();
  const child = spawn('node', [join(root, 'dist/server.js'), '--stdio']);
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => waiters.get(params.version)?.());
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  connection.sendNotification('initialized', {});
  const uri = 'file:///bench.reply';
  const text = 'Hi Sam,\n\nAs I already said, you should have cleared your cache. We apologize for any inconvenience.\n';
  const published = (version) => new Promise((resolve) => waiters.set(version, resolve));
  let wait = published(1);
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'service-script', version: 1, text } });
  await wait;
  const cold = performance.now() - started;
  const edits = [];
  for (let version = 2; version < 32; version++) {
    wait = published(version);
    const sent = performance.now();
    connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text: `${text}Reply ${version}.` }],
    });
    await wait;
    edits.push(performance.now() - sent);
  }
  child.kill();
  edits.sort((a, b) => a - b);
  return { cold, editMedian: edits[Math.floor(edits.length / 2)] };
}

installPeers();
execFileSync('node', ['esbuild.mjs'], { cwd: root });
const table = [];
for (const copies of [1, 5]) {
  const set = writeReplies(copies);
  const results = Object.fromEntries(Object.entries(lintCommands(set)).map(([tool, [command, args]]) => [tool, measure(command, args)]));
  for (const [tool, result] of Object.entries(results)) {
    table.push({
      set: `${set.count} replies, ${(set.bytes / 1024).toFixed(0)} KB`,
      tool,
      seconds: result.seconds.toFixed(2),
      megabytes: result.megabytes.toFixed(0),
      'time vs replylint': (result.seconds / results.replylint.seconds).toFixed(2),
      'memory vs replylint': (result.megabytes / results.replylint.megabytes).toFixed(2),
    });
  }
}
const latency = await serverLatency();
console.log(`\nCLI over the labelled corpora (median of ${RUNS} runs; peers lint the same text as .txt)\n`);
console.table(table);
console.log(`\nLanguage server: spawn → first diagnostics ${latency.cold.toFixed(0)} ms; edit → fresh diagnostics (median of 30, incl. 100 ms debounce) ${latency.editMedian.toFixed(0)} ms`);

// A team's catastrophic-backtracking pattern rule on long lines (bench/customPattern.mjs).
const { customPatternBench } = await import('./customPattern.mjs');
const customPattern = await customPatternBench();
console.log('\nCustom pattern rule (a+)+$ on one line of 5, 50 and 500 KB: RE2 keeps it linear');
console.table(customPattern.rows);
console.table(customPattern.javascript);

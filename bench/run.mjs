// `npm run bench`: Replylint's speed and memory beside peer prose linters, in one run, on this
// machine, written to bench/RESULTS.md with the machine and the date.
//
// - Inputs are generated deterministically from the team's own replies (bench/inputs.mjs).
// - Peers (textlint + textlint-rule-prh, prh alone, harper.js, write-good, alex) are installed on
//   first use into bench/.peers, outside git (bench/peers.mjs).
// - Every comparison is interleaved: one sample of each tool in turn, round after round, so a
//   machine that gets busier halfway through slows every tool alike. Ratios are Replylint / peer.
// - Whole processes are timed with /usr/bin/time (wall, user + system CPU, peak RSS).
// - Other bench modules (bench/library.mjs, bench/customPattern.mjs, ...) join the run when they
//   exist: each exports `title` and `run(context)` returning `{ rows, notes? }`.
//
// Figures are for comparing within one run; absolute numbers move with the machine's load.
// BENCH_QUICK=1 runs fewer rounds and skips the 100,000-reply set, for trying the bench out.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { customPhrases, documentOfBytes, replyOfWords, replySet } from './inputs.mjs';
import { serverSession } from './lsp.mjs';
import { installPeers, peerCommands, peerLinters, PEERS_DIR, phraseToRegExp, scriptedPhrasePatterns, writePrhDictionary } from './peers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(PEERS_DIR, 'work');
const QUICK = process.env.BENCH_QUICK === '1';
const cli = join(root, 'dist', 'cli.js');
const sections = [];
const started = new Date();
const loadAtStart = loadavg();

const log = (message) => console.error(`bench: ${message}`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (value) => (value === undefined ? '—' : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const ratio = (ours, theirs) => (ours === undefined || theirs === undefined || theirs === 0 ? '—' : (ours / theirs).toFixed(2));

/** The engine as shipped (same build options as dist/), for in-process figures. */
async function loadEngine() {
  const require = createRequire(join(root, 'package.json'));
  const esbuild = require('esbuild');
  const { commonOptions } = await import(pathToFileURL(join(root, 'esbuild.mjs')).href);
  const result = await esbuild.build({ ...commonOptions, absWorkingDir: root, entryPoints: ['shared/index.ts'], sourcemap: false, write: false, logLevel: 'silent' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

/**
 * Interleaved timing: each round times one call of every tool, in a rotating order, until every
 * tool has `samples` samples or has used up `budgetMs` (a slow peer gets fewer samples, said in n).
 */
async function interleave(tools, inputs, { samples = 30, budgetMs = 15_000 } = {}) {
  const names = Object.keys(tools);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  const spent = Object.fromEntries(names.map((name) => [name, 0]));
  for (let round = 0; round < samples; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      if (spent[name] > budgetMs && times[name].length >= 1) continue;
      const input = inputs[round % inputs.length];
      const t = performance.now();
      await tools[name](input);
      const elapsed = performance.now() - t;
      times[name].push(elapsed);
      spent[name] += elapsed;
    }
  }
  return Object.fromEntries(names.map((name) => [name, { median: median(times[name]), n: times[name].length }]));
}

/** One run of a command under /usr/bin/time: wall and CPU seconds, peak RSS in MB. */
function timeProcess(command, args, options = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', command, ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [wall, user, system, kb] = last.split(' ').map(Number);
  if (!Number.isFinite(wall)) throw new Error(`could not time ${command} ${args.slice(0, 3).join(' ')}: ${result.stderr.slice(-400)}`);
  return { wall: wall * 1000, cpu: (user + system) * 1000, rss: kb / 1024 };
}

/** Interleaved whole-process runs; a command slower than `slowMs` is run once. */
function interleaveProcesses(commands, { runs = 5, slowMs = 15_000 } = {}) {
  const names = Object.keys(commands);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < runs; round++) {
    for (const name of names.map((_, i) => names[(i + round) % names.length])) {
      const done = samples[name];
      if (done.length > 0 && done[0].wall > slowMs) continue;
      const [command, args, options] = commands[name];
      done.push(timeProcess(command, args, options));
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const runsOf = samples[name];
      return [name, { wall: median(runsOf.map((r) => r.wall)), cpu: median(runsOf.map((r) => r.cpu)), rss: Math.max(...runsOf.map((r) => r.rss)), n: runsOf.length }];
    }),
  );
}

function section(title, columns, rows, notes = []) {
  sections.push({ title, columns, rows, notes });
  console.log(`\n## ${title}\n`);
  console.table(rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]]))));
  for (const note of notes) console.log(note);
}

/** Writes `count` replies as .reply files (and .txt copies for the peers) once; later runs reuse them. */
function replyFolder(count) {
  const folder = join(work, `replies-${count}`);
  const marker = join(folder, '.complete');
  if (!existsSync(marker)) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(join(folder, 'reply'), { recursive: true });
    mkdirSync(join(folder, 'txt'), { recursive: true });
    replySet(count).forEach((text, i) => {
      writeFileSync(join(folder, 'reply', `${i}.reply`), text);
      if (count <= 5000) writeFileSync(join(folder, 'txt', `${i}.txt`), text);
    });
    writeFileSync(marker, '');
  }
  const txt = count <= 5000 ? readdirSync(join(folder, 'txt')).map((f) => join(folder, 'txt', f)) : [];
  return { folder: join(folder, 'reply'), txt };
}

async function inProcess(engine, peers) {
  const linter = engine.linterFor({});
  const replylint = (text) => linter.lint(text).findings.length;
  const prhScripted = peers.prhEngine(peers.scriptedDictionary);
  const textlintPrh = peers.textlintPrh();
  const tools = { Replylint: replylint, 'prh (loaded once)': prhScripted, 'textlint+prh': textlintPrh, 'harper.js': peers.harper, 'write-good': peers.writeGood, alex: peers.alex };
  const cases = [
    ['a 130-word reply', Array.from({ length: 8 }, (_, i) => replyOfWords(130, 1000 + i)), { samples: QUICK ? 10 : 40 }],
    ['a 470-word reply', Array.from({ length: 8 }, (_, i) => replyOfWords(470, 2000 + i)), { samples: QUICK ? 10 : 30 }],
    // a new document each sample: nothing of it is cached yet
    ['a 76 KB document (new each time)', Array.from({ length: 12 }, (_, i) => documentOfBytes(76 * 1024, 3000 + i)), { samples: QUICK ? 3 : 12, budgetMs: 20_000 }],
  ];
  const rows = [];
  for (const [name, inputs, options] of cases) {
    // warm every tool on text it will not be timed on: fifty replies of the kind it will read
    for (const tool of Object.values(tools)) for (const text of replySet(50, 9)) await tool(text);
    log(`in process: ${name}`);
    const result = await interleave(tools, inputs, options);
    for (const [tool, { median: time, n }] of Object.entries(result)) {
      rows.push({ input: name, tool, 'ms (median)': ms(time), n, 'Replylint / tool': tool === 'Replylint' ? '' : ratio(result.Replylint.median, time) });
    }
  }
  const doc = documentOfBytes(76 * 1024, 3000);
  linter.lint(doc);
  const relint = await interleave({ Replylint: (text) => linter.lint(text) }, [doc.replace('Hi', 'Hey'), doc.replace('Hi', 'Hello')], { samples: 20 });
  section('Lint in process, warm (the engine as the editor and the CLI run it)', ['input', 'tool', 'ms (median)', 'n', 'Replylint / tool'], rows, [
    `Replylint re-lint of the same 76 KB document after an edit: ${ms(relint.Replylint.median)} ms.`,
    'prh (loaded once) and textlint+prh run the same phrases as no-scripted-phrase (as regular expressions); harper.js, write-good and alex check other things, at their own cost.',
  ]);
  return { relint76: relint.Replylint.median, rows };
}

async function customPhraseCost(engine, peers) {
  const replies = replySet(300, 11);
  const rows = [];
  const figures = {};
  for (const count of [100, 1000, 10000]) {
    const phrases = customPhrases(count);
    const config = { custom: [{ id: 'bench/custom', kind: 'phrase', message: 'Our wording: {match}.', phrases }] };
    const compiles = [];
    let linter;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      linter = new engine.Linter({ ...config, accept: [`x${i}`] });
      compiles.push(performance.now() - t);
    }
    const dictionary = writePrhDictionary(join(work, `prh-custom-${count}.yml`), { literals: phrases });
    let t = performance.now();
    const prh = peers.prhEngine(dictionary);
    const prhLoad = performance.now() - t;
    const textlint = peers.textlintPrh(dictionary);
    for (const text of replies.slice(0, 5)) {
      linter.lint(text);
      prh(text);
    }
    const perReply = await interleave(
      {
        Replylint: (text) => linter.lint(text),
        'prh (loaded once)': prh,
        ...(count <= 1000 ? { 'textlint+prh': textlint } : {}),
      },
      replies,
      { samples: QUICK ? 60 : 300, budgetMs: 10_000 },
    );
    figures[count] = { compile: median(compiles), perReply: perReply.Replylint.median };
    rows.push({ phrases: count, tool: 'Replylint', 'compile / load ms': ms(median(compiles)), 'per reply ms': ms(perReply.Replylint.median), n: perReply.Replylint.n });
    rows.push({ phrases: count, tool: 'prh (loaded once)', 'compile / load ms': ms(prhLoad), 'per reply ms': ms(perReply['prh (loaded once)'].median), n: perReply['prh (loaded once)'].n });
    if (perReply['textlint+prh']) rows.push({ phrases: count, tool: 'textlint+prh', 'compile / load ms': 'every lint', 'per reply ms': ms(perReply['textlint+prh'].median), n: perReply['textlint+prh'].n });
  }
  section('Custom phrases: compile once, then lint 300 replies', ['phrases', 'tool', 'compile / load ms', 'per reply ms', 'n'], rows, [
    `Replylint per-reply time with 10,000 phrases / with 100: ${ratio(figures[10000].perReply, figures[100].perReply)}.`,
  ]);
  return figures;
}

function wholeProcesses(commands) {
  const rows = [];
  const figures = {};
  const one = join(work, 'one');
  mkdirSync(one, { recursive: true });
  writeFileSync(join(one, 'reply.reply'), replyOfWords(130, 1000));
  writeFileSync(join(one, 'reply.txt'), replyOfWords(130, 1000));
  const sets = [
    ['1 reply', { folder: join(one, 'reply.reply'), txt: [join(one, 'reply.txt')] }, QUICK ? 3 : 9],
    ['300 replies', replyFolder(300), QUICK ? 1 : 5],
    ['5,000 replies', replyFolder(5000), QUICK ? 1 : 3],
  ];
  for (const [name, set, runs] of sets) {
    log(`whole process: ${name}`);
    const tools = {
      ...(name === '1 reply' ? { "bare node -e ''": [process.execPath, ['-e', '']] } : {}),
      Replylint: [process.execPath, [cli, '--format', 'json', set.folder]],
      ...Object.fromEntries(Object.entries(commands).map(([tool, make]) => [tool, [...make(set.txt), { cwd: PEERS_DIR }]])),
    };
    const result = interleaveProcesses(tools, { runs });
    figures[name] = result;
    for (const [tool, r] of Object.entries(result)) {
      rows.push({
        input: name,
        tool,
        'wall ms': ms(r.wall),
        'CPU ms': ms(r.cpu),
        'peak RSS MB': r.rss.toFixed(0),
        n: r.n,
        'Replylint / tool': tool === 'Replylint' ? '' : ratio(result.Replylint.wall, r.wall),
      });
    }
  }
  if (!QUICK) {
    log('whole process: 100,000 replies');
    const set = replyFolder(100000);
    const concurrency = execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).includes('--concurrency');
    const args = [cli, '--format', 'json', ...(concurrency ? ['--concurrency', 'auto'] : []), set.folder];
    const r = timeProcess(process.execPath, args);
    figures['100,000 replies'] = { Replylint: r };
    rows.push({ input: `100,000 replies${concurrency ? ' (--concurrency auto)' : ''}`, tool: 'Replylint', 'wall ms': ms(r.wall), 'CPU ms': ms(r.cpu), 'peak RSS MB': r.rss.toFixed(0), n: 1, 'Replylint / tool': '' });
  }
  section('The CLI, whole process (wall, user + system CPU, peak RSS)', ['input', 'tool', 'wall ms', 'CPU ms', 'peak RSS MB', 'n', 'Replylint / tool'], rows, [
    'Peers lint the same texts as .txt files; textlint runs textlint-rule-prh with the no-scripted-phrase phrases.',
  ]);
  return figures;
}

async function languageServer() {
  const rows = [];
  const fresh = [];
  const reply470 = replyOfWords(470, 470);
  for (let i = 0; i < (QUICK ? 2 : 5); i++) fresh.push(await serverSession({ text: reply470, edits: 0 }));
  const firstFromSpawn = median(fresh.map((s) => s.firstDiagnosticsMs));
  const firstFromOpen = median(fresh.map((s) => s.openToDiagnosticsMs));
  rows.push({ what: 'fresh server: spawn → first diagnostics', median: ms(firstFromSpawn), p95: '', 'peak RSS MB': '' });
  rows.push({ what: 'fresh server: didOpen → first diagnostics', median: ms(firstFromOpen), p95: '', 'peak RSS MB': '' });
  const edits = QUICK ? 50 : 200;
  log('language server: keystrokes');
  const small = await serverSession({ text: reply470, edits });
  rows.push({ what: `keystroke → diagnostics, 470 words (${edits} edits)`, median: ms(small.keystrokeMedianMs), p95: ms(small.keystrokeP95Ms), 'peak RSS MB': small.peakRssMb?.toFixed(0) });
  const large = await serverSession({ text: documentOfBytes(76 * 1024, 76), edits });
  rows.push({ what: `keystroke → diagnostics, 76 KB (${edits} edits)`, median: ms(large.keystrokeMedianMs), p95: ms(large.keystrokeP95Ms), 'peak RSS MB': large.peakRssMb?.toFixed(0) });
  // recommended + 10,000 custom phrases from a rule file in the workspace
  const team = join(work, 'team-10000');
  mkdirSync(team, { recursive: true });
  const phrases = customPhrases(10000);
  writeFileSync(
    join(team, '.replylint.yaml'),
    `root: true\nextends: [recommended]\ncustom:\n  - id: bench/custom\n    kind: phrase\n    message: "Our wording: {match}."\n    phrases:\n${phrases.map((p) => `      - ${JSON.stringify(p)}`).join('\n')}\n`,
  );
  const withTeam = await serverSession({ text: reply470.replace('Hi Sam,\n\n', `Hi Sam,\n\n${phrases[0]}.\n\n`), edits, folder: team });
  const applied = withTeam.ruleIds.has('bench/custom');
  rows.push({
    what: `keystroke → diagnostics, 470 words, recommended + 10,000 custom phrases (${edits} edits)${applied ? '' : ' (rule file NOT applied)'}`,
    median: ms(withTeam.keystrokeMedianMs),
    p95: ms(withTeam.keystrokeP95Ms),
    'peak RSS MB': withTeam.peakRssMb?.toFixed(0),
  });
  section('The language server over stdio (default settings)', ['what', 'median', 'p95', 'peak RSS MB'], rows);
  return { firstFromSpawn, firstFromOpen, small, large, withTeam, teamApplied: applied };
}

/** bench/*.mjs modules of other areas (library.mjs, customPattern.mjs, ...), run when present. */
async function extraModules(context) {
  const own = new Set(['run.mjs', 'inputs.mjs', 'lsp.mjs', 'peers.mjs']);
  const files = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.mjs') && !own.has(f)).sort();
  for (const file of files) {
    const module = await import(pathToFileURL(join(root, 'bench', file)).href);
    if (typeof module.run !== 'function') continue;
    log(`module ${file}`);
    try {
      const { rows = [], notes = [] } = (await module.run(context)) ?? {};
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      section(module.title ?? file, columns, rows, notes);
    } catch (error) {
      section(module.title ?? file, ['error'], [{ error: String(error?.message ?? error) }]);
    }
  }
}

function targets(figures) {
  const { lsp, cliRuns, custom, inproc } = figures;
  const one = cliRuns['1 reply'];
  const peerRatio = (set, peer) => (cliRuns[set]?.[peer] ? cliRuns[set].Replylint.wall / cliRuns[set][peer].wall : undefined);
  const warm76 = Number(inproc.rows.find((r) => r.input.startsWith('a 76 KB') && r.tool === 'Replylint')?.['ms (median)']);
  const check = (ok) => (ok === undefined ? '—' : ok ? 'yes' : 'no');
  const rows = [
    ['keystroke → diagnostics, 470 words: median ≤ 15 ms, p95 ≤ 30 ms', `${ms(lsp.small.keystrokeMedianMs)} / ${ms(lsp.small.keystrokeP95Ms)} ms`, check(lsp.small.keystrokeMedianMs <= 15 && lsp.small.keystrokeP95Ms <= 30)],
    ['keystroke → diagnostics, 76 KB: median ≤ 60 ms', `${ms(lsp.large.keystrokeMedianMs)} ms`, check(lsp.large.keystrokeMedianMs <= 60)],
    ['fresh server didOpen → first diagnostics ≤ 150 ms', `${ms(lsp.firstFromOpen)} ms (from spawn ${ms(lsp.firstFromSpawn)})`, check(lsp.firstFromOpen <= 150)],
    ['server peak RSS ≤ 80 MB, recommended + 10,000 custom phrases, 200 edits', `${lsp.withTeam.peakRssMb?.toFixed(0)} MB${lsp.teamApplied ? '' : ' (rule file not applied)'}`, check(lsp.teamApplied ? lsp.withTeam.peakRssMb <= 80 : undefined)],
    ["CLI one reply ≤ 1.6 × bare node -e ''", `${ms(one.Replylint.wall)} / ${ms(one["bare node -e ''"].wall)} ms = ${ratio(one.Replylint.wall, one["bare node -e ''"].wall)}`, check(one.Replylint.wall <= 1.6 * one["bare node -e ''"].wall)],
    ['300 replies: faster than write-good, ≤ 0.1 × textlint+prh', `${ratio(cliRuns['300 replies'].Replylint.wall, cliRuns['300 replies']['write-good'].wall)} / ${peerRatio('300 replies', 'textlint+prh')?.toFixed(2)}`, check(peerRatio('300 replies', 'write-good') < 1 && peerRatio('300 replies', 'textlint+prh') <= 0.1)],
    ['5,000 replies: faster than write-good, ≤ 0.1 × textlint+prh', `${ratio(cliRuns['5,000 replies'].Replylint.wall, cliRuns['5,000 replies']['write-good'].wall)} / ${peerRatio('5,000 replies', 'textlint+prh')?.toFixed(2)}`, check(peerRatio('5,000 replies', 'write-good') < 1 && peerRatio('5,000 replies', 'textlint+prh') <= 0.1)],
    ['100,000 replies ≤ 6 s, peak RSS ≤ 200 MB (--concurrency auto)', cliRuns['100,000 replies'] ? `${ms(cliRuns['100,000 replies'].Replylint.wall)} ms, ${cliRuns['100,000 replies'].Replylint.rss.toFixed(0)} MB` : 'not run', check(cliRuns['100,000 replies'] ? cliRuns['100,000 replies'].Replylint.wall <= 6000 && cliRuns['100,000 replies'].Replylint.rss <= 200 : undefined)],
    ['warm lint of a 76 KB document ≤ 20 ms', `${ms(warm76)} ms new, ${ms(inproc.relint76)} ms after an edit`, check(warm76 <= 20)],
    ['10,000 custom phrases: compile ≤ 100 ms', `${ms(custom[10000].compile)} ms`, check(custom[10000].compile <= 100)],
    ['10,000 custom phrases: per reply ≤ 1.3 × that of 100', ratio(custom[10000].perReply, custom[100].perReply), check(custom[10000].perReply <= 1.3 * custom[100].perReply)],
  ].map(([target, measured, met]) => ({ target, measured, met }));
  section('Targets of issue 10', ['target', 'measured', 'met'], rows);
}

function writeResults() {
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
  const cpu = cpus();
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\`${QUICK ? ' (BENCH_QUICK=1: fewer rounds)' : ''} on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}.`,
    '',
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM (${(freemem() / 2 ** 30).toFixed(1)} GB free at the end), Node ${process.version}, ${process.platform}; load average at the start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}.`,
    '',
    'Every comparison is interleaved (one sample of each tool per round); ratios are Replylint / tool, so below 1 means Replylint is faster. Compare ratios within this run, not absolute figures across machines.',
  ];
  for (const { title, columns, rows, notes } of sections) {
    lines.push('', `## ${title}`, '', `| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`);
    for (const row of rows) lines.push(`| ${columns.map((c) => String(row[c] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`);
    if (notes.length) lines.push('', ...notes);
  }
  writeFileSync(join(root, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
  log('wrote bench/RESULTS.md');
}

installPeers();
log('building …');
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
mkdirSync(work, { recursive: true });
const scriptedDictionary = writePrhDictionary(join(work, 'prh-scripted.yml'), { regexps: scriptedPhrasePatterns().map(phraseToRegExp) });
const engine = await loadEngine();
const peers = { ...(await peerLinters({ prhDictionary: scriptedDictionary })), scriptedDictionary };
const figures = {};
figures.inproc = await inProcess(engine, peers);
log('custom phrases');
figures.custom = await customPhraseCost(engine, peers);
figures.cliRuns = wholeProcesses(peerCommands({ prhDictionary: scriptedDictionary }));
figures.lsp = await languageServer();
await extraModules({ root, work, cli, engine, interleave, timeProcess, interleaveProcesses, median, quantile, log, inputs: await import('./inputs.mjs'), serverSession });
targets(figures);
writeResults();
// a hash of the inputs, so two RESULTS.md files can be seen to measure the same text
log(`inputs ${createHash('sha256').update(replyOfWords(470, 470) + documentOfBytes(76 * 1024, 76)).digest('hex').slice(0, 12)}`);

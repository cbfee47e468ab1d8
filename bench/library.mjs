// A generated macro library of 100,000 macros (help-desk exports: Zendesk, Freshdesk and Help
// Scout JSON, CSV, YAML saved replies), linted by the CLI three ways: on one thread, with
// `--concurrency auto`, and a second time with `--cache` (the first --cache run fills it).
// Run alone with `node bench/library.mjs [macros]`, or as part of `npm run bench`.
// The sentences are our own; nothing is taken from the corpus.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'dist', 'cli.js');

const GREETINGS = ['Hi {{ticket.requester.first_name}},', 'Hello there,', 'Hi Zoë 👋,', 'Good morning,', 'Hey,'];
const OPENERS = [
  'Thanks for the screenshots, they made this quick to find.',
  'Thanks for waiting while we checked with the warehouse.',
  'As I already said, the order left our depot on Monday.',
  'We apologize for any inconvenience this may have caused.',
  'Please be advised that refunds take 3–5 working days to show.',
  'You should have received a tracking e-mail with a "Track" button.',
  'The export you asked for is attached as a .csv file.',
];
const MIDDLES = [
  'The courier scans each parcel twice, so the first scan can look stuck for a day.',
  'Your plan renews on the 1st; nothing changes until then.',
  'I switched the "Sync" toggle back on from our side 🙏🏽, so your notes should reappear.',
  'We\'ll look into it and get back to you soon.',
  'It\'s not our fault the label printed twice, but I have cancelled the spare one.',
  'The path is C:\\Users\\you\\AppData\\Local\\Shop\\cache if you want to clear it yourself.',
  'Our team can extend the trial by 14 days if that helps you finish the migration.',
  'Rest assured, your card was not charged twice — the second line is a hold.',
];
const CLOSINGS = ['Best,\nSam', 'Cheers,\nAlex', 'Talk soon,\nPriya', '-- \nThe Shop team', 'Kind regards,\nNoor'];

/** A deterministic reply: the same library every run, so runs compare. */
function replyText(n) {
  const pick = (list, salt) => list[(n * 7919 + salt * 104729) % list.length];
  return `${pick(GREETINGS, 1)}\n\n${pick(OPENERS, 2)} ${pick(MIDDLES, 3)}\n\n${pick(MIDDLES, 4)}\n\n${pick(CLOSINGS, 5)}`;
}

const FORMATS = [
  {
    extension: 'json',
    write: (macros) => JSON.stringify({ macros: macros.map((m) => ({ id: m.id, title: m.title, active: true, actions: [{ field: 'status', value: 'pending' }, { field: 'comment_value', value: m.body }] })) }, null, 2),
  },
  { extension: 'json', write: (macros) => JSON.stringify(macros.map((m) => ({ id: m.id, title: m.title, folder_id: 3, content: m.body })), null, 2) },
  { extension: 'json', write: (macros) => JSON.stringify({ items: macros.map((m) => ({ id: m.id, name: m.title, text: m.body })) }) },
  { extension: 'csv', write: (macros) => `title,body\n${macros.map((m) => `"${m.title}","${m.body.replace(/"/g, '""')}"`).join('\n')}\n` },
  { extension: 'yml', write: (macros) => `replies:\n${macros.map((m) => `  - title: ${JSON.stringify(m.title)}\n    body: ${JSON.stringify(m.body)}\n`).join('')}` },
];

/** Writes the library (100 files of equal size) unless it is already there; returns its folder. */
export function writeLibrary(macros = 100_000, files = 100) {
  const folder = join(root, '.cache', 'bench', `library-${macros}${files === 100 ? '' : `-in-${files}`}`);
  if (existsSync(join(folder, '.complete'))) return folder;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const perFile = Math.ceil(macros / files);
  for (let file = 0; file < files; file++) {
    const format = FORMATS[file % FORMATS.length];
    const batch = [];
    for (let i = file * perFile; i < Math.min(macros, (file + 1) * perFile); i++) batch.push({ id: 1_000_000 + i, title: `Macro ${i}: order ${i % 97}`, body: replyText(i) });
    writeFileSync(join(folder, `export-${String(file).padStart(3, '0')}.${format.extension}`), format.write(batch));
  }
  writeFileSync(join(folder, '.complete'), '');
  return folder;
}

/** Wall time (s) and peak memory (MB) of one CLI run, and its exit code. */
function timeCli(args, cwd) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kilobytes, user, system] = last.split(' ').map(Number);
  if (!Number.isFinite(seconds) || result.status === null || result.status > 1) {
    throw new Error(`replylint ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-800)}`);
  }
  return { seconds, cpuSeconds: user + system, megabytes: Math.round(kilobytes / 1024), findings: countFindings(result.stdout) };
}

function countFindings(stdout) {
  try {
    return JSON.parse(stdout).reduce((sum, result) => sum + result.messages.length, 0);
  } catch {
    return undefined;
  }
}

/** Runs the library case and returns its figures, printing a short table. */
export function benchLibrary(macros = Number(process.env.BENCH_LIBRARY_MACROS ?? (process.env.BENCH_QUICK ? 20_000 : 100_000))) {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const folder = writeLibrary(macros);
  const cache = join(folder, '..', `library-${macros}.replylintcache`);
  rmSync(cache, { force: true });
  const json = ['--format', 'json', '--output-file', '/dev/null'];
  const single = timeCli([...json, '--concurrency', '1', '.'], folder);
  const parallel = timeCli([...json, '--concurrency', 'auto', '.'], folder);
  const cold = timeCli([...json, '--concurrency', 'auto', '--cache', '--cache-location', cache, '.'], folder);
  const warm = timeCli([...json, '--concurrency', 'auto', '--cache', '--cache-location', cache, '.'], folder);
  const figures = {
    macros,
    cores: availableParallelism(),
    oneThreadSeconds: single.seconds,
    concurrencyAutoSeconds: parallel.seconds,
    cacheColdSeconds: cold.seconds,
    cacheWarmSeconds: warm.seconds,
    warmOverFirst: Number((warm.seconds / parallel.seconds).toFixed(3)),
    // CPU seconds (user + system, all threads): what the machine's other load does not inflate
    cpuSeconds: { oneThread: single.cpuSeconds, concurrencyAuto: parallel.cpuSeconds, cacheCold: cold.cpuSeconds, cacheWarm: warm.cpuSeconds },
    peakMegabytes: Math.max(single.megabytes, parallel.megabytes, cold.megabytes, warm.megabytes),
  };
  console.log(`\nMacro library: ${macros.toLocaleString('en')} macros in 100 export files, ${figures.cores} cores`);
  console.log(`  one thread             ${single.seconds.toFixed(1)} s  (${single.cpuSeconds.toFixed(1)} s CPU)`);
  console.log(`  --concurrency auto     ${parallel.seconds.toFixed(1)} s  (${parallel.cpuSeconds.toFixed(1)} s CPU; target < 30 s)`);
  console.log(`  --cache, first run     ${cold.seconds.toFixed(1)} s  (${cold.cpuSeconds.toFixed(1)} s CPU)`);
  console.log(`  --cache, second run    ${warm.seconds.toFixed(1)} s  (${warm.cpuSeconds.toFixed(1)} s CPU; ${(100 * figures.warmOverFirst).toFixed(0)}% of --concurrency auto; target < 20%)`);
  return figures;
}

/** The bench/run.mjs module protocol: a section of bench/RESULTS.md. */
export const title = 'Macro library: 100,000 macros (20,000 with BENCH_QUICK), CLI with --concurrency and --cache';

export async function run() {
  const f = benchLibrary();
  const rows = [
    { run: 'one thread (--concurrency 1)', seconds: f.oneThreadSeconds.toFixed(1), 'CPU s': f.cpuSeconds.oneThread.toFixed(1), target: '', met: '' },
    { run: '--concurrency auto', seconds: f.concurrencyAutoSeconds.toFixed(1), 'CPU s': f.cpuSeconds.concurrencyAuto.toFixed(1), target: '< 30 s', met: f.concurrencyAutoSeconds < 30 ? 'yes' : 'no' },
    { run: '--concurrency auto --cache (fills it)', seconds: f.cacheColdSeconds.toFixed(1), 'CPU s': f.cpuSeconds.cacheCold.toFixed(1), target: '', met: '' },
    {
      run: '--concurrency auto --cache, second run',
      seconds: f.cacheWarmSeconds.toFixed(1),
      'CPU s': f.cpuSeconds.cacheWarm.toFixed(1),
      target: `< 20% of --concurrency auto (${(100 * f.warmOverFirst).toFixed(0)}%)`,
      met: f.warmOverFirst < 0.2 ? 'yes' : 'no',
    },
  ];
  const notes = [
    `${f.macros.toLocaleString('en')} generated macros in 100 export files (Zendesk, Freshdesk and Help Scout JSON, CSV, YAML), ${f.cores} cores; \`--format json --output-file /dev/null\`; peak RSS ${f.peakMegabytes} MB. Other work on the machine slows the threaded runs most: read the load average above.`,
  ];
  return { rows, notes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const macros = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(benchLibrary(macros), null, 2));
}

// Big libraries in CI: worker threads (--concurrency), a results cache (--cache) and job-matrix
// shards (--shard), each giving exactly the report a plain run gives.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureCliBuilt, makeFolder, removeMadeFolders, runJson, runReplylint } from './cliProcess';

const BODIES = [
  'Hi Zoë 👋,\n\nAs I already said, the "Export" button sits under Settings → Data.',
  'Thanks for the screenshots! The switch was off; turning it on brings your notes back.',
  'You should have cleared the cache. Please be advised that it takes a minute.',
  "We'll look into it and get back to you soon.",
];

/** Twelve files: exports in three formats and plain replies, some clean, some not. */
function library(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 4; i++) {
    const macros = BODIES.map((body, j) => ({ title: `Macro ${i}.${j}`, body }));
    files[`exports/zendesk-${i}.json`] = JSON.stringify({ macros: macros.map((m) => ({ title: m.title, actions: [{ field: 'comment_value', value: m.body }] })) }, null, 2);
    files[`exports/saved-${i}.yml`] = macros.map((m) => `- title: ${m.title}\n  body: ${JSON.stringify(m.body)}\n`).join('');
    files[`replies/${i}.reply`] = BODIES[i];
  }
  files['exports/README.md'] = 'As I already said, these are exports.\n';
  return files;
}

let folder: string;
beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

describe('--concurrency', () => {
  it('gives the same report, in the same order, on worker threads as on one', () => {
    folder = makeFolder(library());
    const one = runReplylint(['--format', 'json', '--concurrency', '1', '.'], { cwd: folder });
    const two = runReplylint(['--format', 'json', '--concurrency', '2', '.'], { cwd: folder });
    const auto = runReplylint(['--format', 'json', '--concurrency', 'auto', '.'], { cwd: folder });
    expect(JSON.parse(one.stdout)).toHaveLength(12);
    expect(two.stdout).toBe(one.stdout);
    expect(auto.stdout).toBe(one.stdout);
    expect([two.status, two.stderr]).toEqual([one.status, one.stderr]);
  });

  it('shares one large export out by macro over the threads, with the same report', () => {
    const macros = Array.from({ length: 2500 }, (_, i) => ({ title: `Macro ${i}`, actions: [{ field: 'comment_value', value: `${BODIES[i % 4]} (${i})` }] }));
    const large = JSON.stringify({ macros }, null, 2);
    expect(large.length).toBeGreaterThan(512 * 1024);
    // A syntax error after the macros: reported once, in place, whichever way the file is linted.
    folder = makeFolder({ 'export.json': large, 'broken/export.json': `${large.slice(0, -2)},\n  "oops": \n}` });
    const one = runReplylint(['--format', 'json', '--concurrency', '1', '.'], { cwd: folder });
    const two = runReplylint(['--format', 'json', '--concurrency', '2', '.'], { cwd: folder });
    expect(two.stdout).toBe(one.stdout);
    const results = JSON.parse(one.stdout) as Array<{ messages: Array<{ ruleId: string | null; item?: { index: number } }> }>;
    // Every macro but the clean quarter (the screenshots reply) has findings.
    expect(new Set(results[1].messages.map((m) => m.item?.index)).size).toBe(1875);
    expect(results[0].messages.filter((m) => m.ruleId === null)).toHaveLength(1);
  });

  it('fixes the same files the same way on worker threads', () => {
    const one = makeFolder(library());
    const two = makeFolder(library());
    runReplylint(['--fix', '--concurrency', '1', '.'], { cwd: one });
    runReplylint(['--fix', '--concurrency', '2', '.'], { cwd: two });
    for (const file of Object.keys(library())) expect(readFileSync(join(two, file), 'utf8'), file).toBe(readFileSync(join(one, file), 'utf8'));
    expect(readFileSync(join(one, 'exports/zendesk-0.json'), 'utf8')).not.toContain('As I already said');
  });

  it('refuses a thread count that is not one', () => {
    folder = makeFolder(library());
    const run = runReplylint(['--concurrency', 'lots', '.'], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--concurrency needs auto, off or a number');
  });
});

describe('--cache', () => {
  it('keeps every file, findings or not, and a second run reports exactly what the first did', () => {
    folder = makeFolder(library());
    const plain = runReplylint(['--format', 'json', '.'], { cwd: folder });
    const first = runReplylint(['--format', 'json', '--cache', '.'], { cwd: folder });
    const second = runReplylint(['--format', 'json', '--cache', '.'], { cwd: folder });
    expect(first.stdout).toBe(plain.stdout);
    expect(second.stdout).toBe(plain.stdout);
    expect(second.status).toBe(plain.status);
    // One line per file linted (and per README looked at), with findings or without.
    const kept = readFileSync(join(folder, '.replylintcache'), 'utf8').split('\n').slice(1).map((line) => JSON.parse(line.split('\t')[0]) as string);
    expect(kept.sort()).toEqual(Object.keys(library()).map((file) => join(folder, file)).sort());
    // The stylish summary of a warm run is the same too (its messages are read back from the cache).
    expect(runReplylint(['--cache', '.'], { cwd: folder }).stdout).toBe(runReplylint(['.'], { cwd: folder }).stdout);

    // A warm run reads the kept outcome rather than linting: what the cache says is what is reported.
    const cacheFile = join(folder, '.replylintcache');
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').replaceAll('defends us instead of helping', 'was read from the cache'));
    const warm = runJson(['--cache', '.'], { cwd: folder });
    expect(warm.results.flatMap((r) => r.messages.map((m) => m.message)).filter((m) => m.includes('was read from the cache')).length).toBeGreaterThan(0);
  });

  it('lints a file again when its bytes change, and every file when the rules change', () => {
    folder = makeFolder(library());
    runReplylint(['--cache', '.'], { cwd: folder });
    writeFileSync(join(folder, 'exports/saved-1.yml'), '- title: Changed\n  body: As I already said, it is fixed.\n');
    writeFileSync(join(folder, 'replies/1.reply'), 'As I already said, it is fixed.');
    const changed = runJson(['--cache', '.'], { cwd: folder });
    expect(changed.results.find((r) => r.filePath.endsWith('replies/1.reply'))!.messages.map((m) => m.ruleId)).toContain('no-defensive');
    // Files read back and files linted again keep the order of a plain run.
    expect(changed.results.map((r) => r.filePath)).toEqual(runJson(['.'], { cwd: folder }).results.map((r) => r.filePath));
    expect(runReplylint(['--format', 'json', '--cache', '--concurrency', '2', '.'], { cwd: folder }).stdout).toBe(runReplylint(['--format', 'json', '.'], { cwd: folder }).stdout);

    const quiet = runJson(['--cache', '--rule', 'no-defensive: off', '.'], { cwd: folder });
    expect(quiet.results.flatMap((r) => r.messages.map((m) => m.ruleId))).not.toContain('no-defensive');
    expect(quiet.results.flatMap((r) => r.messages.map((m) => m.ruleId))).toContain('no-blame');
  });

  it('with --fix, lints again what has safe fixes and writes them; a second --fix changes nothing', () => {
    folder = makeFolder(library());
    const before = readFileSync(join(folder, 'exports/zendesk-2.json'), 'utf8');
    runReplylint(['--cache', '.'], { cwd: folder });
    runReplylint(['--cache', '--fix', '.'], { cwd: folder });
    const fixed = readFileSync(join(folder, 'exports/zendesk-2.json'), 'utf8');
    expect(fixed).not.toBe(before);
    expect(fixed).not.toContain('As I already said');
    const again = runJson(['--cache', '--fix', '.'], { cwd: folder });
    expect(readFileSync(join(folder, 'exports/zendesk-2.json'), 'utf8')).toBe(fixed);
    expect(again.results.every((r) => r.output === undefined)).toBe(true);
  });

  it('keeps the cache where --cache-location says, and starts afresh from a damaged one', () => {
    folder = makeFolder({ ...library(), 'ci-cache/keep': '' });
    runReplylint(['--cache', '--cache-location', 'ci-cache', '.'], { cwd: folder });
    expect(readFileSync(join(folder, 'ci-cache/.replylintcache'), 'utf8').split('\n')).toHaveLength(14);
    writeFileSync(join(folder, 'ci-cache/.replylintcache'), 'not a cache\n{{{');
    const run = runReplylint(['--format', 'json', '--cache', '--cache-location', 'ci-cache/', '.'], { cwd: folder });
    expect(run.stdout).toBe(runReplylint(['--format', 'json', '.'], { cwd: folder }).stdout);
  });
});

describe('--shard', () => {
  it('splits the files into parts that together are the whole run, each file in one part', () => {
    folder = makeFolder(library());
    const whole = runJson(['.'], { cwd: folder }).results.map((r) => r.filePath);
    const parts = [1, 2, 3].map((i) => runJson(['--shard', `${i}/3`, '.'], { cwd: folder }).results.map((r) => r.filePath));
    expect(parts.flat().sort()).toEqual([...whole].sort());
    for (const part of parts) expect(part.length).toBeGreaterThan(0);
    expect(new Set(parts.flat()).size).toBe(whole.length);
  });

  it('an empty part of a library is a clean run; a shard past the count is a usage error', () => {
    folder = makeFolder({ 'one.reply': BODIES[1] });
    const empty = runReplylint(['--shard', '2/2', '.'], { cwd: folder });
    expect([empty.status, empty.stderr]).toEqual([0, '']);
    const wrong = runReplylint(['--shard', '3/2', '.'], { cwd: folder });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--shard needs i/n');
  });
});

describe('the progress line', () => {
  // `script` gives the CLI a terminal, as a person running it has; the line's half-second delay is set to 0.
  const inTerminal = (cwd: string, env: Record<string, string>) =>
    spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --output-file /dev/null .`, '/dev/null'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, REPLYLINT_PROGRESS_AFTER_MS: '0', NO_COLOR: '1', CI: '', ...env },
    });
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)('counts the files on a terminal and is wiped at the end; never in CI', () => {
    folder = makeFolder({ 'a.reply': BODIES[0], 'b.reply': BODIES[1], 'c.reply': BODIES[2] });
    const shown = inTerminal(folder, {});
    expect(shown.stdout).toContain('replylint: 1 of 3 files');
    expect(shown.stdout.endsWith('\r\u001b[K')).toBe(true);
    expect(inTerminal(folder, { CI: 'true' }).stdout).toBe('');
  });
});

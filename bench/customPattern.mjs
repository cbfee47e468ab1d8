// A team's pattern rule that backtracks catastrophically in JavaScript, `(a+)+$`, timed by the
// engine on one line of 5 KB, 50 KB and 500 KB: RE2 (re2js) keeps it linear. For contrast,
// JavaScript's own RegExp on a line of only a few dozen characters, where each extra "a" doubles it.
// Run alone with `node bench/customPattern.mjs`, or as part of `npm run bench`.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** The engine as the bundles ship it (esbuild.mjs's options), loaded in this process. */
async function loadEngine() {
  const { commonOptions } = await import(pathToFileURL(join(root, 'esbuild.mjs')).href);
  const outfile = join(root, '.cache', 'bench', 'engine.cjs');
  mkdirSync(dirname(outfile), { recursive: true });
  await esbuild.build({ ...commonOptions, entryPoints: [join(root, 'shared', 'index.ts')], outfile, sourcemap: false });
  return createRequire(import.meta.url)(outfile);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function customPatternBench(engine) {
  const { Linter } = engine ?? (await loadEngine());
  const linter = new Linter({
    rules: { 'require-thanks': 'off' },
    custom: [{ id: 'bench/backtracking', kind: 'pattern', message: '{match}', pattern: '(a+)+$' }],
  });
  const without = new Linter({ rules: { 'require-thanks': 'off' } });
  // warm up the JIT, so the first size does not pay for it
  for (let i = 0; i < 3; i++) linter.lint(`${'a'.repeat(50_000)}b`);
  const time = (lint, line) => {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      lint.lint(line);
      times.push(performance.now() - started);
    }
    return median(times);
  };
  const rows = [];
  for (const kilobytes of [5, 50, 500]) {
    // all a's and a "b" at the end: no match, the worst case for a backtracking engine
    const line = `${'a'.repeat(kilobytes * 1024 - 1)}b`;
    if (linter.lint(line).findings.some((finding) => finding.ruleId === 'bench/backtracking')) {
      throw new Error('the pattern cannot match a line ending in "b"');
    }
    const withRule = time(linter, line);
    const patternMs = Math.max(0, withRule - time(without, line));
    rows.push({
      line: `${kilobytes} KB`,
      'lint with the rule, ms': withRule.toFixed(1),
      'the pattern’s share, ms': patternMs.toFixed(1),
      'pattern µs per KB': ((patternMs * 1000) / kilobytes).toFixed(0),
    });
  }
  const javascript = [];
  /(a+)+$/.test(`${'a'.repeat(16)}b`); // compile and warm up first
  for (const length of [20, 22, 24, 26]) {
    const started = performance.now();
    /(a+)+$/.test(`${'a'.repeat(length)}b`);
    javascript.push({ line: `${length + 1} characters`, 'JavaScript RegExp ms': (performance.now() - started).toFixed(1) });
  }
  return { rows, javascript };
}

/** For `npm run bench` (bench/run.mjs runs every bench module that exports `title` and `run`). */
export const title = 'A custom pattern rule that backtracks catastrophically elsewhere: (a+)+$ on one line';

export async function run(context) {
  const { rows, javascript } = await customPatternBench(context?.engine);
  return {
    rows,
    notes: [
      `Each line is all "a" and a final "b": no match, the worst case for a backtracking engine. RE2 (re2js) grows linearly; median of ${RUNS} runs, after a warm-up.`,
      `For contrast, JavaScript's own RegExp on tiny lines: ${javascript.map((row) => `${row.line} ${row['JavaScript RegExp ms']} ms`).join(', ')}; each extra "a" doubles it.`,
    ],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, javascript } = await customPatternBench();
  console.log(`\nCustom pattern rule (a+)+$ on one line (median of ${RUNS} runs)\n`);
  console.table(rows);
  console.table(javascript);
}

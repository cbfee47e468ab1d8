#!/usr/bin/env node
// Scores the lint engine against the hand-labelled corpus in tests/corpus/replies.jsonl.
//
//   node tests/corpus/evaluate.mjs                 per-category TP/FP/FN, precision, recall, F1
//   node tests/corpus/evaluate.mjs --errors        also list every false positive and false negative
//   node tests/corpus/evaluate.mjs --json          metrics as JSON (with --errors: the errors too)
//   node tests/corpus/evaluate.mjs --source social only replies of one source (comma-separated for several)
//   node tests/corpus/evaluate.mjs --category scripted   only one category in the report
//   node tests/corpus/evaluate.mjs --corpus tests/corpus/holdout.jsonl   another corpus (holdout: read the metrics only)
//
// It bundles shared/index.ts in memory with esbuild (as the real bundles do: .yaml inlined as data, .md as text),
// evaluates the bundle, and calls its `lint(text, { filePath })`. It is a report: it exits 0 whatever
// the scores. It exits 2 only when it cannot run at all (no engine, bad arguments, unreadable corpus).
//
// The functions are exported so a test can assert thresholds:
//   import { loadCorpus, loadLint, evaluate } from '../corpus/evaluate.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');
export const DEFAULT_CORPUS = join(here, 'replies.jsonl');
export const DEFAULT_ENTRY = 'shared/index.ts';

/** Which rule ids count as a prediction of each labelled category. */
export const CATEGORIES = {
  scripted: ['no-scripted-phrase'],
  blameDefensive: ['no-blame', 'no-defensive'],
  missingThanks: ['require-thanks'],
};
export const SOURCES = ['social', 'helpdesk-email', 'chat', 'macro', 'maintainer', 'sms'];

/** Reads and validates the corpus; throws with the offending line on any problem. */
export function loadCorpus(file = DEFAULT_CORPUS) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const replies = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let r;
    try {
      r = JSON.parse(line);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: not JSON (${e.message})`);
    }
    if (typeof r.id !== 'string' || typeof r.text !== 'string' || !r.labels || !Array.isArray(r.spans)) {
      throw new Error(`${file}:${i + 1}: expected {id, source, text, labels, spans}`);
    }
    for (const c of Object.keys(CATEGORIES)) {
      if (typeof r.labels[c] !== 'boolean') throw new Error(`${file}:${i + 1}: labels.${c} must be a boolean`);
    }
    for (const s of r.spans) {
      if (!r.text.includes(s.text)) throw new Error(`${file}:${i + 1}: span is not a substring: ${JSON.stringify(s.text)}`);
    }
    replies.push(r);
  });
  return replies;
}

/**
 * Bundles the engine entry in memory and returns its `lint` function.
 * Throws an Error with a readable message when the entry is missing, does not build, or has no `lint`.
 */
export async function loadLint({ root = REPO_ROOT, entry = DEFAULT_ENTRY } = {}) {
  const require = createRequire(join(root, 'package.json'));
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    throw new Error('esbuild is not installed; run `npm ci` in the repository first.');
  }
  const { commonOptions } = await import(pathToFileURL(join(root, 'esbuild.mjs')).href);
  let result;
  try {
    result = await esbuild.build({
      // the same options as the shipped bundles, so the engine measured is the engine shipped
      ...commonOptions,
      absWorkingDir: root,
      entryPoints: [entry],
      sourcemap: false,
      write: false,
      logLevel: 'silent',
    });
  } catch (e) {
    const details = (e.errors ?? []).map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`);
    throw new Error(`could not bundle ${entry}:\n${details.join('\n') || `  ${e.message}`}`);
  }
  const code = result.outputFiles[0].text;
  const filename = join(root, entry.replace(/\.ts$/, '.js'));
  const module = { exports: {} };
  try {
    new Function('module', 'exports', 'require', '__filename', '__dirname', code)(
      module,
      module.exports,
      require,
      filename,
      dirname(filename),
    );
  } catch (e) {
    throw new Error(`the bundle of ${entry} threw while loading: ${e.stack ?? e}`);
  }
  const lint = module.exports.lint;
  if (typeof lint !== 'function') {
    const names = Object.keys(module.exports).join(', ') || '(none)';
    throw new Error(`${entry} does not export a function \`lint(text, options)\`; it exports: ${names}`);
  }
  // The rest of the engine (readDocument, …), for tools that read macro libraries as files.
  lint.engine = module.exports;
  return lint;
}

const ratio = (a, b) => (b === 0 ? null : a / b);

function overlaps(f, start, end) {
  // A zero-width finding counts when it sits inside the span.
  return f.start < end && (f.end > start || (f.end === f.start && f.start >= start));
}

/**
 * Runs `lint` on every reply and scores it per category at reply level.
 * A reply is predicted positive for a category when at least one finding has one of its rule ids.
 * Also reports span recall: the share of gold spans overlapped by a finding of the category.
 */
export function evaluate(replies, lint, { categories = Object.keys(CATEGORIES) } = {}) {
  const stats = {};
  for (const c of categories) {
    stats[c] = { gold: 0, predicted: 0, tp: 0, fp: 0, fn: 0, tn: 0, spans: 0, spansHit: 0 };
  }
  const errors = { falsePositives: {}, falseNegatives: {} };
  for (const c of categories) {
    errors.falsePositives[c] = [];
    errors.falseNegatives[c] = [];
  }
  const crashes = [];

  for (const r of replies) {
    let findings = [];
    try {
      const result = lint(r.text, { filePath: `${r.id}.reply` });
      if (!result || !Array.isArray(result.findings)) {
        throw new Error('lint() did not return { findings: [...] }');
      }
      findings = result.findings;
    } catch (e) {
      crashes.push({ id: r.id, error: String(e?.stack ?? e) });
    }
    for (const c of categories) {
      const rules = CATEGORIES[c];
      const mine = findings.filter((f) => rules.includes(f.ruleId));
      const gold = r.labels[c];
      const predicted = mine.length > 0;
      const s = stats[c];
      if (gold) s.gold++;
      if (predicted) s.predicted++;
      if (gold && predicted) s.tp++;
      else if (!gold && predicted) s.fp++;
      else if (gold && !predicted) s.fn++;
      else s.tn++;

      const goldSpans = r.spans.filter((sp) => sp.label === c);
      for (const sp of goldSpans) {
        const start = r.text.indexOf(sp.text);
        s.spans++;
        if (mine.some((f) => overlaps(f, start, start + sp.text.length))) s.spansHit++;
      }

      if (!gold && predicted) {
        errors.falsePositives[c].push({
          id: r.id,
          source: r.source,
          flagged: mine.map((f) => ({
            ruleId: f.ruleId,
            start: f.start,
            end: f.end,
            text: r.text.slice(f.start, f.end),
            message: f.message,
          })),
        });
      } else if (gold && !predicted) {
        errors.falseNegatives[c].push({
          id: r.id,
          source: r.source,
          spans: goldSpans.map((sp) => sp.text),
          text: r.text,
        });
      }
    }
  }

  const metrics = {};
  for (const c of categories) {
    const s = stats[c];
    const precision = ratio(s.tp, s.tp + s.fp);
    const recall = ratio(s.tp, s.tp + s.fn);
    // F1 is 0 when nothing was found right but something was missed or wrongly flagged, n/a on an empty set.
    const f1 = s.tp === 0 ? (s.fp + s.fn > 0 ? 0 : null) : (2 * precision * recall) / (precision + recall);
    metrics[c] = {
      gold: s.gold,
      predicted: s.predicted,
      tp: s.tp,
      fp: s.fp,
      fn: s.fn,
      tn: s.tn,
      precision,
      recall,
      f1,
      spanRecall: ratio(s.spansHit, s.spans),
      spans: s.spans,
      spansHit: s.spansHit,
    };
  }
  return { total: replies.length, metrics, errors, crashes };
}

// ---------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const opts = { errors: false, json: false, sources: null, categories: null, corpus: DEFAULT_CORPUS, entry: DEFAULT_ENTRY };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined || v === '') throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--errors') opts.errors = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--source' || a.startsWith('--source=')) opts.sources = value().split(',');
    else if (a === '--category' || a.startsWith('--category=')) opts.categories = value().split(',');
    else if (a === '--corpus' || a.startsWith('--corpus=')) opts.corpus = resolve(value());
    else if (a === '--entry' || a.startsWith('--entry=')) opts.entry = value();
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown option ${a}`);
  }
  for (const s of opts.sources ?? []) {
    if (!SOURCES.includes(s)) throw new Error(`unknown source "${s}"; one of: ${SOURCES.join(', ')}`);
  }
  for (const c of opts.categories ?? []) {
    if (!(c in CATEGORIES)) throw new Error(`unknown category "${c}"; one of: ${Object.keys(CATEGORIES).join(', ')}`);
  }
  return opts;
}

const pct = (x) => (x === null ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);
const oneLine = (s, max = 160) => {
  const flat = s.replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function printReport(report, opts) {
  const scope = opts.sources ? `source: ${opts.sources.join(', ')}` : 'all sources';
  console.log(`Replylint corpus evaluation: ${report.total} replies (${scope})`);
  console.log('reply level: a reply is flagged for a category when any finding has one of its rule ids\n');
  const header = `${'category'.padEnd(16)}${'gold'.padStart(6)}${'flagged'.padStart(9)}${'TP'.padStart(6)}${'FP'.padStart(6)}${'FN'.padStart(6)}  ${'precision'.padStart(9)}  ${'recall'.padStart(7)}  ${'F1'.padStart(7)}  ${'span recall'.padStart(11)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const [c, m] of Object.entries(report.metrics)) {
    const rules = CATEGORIES[c].join(', ');
    console.log(
      `${c.padEnd(16)}${String(m.gold).padStart(6)}${String(m.predicted).padStart(9)}${String(m.tp).padStart(6)}${String(m.fp).padStart(6)}${String(m.fn).padStart(6)}  ${pct(m.precision).padStart(9)}  ${pct(m.recall).padStart(7)}  ${pct(m.f1).padStart(7)}  ${(m.spans ? `${pct(m.spanRecall)} of ${m.spans}` : '—').padStart(11)}   (${rules})`,
    );
  }
  if (report.crashes.length) {
    console.log(`\n${report.crashes.length} replies made lint() throw (counted as no findings):`);
    for (const c of report.crashes.slice(0, 20)) console.log(`  ${c.id}: ${c.error.split('\n')[0]}`);
  }
  if (!opts.errors) {
    console.log('\nRun with --errors to list every false positive and false negative.');
    return;
  }
  for (const c of Object.keys(report.metrics)) {
    const fps = report.errors.falsePositives[c];
    const fns = report.errors.falseNegatives[c];
    console.log(`\n=== ${c}: ${fps.length} false positives ===`);
    for (const e of fps) {
      for (const f of e.flagged) {
        const shown = f.text ? `“${oneLine(f.text, 120)}”` : `(at ${f.start}) ${oneLine(f.message ?? '', 100)}`;
        console.log(`  ${e.id.padEnd(8)} ${f.ruleId}: ${shown}`);
      }
    }
    console.log(`\n=== ${c}: ${fns.length} false negatives ===`);
    for (const e of fns) {
      if (e.spans.length) {
        console.log(`  ${e.id.padEnd(8)} ${e.spans.map((s) => `“${oneLine(s, 120)}”`).join(' | ')}`);
      } else {
        console.log(`  ${e.id.padEnd(8)} ${oneLine(e.text)}`);
      }
    }
  }
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`evaluate: ${e.message}`);
    return 2;
  }
  if (opts.help) {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 14).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    return 0;
  }
  let replies;
  try {
    replies = loadCorpus(opts.corpus);
  } catch (e) {
    console.error(`evaluate: cannot read the corpus: ${e.message}`);
    return 2;
  }
  if (opts.sources) replies = replies.filter((r) => opts.sources.includes(r.source));
  let lint;
  try {
    lint = await loadLint({ entry: opts.entry });
  } catch (e) {
    console.error(`evaluate: cannot load the lint engine from ${opts.entry}.\n${e.message}`);
    return 2;
  }
  const report = evaluate(replies, lint, { categories: opts.categories ?? Object.keys(CATEGORIES) });
  if (opts.json) {
    const out = { corpus: opts.corpus, sources: opts.sources ?? SOURCES, total: report.total, metrics: report.metrics, crashes: report.crashes };
    if (opts.errors) out.errors = report.errors;
    console.log(JSON.stringify(out, null, 2));
  } else {
    printReport(report, opts);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}

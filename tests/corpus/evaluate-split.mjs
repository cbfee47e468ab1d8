#!/usr/bin/env node
// Scores the engine on the two halves of the corpus: ids ending in an even digit (the half rules may be
// tuned on) and ids ending in an odd digit (held back to check that changes generalise).
//
//   node tests/corpus/evaluate-split.mjs               metrics for the even half, the odd half and all
//   node tests/corpus/evaluate-split.mjs --errors      plus the false positives / negatives of the EVEN half only
//   node tests/corpus/evaluate-split.mjs --json
import { CATEGORIES, evaluate, loadCorpus, loadLint } from './evaluate.mjs';

const args = process.argv.slice(2);
const replies = loadCorpus();
const lint = await loadLint();
const parity = (r) => (Number(r.id.slice(-1)) % 2 === 0 ? 'even' : 'odd');
const halves = {
  even: replies.filter((r) => parity(r) === 'even'),
  odd: replies.filter((r) => parity(r) === 'odd'),
  all: replies,
};
const reports = Object.fromEntries(Object.entries(halves).map(([name, set]) => [name, evaluate(set, lint)]));
const fmt = (x) => (x === null ? '  n/a' : x.toFixed(2).padStart(5));

if (args.includes('--json')) {
  console.log(JSON.stringify(Object.fromEntries(Object.entries(reports).map(([k, r]) => [k, r.metrics])), null, 2));
} else {
  console.log(`${'half'.padEnd(6)}${'n'.padStart(5)}  ${'category'.padEnd(16)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'FN'.padStart(5)}    P      R      F1`);
  for (const [name, report] of Object.entries(reports)) {
    for (const c of Object.keys(CATEGORIES)) {
      const m = report.metrics[c];
      console.log(
        `${name.padEnd(6)}${String(report.total).padStart(5)}  ${c.padEnd(16)}${String(m.tp).padStart(5)}${String(m.fp).padStart(5)}${String(m.fn).padStart(5)}  ${fmt(m.precision)}  ${fmt(m.recall)}  ${fmt(m.f1)}`,
      );
    }
  }
}

if (args.includes('--errors')) {
  const { errors } = reports.even;
  const flat = (s) => s.replace(/\s*\n\s*/g, ' ⏎ ');
  for (const c of Object.keys(CATEGORIES)) {
    console.log(`\n=== even half, ${c}: false positives ===`);
    for (const e of errors.falsePositives[c]) for (const f of e.flagged) console.log(`  ${e.id.padEnd(8)} ${f.ruleId}: “${flat(f.text)}”`);
    console.log(`\n=== even half, ${c}: false negatives ===`);
    for (const e of errors.falseNegatives[c]) {
      console.log(`  ${e.id.padEnd(8)} ${e.spans.length ? e.spans.map((s) => `“${flat(s)}”`).join(' | ') : flat(e.text).slice(0, 160)}`);
    }
  }
}

#!/usr/bin/env node
// Precision / recall / F1 of the default config on the real labelled replies in ../shared/corpus.
//
//   npm run eval                          brand replies and macros: tuning part, blind part, all; then per source
//   npm run eval -- --errors scripted     false alarms and misses of one category, tuning part only
//   npm run eval -- --json                the figures as JSON
//   npm run eval -- --write-figures       records the figures in tests/corpus/real-figures.json, which the
//                                         corpus-quality test holds the engine to when the corpus is present
//
// The blind part is never listed, only counted: it is how we see whether a change generalises.
// Exits 0 with a notice when the corpus is absent (it lives outside the repository).
import { writeFileSync } from 'node:fs';
import { loadLint } from './evaluate.mjs';
import { loadRealCorpus, metricsOf, predict, REAL_CATEGORIES, REAL_CORPUS_DIR, REAL_FIGURES, realCorpusPresent, score, summaryFigures } from './realCorpus.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (!realCorpusPresent()) {
  console.log(`The real labelled corpus is not here (${REAL_CORPUS_DIR}); nothing to score.`);
  process.exit(0);
}

const lint = await loadLint();
const predictions = predict(loadRealCorpus(), lint);
const groups = score(predictions, (item) => [`${item.set} ${item.part}`, `${item.set} all`, `all ${item.part}`, 'all all']);
if (args.includes('--write-figures')) {
  writeFileSync(REAL_FIGURES, `${JSON.stringify(summaryFigures(groups), null, 2)}\n`);
  console.log(`wrote ${REAL_FIGURES}`);
}
if (!args.includes('--json') && !args.includes('--errors')) {
  for (const [key, counts] of score(predictions, (item) => [`${item.set}:${item.source}${item.part === 'blind' ? ' (blind)' : ''}`])) groups.set(key, counts);
}

const order = ['brand tune', 'brand blind', 'brand all', 'macros tune', 'macros blind', 'macros all', 'all tune', 'all blind', 'all all'];
const keys = [...order.filter((key) => groups.has(key)), ...[...groups.keys()].filter((key) => !order.includes(key)).sort()];

if (args.includes('--json')) {
  console.log(JSON.stringify(Object.fromEntries(keys.map((key) => [key, Object.fromEntries(Object.entries(groups.get(key)).map(([c, counts]) => [c, metricsOf(counts)]))])), null, 2));
} else {
  const short = { scripted: 'scripted', blame_defensive: 'blame/defensive', missing_thanks: 'missing thanks', vague_commitment: 'vague commitment' };
  console.log(`${''.padEnd(34)}${Object.keys(REAL_CATEGORIES).map((c) => short[c].padEnd(26)).join('')}`);
  console.log(`${'set'.padEnd(34)}${Object.keys(REAL_CATEGORIES).map(() => ' P    R    F1   tp/fp/fn  ').join('')}`);
  for (const key of keys) {
    const cells = Object.keys(REAL_CATEGORIES).map((c) => {
      const m = metricsOf(groups.get(key)[c]);
      return `${m.precision.toFixed(2)} ${m.recall.toFixed(2)} ${m.f1.toFixed(2)} ${`${m.tp}/${m.fp}/${m.fn}`.padEnd(9)} `;
    });
    console.log(`${key.padEnd(34)}${cells.join('')}`);
  }
}

const shown = option('--errors');
if (shown) {
  if (!(shown in REAL_CATEGORIES)) {
    console.error(`unknown category ${shown}; one of ${Object.keys(REAL_CATEGORIES).join(', ')}`);
    process.exit(2);
  }
  const flat = (s) => s.replace(/\s*\n\s*/g, ' ⏎ ');
  for (const { item, byCategory } of predictions) {
    if (item.part !== 'tune') continue;
    const gold = item.label[shown] === 1;
    const found = byCategory[shown];
    if (gold === found.length > 0) continue;
    const spans = item.label[`${shown}_spans`] ?? [];
    console.log(`\n${found.length ? 'FP' : 'FN'} ${item.set} ${item.id}: ${flat(item.text).slice(0, 700)}`);
    if (found.length) for (const f of found) console.log(`   flagged “${flat(item.text.slice(f.start, f.end))}” (${f.ruleId})`);
    else console.log(`   gold: ${spans.map((s) => `“${s}”`).join(' | ')}`);
  }
}

// The real labelled replies in ../shared/corpus (brand replies in dev/, canned replies in macros/), read
// where they are at evaluation time and never copied into the project (see that folder's README).
//
// Scoring follows ../shared/corpus/score.py exactly: a reply is predicted positive for a category when
// the engine reports at least one finding of one of the category's rule ids, with the default config.
//
// Part of the set is blind: chosen once by a hash of the id (brand replies) or of the source library
// (macros, so whole libraries are held back, as in the held-out set), read for its aggregate figures
// only. Errors are listed for the tuning part alone.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REAL_CORPUS_DIR = process.env.REPLYLINT_CORPUS ?? resolve(here, '..', '..', '..', 'shared', 'corpus');

/** Label categories and the rule ids that predict them (the same map as score.py). */
export const REAL_CATEGORIES = {
  scripted: ['no-scripted-phrase'],
  blame_defensive: ['no-blame', 'no-defensive'],
  missing_thanks: ['require-thanks'],
  vague_commitment: ['no-vague-commitment'],
};

/** The figures the engine is held to when the corpus is present (counts and ratios only, no text). */
export const REAL_FIGURES = join(here, 'real-figures.json');

export const SETS = {
  brand: { items: 'dev/items.jsonl', labels: 'dev/labels.jsonl' },
  macros: { items: 'macros/items.jsonl', labels: 'macros/labels.jsonl' },
};

export function realCorpusPresent(dir = REAL_CORPUS_DIR) {
  return Object.values(SETS).every((set) => existsSync(join(dir, set.items)) && existsSync(join(dir, set.labels)));
}

const readJsonl = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));

/** The library a macro comes from: "github.com/owner/repo@commit:path [..]" → "owner/repo". */
export function libraryOf(source) {
  const match = /github\.com\/([^/@]+\/[^/@]+)/.exec(source ?? '');
  return match ? match[1] : String(source ?? '').split(/[@ ]/)[0];
}

/** Brand of a brand reply, for per-source figures. */
function brandSourceOf(item) {
  return item.id.replace(/-\d+$/, '').replace(/^twcs$/, 'twcs-2017');
}

/**
 * Fifteen libraries are few: the salt was picked, from label counts alone, so that the blind
 * libraries hold positives of every category (6 libraries, 53 macros).
 */
const MACRO_SALT = '28';
const blindHash = (key) => createHash('sha1').update(key).digest()[0];

/**
 * About a third of each set is blind. Brand replies: by id. Macros: by library, so a blind library
 * is one whose wording was never read, the way the held-out libraries are.
 */
export function partOf(setName, item) {
  const key = setName === 'macros' ? `${MACRO_SALT}:${libraryOf(item.source)}` : `id:${item.id}`;
  return blindHash(key) % 3 === 0 ? 'blind' : 'tune';
}

export function loadRealCorpus(dir = REAL_CORPUS_DIR) {
  const items = [];
  for (const [setName, files] of Object.entries(SETS)) {
    const labels = new Map(readJsonl(join(dir, files.labels)).map((label) => [label.id, label]));
    for (const item of readJsonl(join(dir, files.items))) {
      const label = labels.get(item.id);
      if (!label) continue;
      items.push({
        set: setName,
        id: item.id,
        text: item.text,
        source: setName === 'macros' ? libraryOf(item.source) : brandSourceOf(item),
        part: partOf(setName, item),
        label,
      });
    }
  }
  return items;
}

export function emptyCounts() {
  return Object.fromEntries(Object.keys(REAL_CATEGORIES).map((c) => [c, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
}

export function metricsOf(counts) {
  const { tp, fp, fn } = counts;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...counts, precision, recall, f1 };
}

/** Lints every item and returns, per item, the categories predicted and the findings behind them. */
export function predict(items, lint) {
  return items.map((item) => {
    const { findings } = lint(item.text, { filePath: `${item.id}.reply` });
    const byCategory = {};
    for (const [category, ids] of Object.entries(REAL_CATEGORIES)) {
      byCategory[category] = findings.filter((finding) => ids.includes(finding.ruleId));
    }
    return { item, byCategory };
  });
}

/** Counts per group key (e.g. "brand/tune") and category. */
export function score(predictions, groupKeys) {
  const groups = new Map();
  for (const { item, byCategory } of predictions) {
    for (const key of groupKeys(item)) {
      if (!groups.has(key)) groups.set(key, emptyCounts());
      const counts = groups.get(key);
      for (const category of Object.keys(REAL_CATEGORIES)) {
        const gold = item.label[category] === 1;
        const predicted = byCategory[category].length > 0;
        const c = counts[category];
        if (gold && predicted) c.tp++;
        else if (!gold && predicted) c.fp++;
        else if (gold && !predicted) c.fn++;
        else c.tn++;
      }
    }
  }
  return groups;
}

/** The groups worth recording: each set and part, and the whole. Ratios rounded to 3 places. */
export function summaryFigures(groups) {
  const keys = ['brand tune', 'brand blind', 'brand all', 'macros tune', 'macros blind', 'macros all', 'all blind', 'all all'];
  const round = (x) => Math.round(x * 1000) / 1000;
  return Object.fromEntries(
    keys.filter((key) => groups.has(key)).map((key) => [
      key,
      Object.fromEntries(
        Object.entries(groups.get(key)).map(([category, counts]) => {
          const m = metricsOf(counts);
          return [category, { tp: m.tp, fp: m.fp, fn: m.fn, precision: round(m.precision), recall: round(m.recall), f1: round(m.f1) }];
        }),
      ),
    ]),
  );
}

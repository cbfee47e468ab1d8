#!/usr/bin/env node
// Applies each suggestion of a seeded random sample of findings on the real replies in
// ../shared/corpus (labelled and unlabelled), and prints the sentence before and after, to review
// whether every rewrite reads well. Prints to the terminal only: the texts stay where they are.
//
//   node tests/corpus/sampleSuggestions.mjs                  100 findings, seed 1, as text
//   node tests/corpus/sampleSuggestions.mjs --n 100 --seed 1 --json
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLint } from './evaluate.mjs';
import { REAL_CORPUS_DIR, realCorpusPresent } from './realCorpus.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
if (!realCorpusPresent()) {
  console.log(`The real corpus is not here (${REAL_CORPUS_DIR}); nothing to sample.`);
  process.exit(0);
}

const readJsonl = (file) => readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
const folders = ['dev', 'macros', 'unlabeled'];
const replies = folders.flatMap((folder) =>
  readdirSync(join(REAL_CORPUS_DIR, folder))
    .filter((file) => file.endsWith('.jsonl') && !file.startsWith('labels'))
    .sort()
    .flatMap((file) => readJsonl(join(REAL_CORPUS_DIR, folder, file))),
);

const lint = await loadLint();
const pool = [];
for (const reply of replies) {
  for (const finding of lint(reply.text, { filePath: `${reply.id}.reply` }).findings) {
    if (finding.suggestions.length > 0) pool.push({ reply, finding });
  }
}

let state = Number(option('--seed', '1')) >>> 0 || 1;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
};
for (let i = pool.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [pool[i], pool[j]] = [pool[j], pool[i]];
}

/** The sentence (or line) around [start, end): what a reader sees the rewrite in. */
function around(text, start, end) {
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && !/[.!?\n]/.test(text[to])) to++;
  if (to < text.length && /[.!?]/.test(text[to])) to++;
  return [from, to];
}

// Every rule's rewrites get reviewed: take findings from each rule in turn, in the shuffled order.
const byRule = new Map();
for (const entry of pool) {
  if (!byRule.has(entry.finding.ruleId)) byRule.set(entry.finding.ruleId, []);
  byRule.get(entry.finding.ruleId).push(entry);
}
const wanted = Number(option('--n', '100'));
const picked = [];
for (let round = 0; picked.length < wanted && [...byRule.values()].some((list) => list.length > round); round++) {
  for (const list of [...byRule.keys()].sort().map((rule) => byRule.get(rule))) {
    if (list[round] && picked.length < wanted) picked.push(list[round]);
  }
}
const rows = picked.map(({ reply, finding }, n) => ({
  n: n + 1,
  id: reply.id,
  rule: finding.ruleId,
  flagged: reply.text.slice(finding.start, finding.end),
  rewrites: finding.suggestions.map((suggestion) => {
    const starts = suggestion.edits.map((edit) => edit.start);
    const ends = suggestion.edits.map((edit) => edit.end);
    const [from, to] = around(reply.text, Math.min(finding.start, ...starts), Math.max(finding.end, ...ends));
    let after = reply.text.slice(from, to);
    for (const edit of [...suggestion.edits].sort((a, b) => b.start - a.start)) {
      after = after.slice(0, edit.start - from) + edit.text + after.slice(edit.end - from);
    }
    return { title: suggestion.title, before: reply.text.slice(from, to).trim(), after: after.trim() };
  }),
}));

if (args.includes('--json')) {
  for (const row of rows) console.log(JSON.stringify(row));
} else {
  console.log(`${pool.length} findings with suggestions; ${rows.length} sampled (seed ${option('--seed', '1')})`);
  for (const row of rows) {
    console.log(`\n#${row.n} ${row.rule} “${row.flagged}”`);
    for (const rewrite of row.rewrites) console.log(`  before: ${rewrite.before}\n  after:  ${rewrite.after}`);
  }
}

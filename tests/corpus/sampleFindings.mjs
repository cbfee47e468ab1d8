#!/usr/bin/env node
// Flag rate of each rule on the unlabelled real replies in ../shared/corpus/unlabeled (or a labelled set), and a random
// sample of its findings to review by hand against GUIDELINES.md. Prints to the terminal only: the
// texts stay where they are (their licences do not let them into the project).
//
//   node tests/corpus/sampleFindings.mjs                         flag rate of every rule
//   node tests/corpus/sampleFindings.mjs --rule no-blame         and 40 findings of one rule, seed 1
//   node tests/corpus/sampleFindings.mjs --rule no-blame --n 40 --seed 2 --json
//   node tests/corpus/sampleFindings.mjs --rule no-push-selling --preset strict   an opt-in rule
//   node tests/corpus/sampleFindings.mjs --rule valid-placeholders --set macros    the labelled macros
//   node tests/corpus/sampleFindings.mjs --rule limit-length --channel social      as if sent on a channel
//   node tests/corpus/sampleFindings.mjs --set native                             the real library files, read as the CLI reads them
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLint } from './evaluate.mjs';
import { REAL_CORPUS_DIR, realCorpusPresent } from './realCorpus.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const set = option('--set', 'unlabeled');
const SET_FILES = { unlabeled: ['unlabeled'], dev: ['dev', 'items.jsonl'], macros: ['macros', 'items.jsonl'], native: [join('macros', 'native')] };
if (!SET_FILES[set]) {
  console.error(`--set must be one of ${Object.keys(SET_FILES).join(', ')}`);
  process.exit(2);
}
const folder = join(REAL_CORPUS_DIR, SET_FILES[set][0]);
const config = {
  ...(option('--preset') ? { preset: option('--preset') } : {}),
  ...(option('--channel') ? { channel: option('--channel') } : {}),
  ...(option('--platform') ? { platform: option('--platform') } : {}),
};
if (!realCorpusPresent()) {
  console.log(`The real corpus is not here (${REAL_CORPUS_DIR}); nothing to sample.`);
  process.exit(0);
}

const lint = await loadLint();
const replies = set === 'native' ? nativeReplies() : readdirSync(folder)
  .filter((file) => (SET_FILES[set][1] ? file === SET_FILES[set][1] : file.endsWith('.jsonl')))
  .sort()
  .flatMap((file) => readFileSync(join(folder, file), 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line)));

/** Each macro of each real library file, as the CLI reads it: its text and the help desk its format implies. */
function nativeReplies() {
  const { detectFormat, readDocument } = lint.engine;
  return readdirSync(folder)
    .filter((file) => file !== 'MANIFEST.json')
    .sort()
    .flatMap((file) => {
      const source = readFileSync(join(folder, file), 'utf8');
      return readDocument(source, detectFormat(file, source)).replies.map((reply) => ({
        id: `${file}#${reply.index}`,
        text: reply.body.text,
        platform: reply.platform,
      }));
    });
}

const byRule = new Map();
for (const reply of replies) {
  const seen = new Set();
  const replyConfig = reply.platform && !config.platform ? { ...config, platform: reply.platform } : config;
  for (const finding of lint(reply.text, { filePath: `${reply.id}.reply`, config: replyConfig }).findings) {
    if (!byRule.has(finding.ruleId)) byRule.set(finding.ruleId, []);
    if (!seen.has(finding.ruleId)) byRule.get(finding.ruleId).push({ reply, findings: [] });
    seen.add(finding.ruleId);
    const list = byRule.get(finding.ruleId);
    list[list.length - 1].findings.push(finding);
  }
}

const rule = option('--rule');
if (!rule) {
  console.log(`${replies.length} real replies (${set})`);
  for (const [id, flagged] of [...byRule.entries()].sort()) {
    console.log(`${id.padEnd(24)} ${String(flagged.length).padStart(5)} replies flagged (${((100 * flagged.length) / replies.length).toFixed(1)}%)`);
  }
  process.exit(0);
}

// A small seeded generator, so a sample can be drawn again and reviewed again.
let state = Number(option('--seed', '1')) >>> 0 || 1;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
};
const pool = [...(byRule.get(rule) ?? [])];
for (let i = pool.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [pool[i], pool[j]] = [pool[j], pool[i]];
}
const sample = pool.slice(0, Number(option('--n', '40')));
const rows = sample.map(({ reply, findings }, n) => ({
  n: n + 1,
  id: reply.id,
  text: reply.text,
  flagged: findings.map((finding) => reply.text.slice(finding.start, finding.end)),
  message: findings[0].message,
}));
if (args.includes('--json')) {
  for (const row of rows) console.log(JSON.stringify(row));
} else {
  console.log(`${rule}: ${pool.length} of ${replies.length} replies flagged; ${rows.length} sampled (seed ${option('--seed', '1')})`);
  for (const row of rows) console.log(`\n#${row.n} ${row.id}\n  ${row.text.replace(/\s+/g, ' ')}\n  flagged: ${row.flagged.map((f) => `“${f}”`).join(', ')}`);
}

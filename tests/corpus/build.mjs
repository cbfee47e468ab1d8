// Builds tests/corpus/replies.jsonl from the hand-written sources in tests/corpus/src/*.txt.
//
// This script only copies the texts and labels that were written by hand in src/; it never
// combines phrases or generates text. It also validates the corpus and prints its statistics.
//
// One file per source channel, named after it; the format is described in replySource.mjs.
//
// Run: node tests/corpus/build.mjs          (writes replies.jsonl, prints stats)
//      node tests/corpus/build.mjs --check  (validates only; exits 1 when replies.jsonl is stale)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labelledReply, parseReplySource, writeJsonl } from './replySource.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCES = {
  social: 'sm',
  'helpdesk-email': 'em',
  chat: 'ch',
  macro: 'mc',
  maintainer: 'gh',
  sms: 'tx',
};
// Replies whose missingThanks label deliberately disagrees with the rough word check below.
const THANKS_TRAPS = {
  'sm-033': '"thank youuu" is thanks',
  'sm-056': '"we\'d appreciate it if you could" is a request, not thanks',
  'sm-057': '"Thanks to the new update" is not thanks',
  'sm-059': '"we owe you one for that bug report" is gratitude without a thanks word',
  'em-016': '"Thanks to a change in our card processor" is not thanks',
  'em-017': '"I appreciate that a four-week wait..." means "I understand", not thanks',
  'tx-029': '"Thanks to the new oven" is not thanks',
};

const errors = [];
const warnings = [];
const replies = [];
const nearMiss = new Set();

for (const [source, prefix] of Object.entries(SOURCES)) {
  const content = readFileSync(join(here, 'src', `${source}.txt`), 'utf8');
  parseReplySource(content, `${source}.txt`, { prefixed: false }, errors).forEach((entry, n) => {
    const id = `${prefix}-${String(n + 1).padStart(3, '0')}`;
    const where = `${source}.txt:${entry.line} (${id})`;
    replies.push(labelledReply(entry, { id, source, where, isThanksTrap: Boolean(THANKS_TRAPS[id]) }, errors, warnings));
    if (entry.flags.has('nm')) nearMiss.add(id);
  });
}

// Duplicate texts would inflate the metrics.
const seen = new Map();
for (const r of replies) {
  if (seen.has(r.text)) errors.push(`${r.id}: duplicate text of ${seen.get(r.text)}`);
  seen.set(r.text, r.id);
}

writeJsonl(join(here, 'replies.jsonl'), replies, 'node tests/corpus/build.mjs', errors, warnings);

// Statistics.
const total = replies.length;
const pct = (n) => `${n} (${((100 * n) / total).toFixed(1)}%)`;
const count = (f) => replies.filter(f).length;
console.log(`replies: ${total}`);
for (const source of Object.keys(SOURCES)) {
  const rs = replies.filter((r) => r.source === source);
  const c = (k) => rs.filter((r) => r.labels[k]).length;
  console.log(
    `  ${source.padEnd(15)} ${String(rs.length).padStart(4)}   scripted ${c('scripted')}, blameDefensive ${c('blameDefensive')}, missingThanks ${c('missingThanks')}`,
  );
}
console.log(`scripted:        ${pct(count((r) => r.labels.scripted))}`);
console.log(`blameDefensive:  ${pct(count((r) => r.labels.blameDefensive))}`);
console.log(`missingThanks:   ${pct(count((r) => r.labels.missingThanks))}`);
const good = (r) => !r.labels.scripted && !r.labels.blameDefensive && !r.labels.missingThanks;
console.log(`good (no label): ${pct(count(good))}`);
console.log(`near-miss:       ${pct(nearMiss.size)}`);
console.log(`good or near-miss: ${pct(count((r) => good(r) || nearMiss.has(r.id)))}`);
console.log(`spans: ${replies.reduce((n, r) => n + r.spans.length, 0)}`);

// Builds a numbered tuning corpus, tests/corpus/tuningN.jsonl, from the hand-written tuningN.txt
// (tuning2 unless another name is given).
//
// Same format as src/*.txt (see replySource.mjs), except that each header starts with the source
// prefix: `### em S B N`. Ids are `tN-<prefix>-NNN`, numbered per source in file order. The script only
// copies what was written by hand; it validates the corpus and prints its statistics. No reply text
// may repeat one of replies.jsonl or of an earlier tuning corpus; from tuning3 on, no span text may
// repeat a span of those corpora either (compared case-insensitively), so each set brings new wording.
// (tuning2 predates that check and shares a few stock spans with replies.jsonl.)
//
// Run: node tests/corpus/build-tuning.mjs [tuning3]          (writes tuning2.jsonl / tuning3.jsonl)
//      node tests/corpus/build-tuning.mjs [tuning3] --check  (validates only; exits 1 when the .jsonl is stale)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labelledReply, parseReplySource, writeJsonl } from './replySource.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'tuning2';
const numbered = /^tuning(\d+)$/.exec(name);
if (!numbered || Number(numbered[1]) < 2) {
  console.error(`usage: build-tuning.mjs [tuningN] [--check]  (N ≥ 2; got ${name})`);
  process.exit(2);
}
const number = Number(numbered[1]);
const earlier = ['replies.jsonl', ...Array.from({ length: number - 2 }, (_, i) => `tuning${i + 2}.jsonl`)];
const PREFIXES = { sm: 'social', em: 'helpdesk-email', ch: 'chat', mc: 'macro', gh: 'maintainer', tx: 'sms' };
// Replies whose missingThanks label deliberately disagrees with the rough word check below.
const THANKS_TRAPS = {
  'em-032': '"I appreciate you\'re frustrated" means "I understand", not thanks',
};

const errors = [];
const warnings = [];
const replies = [];
const nearMiss = new Set();
const counters = {};
const content = readFileSync(join(here, `${name}.txt`), 'utf8');
for (const entry of parseReplySource(content, `${name}.txt`, { prefixed: true, prefixes: PREFIXES }, errors)) {
  counters[entry.prefix] = (counters[entry.prefix] ?? 0) + 1;
  const short = `${entry.prefix}-${String(counters[entry.prefix]).padStart(3, '0')}`;
  const id = `t${number}-${short}`;
  const where = `${name}.txt:${entry.line} (${id})`;
  const source = PREFIXES[entry.prefix];
  replies.push(labelledReply(entry, { id, source, where, isThanksTrap: Boolean(THANKS_TRAPS[short]) }, errors, warnings));
  if (entry.flags.has('nm')) nearMiss.add(id);
}

// No duplicates, and neither a text nor a span copied from an earlier corpus.
const earlierTexts = new Map();
const earlierSpans = new Map();
const spanKey = (text) => text.trim().toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
for (const file of earlier) {
  for (const line of readFileSync(join(here, file), 'utf8').trim().split('\n')) {
    const r = JSON.parse(line);
    earlierTexts.set(r.text, `${file} (${r.id})`);
    for (const s of r.spans) earlierSpans.set(spanKey(s.text), `${file} (${r.id})`);
  }
}
const seen = new Map();
for (const r of replies) {
  if (seen.has(r.text)) errors.push(`${r.id}: duplicate text of ${seen.get(r.text)}`);
  if (earlierTexts.has(r.text)) errors.push(`${r.id}: same text as a reply in ${earlierTexts.get(r.text)}`);
  for (const s of number >= 3 ? r.spans : []) {
    if (earlierSpans.has(spanKey(s.text))) errors.push(`${r.id}: span ${JSON.stringify(s.text)} repeats one in ${earlierSpans.get(spanKey(s.text))}`);
  }
  seen.set(r.text, r.id);
}

writeJsonl(join(here, `${name}.jsonl`), replies, `node tests/corpus/build-tuning.mjs ${name}`, errors, warnings);

const total = replies.length;
const pct = (n) => `${n} (${((100 * n) / total).toFixed(1)}%)`;
const count = (f) => replies.filter(f).length;
console.log(`replies: ${total}`);
for (const source of Object.values(PREFIXES)) {
  const rs = replies.filter((r) => r.source === source);
  const c = (k) => rs.filter((r) => r.labels[k]).length;
  console.log(`  ${source.padEnd(15)} ${String(rs.length).padStart(4)}   scripted ${c('scripted')}, blameDefensive ${c('blameDefensive')}, missingThanks ${c('missingThanks')}`);
}
console.log(`scripted:        ${pct(count((r) => r.labels.scripted))}`);
console.log(`blameDefensive:  ${pct(count((r) => r.labels.blameDefensive))}`);
console.log(`missingThanks:   ${pct(count((r) => r.labels.missingThanks))}`);
const good = (r) => !r.labels.scripted && !r.labels.blameDefensive;
console.log(`neither scripted nor blameDefensive: ${pct(count(good))}`);
console.log(`no label at all: ${pct(count((r) => good(r) && !r.labels.missingThanks))}`);
console.log(`near-miss:       ${pct(nearMiss.size)}`);
console.log(`spans: ${replies.reduce((n, r) => n + r.spans.length, 0)}`);

// Builds a numbered tuning corpus, tests/corpus/tuningN.jsonl, from the hand-written tuningN.txt
// (tuning2 unless another name is given).
//
// Same header format as src/*.txt (see build.mjs), except that each header starts with the source
// prefix: `### em S B N`. Ids are `tN-<prefix>-NNN`, numbered per source in file order. The script only
// copies what was written by hand; it validates the corpus and prints its statistics. No reply text
// may repeat one of replies.jsonl or of an earlier tuning corpus; from tuning3 on, no span text may
// repeat a span of those corpora either (compared case-insensitively), so each set brings new wording.
// (tuning2 predates that check and shares a few stock spans with replies.jsonl.)
//
// Run: node tests/corpus/build-tuning.mjs [tuning3]          (writes tuning2.jsonl / tuning3.jsonl)
//      node tests/corpus/build-tuning.mjs [tuning3] --check  (validates only; exits 1 when the .jsonl is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
const FLAGS = new Set(['S', 'B', 'N', 'nm']);
// Replies whose missingThanks label deliberately disagrees with the rough word check below.
const THANKS_TRAPS = {
  'em-032': '"I appreciate you\'re frustrated" means "I understand", not thanks',
};

const errors = [];
const warnings = [];
const replies = [];
const nearMiss = new Set();
const counters = {};
const lines = readFileSync(join(here, `${name}.txt`), 'utf8').replace(/\r\n/g, '\n').split('\n');
let current = null;

const finish = () => {
  if (!current) return;
  const t = current.textLines;
  while (t.length && t[t.length - 1].trim() === '') t.pop();
  while (t.length && t[0].trim() === '') t.shift();
  const text = t.join('\n');
  counters[current.prefix] = (counters[current.prefix] ?? 0) + 1;
  const short = `${current.prefix}-${String(counters[current.prefix]).padStart(3, '0')}`;
  const id = `t${number}-${short}`;
  const labels = {
    scripted: current.flags.has('S'),
    blameDefensive: current.flags.has('B'),
    missingThanks: current.flags.has('N'),
  };
  const where = `${name}.txt:${current.line} (${id})`;
  if (!text) errors.push(`${where}: empty text`);
  for (const span of current.spans) {
    if (!text.includes(span.text)) errors.push(`${where}: span not in text: ${JSON.stringify(span.text)}`);
  }
  for (const [label, flag] of [['scripted', 'S'], ['blameDefensive', 'B']]) {
    if (labels[label] !== current.spans.some((s) => s.label === label)) {
      errors.push(`${where}: ${flag} flag and ${label} spans disagree`);
    }
  }
  const thanks = /\b(thanks|thank(?:s| you| u)|thx|ty|tysm|appreciated?|appreciate|grateful|cheers for)\b/i.test(agentWords(text));
  if (thanks === labels.missingThanks && !THANKS_TRAPS[short]) {
    warnings.push(`${where}: missingThanks=${labels.missingThanks} but the thanks heuristic disagrees (review by hand)`);
  }
  if (current.flags.has('nm')) nearMiss.add(id);
  replies.push({ id, source: PREFIXES[current.prefix], text, labels, spans: current.spans });
  current = null;
};

lines.forEach((line, i) => {
  if (line.startsWith('###')) {
    finish();
    const [prefix, ...flags] = line.slice(3).trim().split(/\s+/).filter(Boolean);
    if (!PREFIXES[prefix]) errors.push(`${name}.txt:${i + 1}: unknown source prefix ${prefix}`);
    for (const f of flags) if (!FLAGS.has(f)) errors.push(`${name}.txt:${i + 1}: unknown flag ${f}`);
    current = { line: i + 1, prefix, flags: new Set(flags), textLines: [], spans: [], inSpans: false };
    return;
  }
  if (!current) {
    if (line.trim() && !line.startsWith('//')) errors.push(`${name}.txt:${i + 1}: text before first header`);
    return;
  }
  const m = /^%([SB]) (.+)$/.exec(line);
  if (m) {
    current.inSpans = true;
    current.spans.push({ label: m[1] === 'S' ? 'scripted' : 'blameDefensive', text: m[2] });
    return;
  }
  if (current.inSpans) {
    if (line.trim()) errors.push(`${name}.txt:${i + 1}: text after span lines`);
    return;
  }
  current.textLines.push(line);
});
finish();

function agentWords(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (line === '-- ') break;
    if (/^On .+wrote:\s*$/.test(line)) break;
    if (/^>/.test(line)) continue;
    out.push(line);
  }
  return out.join('\n');
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

const jsonl = replies.map((r) => JSON.stringify(r)).join('\n') + '\n';
for (const [i, line] of jsonl.trimEnd().split('\n').entries()) {
  const r = JSON.parse(line);
  for (const s of r.spans) if (!r.text.includes(s.text)) errors.push(`line ${i + 1}: span not a substring after round trip`);
}

for (const w of warnings) console.warn(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
if (errors.length) process.exit(1);

const out = join(here, `${name}.jsonl`);
if (process.argv.includes('--check')) {
  let existing = '';
  try {
    existing = readFileSync(out, 'utf8');
  } catch {}
  if (existing !== jsonl) {
    console.error(`${name}.jsonl is stale: run node tests/corpus/build-tuning.mjs ${name}`);
    process.exit(1);
  }
} else {
  writeFileSync(out, jsonl);
}

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

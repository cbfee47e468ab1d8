// Builds tests/corpus/replies.jsonl from the hand-written sources in tests/corpus/src/*.txt.
//
// This script only copies the texts and labels that were written by hand in src/; it never
// combines phrases or generates text. It also validates the corpus and prints its statistics.
//
// Source format (one file per source channel, file name = source):
//
//   ### S B N nm          header: flags S = scripted, B = blameDefensive, N = missingThanks,
//                         nm = contains a near-miss a careless matcher would flag (stats only)
//   text of the reply     every line up to the first %S/%B line or the next header
//   %S exact span         a scripted span (must be a substring of the text)
//   %B exact span         a blameDefensive span
//
// Run: node tests/corpus/build.mjs          (writes replies.jsonl, prints stats)
//      node tests/corpus/build.mjs --check  (validates only; exits 1 when replies.jsonl is stale)
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCES = {
  social: 'sm',
  'helpdesk-email': 'em',
  chat: 'ch',
  macro: 'mc',
  maintainer: 'gh',
  sms: 'tx',
};
const FLAGS = new Set(['S', 'B', 'N', 'nm']);
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
  const file = join(here, 'src', `${source}.txt`);
  const lines = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').split('\n');
  let current = null;
  let n = 0;
  const finish = () => {
    if (!current) return;
    while (current.textLines.length && current.textLines[current.textLines.length - 1].trim() === '') {
      current.textLines.pop();
    }
    while (current.textLines.length && current.textLines[0].trim() === '') current.textLines.shift();
    const text = current.textLines.join('\n');
    const id = `${prefix}-${String(++n).padStart(3, '0')}`;
    const labels = {
      scripted: current.flags.has('S'),
      blameDefensive: current.flags.has('B'),
      missingThanks: current.flags.has('N'),
    };
    const where = `${source}.txt:${current.line} (${id})`;
    if (!text) errors.push(`${where}: empty text`);
    for (const span of current.spans) {
      if (!text.includes(span.text)) errors.push(`${where}: span not in text: ${JSON.stringify(span.text)}`);
    }
    if (labels.scripted !== current.spans.some((s) => s.label === 'scripted')) {
      errors.push(`${where}: scripted=${labels.scripted} but scripted spans disagree`);
    }
    if (labels.blameDefensive !== current.spans.some((s) => s.label === 'blameDefensive')) {
      errors.push(`${where}: blameDefensive=${labels.blameDefensive} but blameDefensive spans disagree`);
    }
    if (/^---\s*$/m.test(text.split('\n')[0])) errors.push(`${where}: text starts with front matter fence`);
    if (/^--$/m.test(text)) warnings.push(`${where}: a line is "--" without the trailing space of a signature`);
    const heuristic = thanksHeuristic(text);
    if (heuristic === labels.missingThanks && !THANKS_TRAPS[id]) {
      warnings.push(`${where}: missingThanks=${labels.missingThanks} but the thanks heuristic disagrees (review by hand)`);
    }
    if (current.flags.has('nm')) nearMiss.add(id);
    replies.push({ id, source, text, labels, spans: current.spans });
    current = null;
  };
  lines.forEach((line, i) => {
    if (line.startsWith('###')) {
      finish();
      const flags = line.slice(3).trim().split(/\s+/).filter(Boolean);
      for (const f of flags) if (!FLAGS.has(f)) errors.push(`${source}.txt:${i + 1}: unknown flag ${f}`);
      current = { line: i + 1, flags: new Set(flags), textLines: [], spans: [], inSpans: false };
      return;
    }
    if (!current) {
      if (line.trim() && !line.startsWith('//')) errors.push(`${source}.txt:${i + 1}: text before first header`);
      return;
    }
    const m = /^%([SB]) (.+)$/.exec(line);
    if (m) {
      current.inSpans = true;
      current.spans.push({ label: m[1] === 'S' ? 'scripted' : 'blameDefensive', text: m[2] });
      return;
    }
    if (current.inSpans) {
      if (line.trim()) errors.push(`${source}.txt:${i + 1}: text after span lines`);
      return;
    }
    current.textLines.push(line);
  });
  finish();
}

// Duplicate texts would inflate the metrics.
const seen = new Map();
for (const r of replies) {
  if (seen.has(r.text)) errors.push(`${r.id}: duplicate text of ${seen.get(r.text)}`);
  seen.set(r.text, r.id);
}

/** Agent's own words: drop quoted history (">" lines, "On … wrote:" and everything after) and the signature. */
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

/** Rough cross-check only; the labels are set by hand. Returns true when the agent's words seem to thank. */
function thanksHeuristic(text) {
  return /\b(thanks|thank(?:s| you| u)|thx|ty|tysm|appreciated?|grateful|cheers for)\b/i.test(agentWords(text));
}

const jsonl = replies.map((r) => JSON.stringify(r)).join('\n') + '\n';
const out = join(here, 'replies.jsonl');

// Validate the serialised form as a consumer will read it.
for (const [i, line] of jsonl.trimEnd().split('\n').entries()) {
  const r = JSON.parse(line);
  for (const s of r.spans) if (!r.text.includes(s.text)) errors.push(`line ${i + 1}: span not a substring after round trip`);
}

for (const w of warnings) console.warn(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
if (errors.length) process.exit(1);

if (process.argv.includes('--check')) {
  let existing = '';
  try {
    existing = readFileSync(out, 'utf8');
  } catch {}
  if (existing !== jsonl) {
    console.error('replies.jsonl is stale: run node tests/corpus/build.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(out, jsonl);
}

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

// The hand-written corpus source format, shared by build.mjs (src/*.txt → replies.jsonl) and
// build-tuning.mjs (tuningN.txt → tuningN.jsonl): parsing, per-reply checks, and writing the
// .jsonl (or, with --check, failing when it is stale).
//
//   ### [prefix] S B N nm   header: S = scripted, B = blameDefensive, N = missingThanks,
//                           nm = contains a near-miss (stats only); tuning files start with the source prefix
//   text of the reply       every line up to the first %S/%B line or the next header
//   %S exact span           a scripted span (must be a substring of the text)
//   %B exact span           a blameDefensive span
import { readFileSync, writeFileSync } from 'node:fs';

const FLAGS = new Set(['S', 'B', 'N', 'nm']);

/** The replies of one source file, in order, with `errors` naming file and line. */
export function parseReplySource(content, fileLabel, { prefixed, prefixes = {} }, errors) {
  const entries = [];
  let current = null;
  const finish = () => {
    if (!current) return;
    const t = current.textLines;
    while (t.length && t[t.length - 1].trim() === '') t.pop();
    while (t.length && t[0].trim() === '') t.shift();
    entries.push({ line: current.line, prefix: current.prefix, flags: current.flags, text: t.join('\n'), spans: current.spans });
    current = null;
  };
  content
    .replace(/\r\n/g, '\n')
    .split('\n')
    .forEach((line, i) => {
      if (line.startsWith('###')) {
        finish();
        const words = line.slice(3).trim().split(/\s+/).filter(Boolean);
        const prefix = prefixed ? words.shift() : undefined;
        if (prefixed && !prefixes[prefix]) errors.push(`${fileLabel}:${i + 1}: unknown source prefix ${prefix}`);
        for (const f of words) if (!FLAGS.has(f)) errors.push(`${fileLabel}:${i + 1}: unknown flag ${f}`);
        current = { line: i + 1, prefix, flags: new Set(words), textLines: [], spans: [], inSpans: false };
        return;
      }
      if (!current) {
        if (line.trim() && !line.startsWith('//')) errors.push(`${fileLabel}:${i + 1}: text before first header`);
        return;
      }
      const m = /^%([SB]) (.+)$/.exec(line);
      if (m) {
        current.inSpans = true;
        current.spans.push({ label: m[1] === 'S' ? 'scripted' : 'blameDefensive', text: m[2] });
        return;
      }
      if (current.inSpans) {
        if (line.trim()) errors.push(`${fileLabel}:${i + 1}: text after span lines`);
        return;
      }
      current.textLines.push(line);
    });
  finish();
  return entries;
}

/** The labels of an entry, checked against its spans and, roughly, against the words it thanks with. */
export function labelledReply(entry, { id, source, where, isThanksTrap }, errors, warnings) {
  const { text, spans, flags } = entry;
  const labels = { scripted: flags.has('S'), blameDefensive: flags.has('B'), missingThanks: flags.has('N') };
  if (!text) errors.push(`${where}: empty text`);
  for (const span of spans) {
    if (!text.includes(span.text)) errors.push(`${where}: span not in text: ${JSON.stringify(span.text)}`);
  }
  for (const label of ['scripted', 'blameDefensive']) {
    if (labels[label] !== spans.some((s) => s.label === label)) {
      errors.push(`${where}: ${label}=${labels[label]} but ${label} spans disagree`);
    }
  }
  if (/^---\s*$/.test(text.split('\n')[0])) errors.push(`${where}: text starts with front matter fence`);
  if (/^--$/m.test(text)) warnings.push(`${where}: a line is "--" without the trailing space of a signature`);
  if (thanksHeuristic(text) === labels.missingThanks && !isThanksTrap) {
    warnings.push(`${where}: missingThanks=${labels.missingThanks} but the thanks heuristic disagrees (review by hand)`);
  }
  return { id, source, text, labels, spans };
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

/** Rough cross-check only; the labels are set by hand. True when the agent's words seem to thank. */
function thanksHeuristic(text) {
  return /\b(thanks|thank(?:s| you| u)|thx|ty|tysm|appreciated?|grateful|cheers for)\b/i.test(agentWords(text));
}

/**
 * Prints warnings and errors (exiting 1 on errors), then writes `out`, or with --check fails when
 * it differs from what would be written. Spans are checked again as a consumer reads the .jsonl.
 */
export function writeJsonl(out, replies, staleHint, errors, warnings) {
  const jsonl = replies.map((r) => JSON.stringify(r)).join('\n') + '\n';
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
      console.error(`${out} is stale: run ${staleHint}`);
      process.exit(1);
    }
  } else {
    writeFileSync(out, jsonl);
  }
}

// Deterministic inputs for `npm run bench`, built from the team's own hand-written replies
// (tests/corpus/*.jsonl), never from ../shared/corpus: the same seed gives the same bytes on
// every machine, so figures from two runs lint the same text.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORPORA = ['replies.jsonl', 'holdout.jsonl', 'tuning2.jsonl', 'tuning3.jsonl'];

/** mulberry32: a small seeded generator, enough to pick replies and words reproducibly. */
export function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let pool;
/** The team's replies, in file order. */
export function teamReplies() {
  pool ??= CORPORA.flatMap((file) =>
    readFileSync(join(root, 'tests/corpus', file), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line).text),
  );
  return pool;
}

const wordCount = (text) => text.split(/\s+/).filter(Boolean).length;

/** One email-like reply of about `words` words: a greeting, whole replies as paragraphs, a sign-off. */
export function replyOfWords(words, seed = words) {
  const random = seeded(seed);
  const replies = teamReplies();
  const paragraphs = [];
  let count = 0;
  while (count < words) {
    const paragraph = replies[Math.floor(random() * replies.length)].replace(/\r\n?/g, '\n').trim();
    paragraphs.push(paragraph);
    count += wordCount(paragraph);
  }
  return `Hi Sam,\n\n${paragraphs.join('\n\n')}\n\nBest,\nAlex\n`;
}

/** A long document (a pasted thread, a macro export) of at least `bytes` UTF-8 bytes. */
export function documentOfBytes(bytes, seed = 76) {
  const random = seeded(seed);
  const replies = teamReplies();
  const paragraphs = [];
  let size = 0;
  while (size < bytes) {
    const paragraph = replies[Math.floor(random() * replies.length)].replace(/\r\n?/g, '\n').trim();
    paragraphs.push(paragraph);
    size += Buffer.byteLength(paragraph) + 2;
  }
  return `${paragraphs.join('\n\n')}\n`;
}

/** `count` replies as they come out of a help desk: each one of the team's replies, picked at random. */
export function replySet(count, seed = count) {
  const random = seeded(seed);
  const replies = teamReplies();
  return Array.from({ length: count }, () => replies[Math.floor(random() * replies.length)]);
}

/**
 * `count` distinct custom phrases of two to four words, as a team's list of product names and
 * banned wording looks: words drawn from the replies, so some of them do match.
 */
export function customPhrases(count, seed = 7) {
  const random = seeded(seed);
  const words = [...new Set(teamReplies().join(' ').toLowerCase().match(/\b[a-z]{3,}\b/g))].sort();
  const phrases = new Set();
  while (phrases.size < count) {
    const length = 2 + Math.floor(random() * 3);
    phrases.add(Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' '));
  }
  return [...phrases];
}

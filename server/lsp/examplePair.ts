import type { RuleDefinition } from '../../shared/index';

/** One sentence as the writer wrote it, and the same sentence the way the rule would have it. */
export interface ExamplePair {
  bad: string;
  good: string;
}

/**
 * Of a rule's own examples (its tests and its docs), the one whose flagged words are nearest
 * to what the writer wrote, cut down to the sentences that change: a pair close to the flagged
 * wording rather than always the first example of a long rule.
 */
export function closestExamplePair(definition: RuleDefinition | undefined, flagged: string): ExamplePair | undefined {
  const wanted = words(flagged);
  let best: { pair: ExamplePair; score: number } | undefined;
  for (const example of definition?.examples?.invalid ?? []) {
    if (typeof example === 'string' || !example.output) continue;
    const pair = changedSentences(example.text, example.output);
    if (!pair) continue;
    const score = Math.max(0, ...(example.flagged ?? []).map((candidate) => similarity(wanted, words(candidate))));
    if (!best || score > best.score) best = { pair, score };
  }
  return best?.pair;
}

/** The sentences of `before` that the edit touched, and what they became in `after`. */
export function changedSentences(before: string, after: string): ExamplePair | undefined {
  if (before === after) return undefined;
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  // Out to the sentence around the change, in both texts (the common parts are the same text).
  const open = sentenceStart(before, start);
  const bad = before.slice(open, sentenceEnd(before, endBefore)).trim();
  const good = after.slice(open, sentenceEnd(after, endAfter)).trim();
  return bad && good ? { bad: oneLine(bad), good: oneLine(good) } : undefined;
}

function sentenceStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && !/[.!?\n]/.test(text[i - 1]!)) i--;
  return i;
}

function sentenceEnd(text: string, at: number): number {
  // A change that ends at a sentence end already holds its full stop.
  if (at > 0 && /[.!?]/.test(text[at - 1]!)) return at;
  const rest = /[.!?](?=\s|$)|\n/.exec(text.slice(at));
  return rest ? at + rest.index + (rest[0] === '\n' ? 0 : 1) : text.length;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().replace(/[’']/g, "'").match(/[\p{L}\p{N}']+/gu) ?? []);
}

/** Shared words over all words (Jaccard), so "you should have read" is near "You should have cleared". */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

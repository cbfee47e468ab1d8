/**
 * Finds the word of a vocabulary within a small edit distance of a word, so that
 * "inconvenince" or "apologzie" still match their phrase. Short words are never
 * folded: at that length one edit makes another real word.
 *
 * The vocabulary is indexed by first letter and length, the two things a candidate must
 * share with the word (give or take the edits allowed), so a lookup reads a handful of
 * candidates instead of every phrase word.
 */
export class FuzzyVocabulary {
  /** first character + length → [word, position in the vocabulary, letters it holds] */
  private readonly buckets = new Map<string, Array<[string, number, number]>>();
  private rows: Int32Array[] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

  /** `words` in the order that breaks ties: of two equally close words, the earlier wins. */
  constructor(words: Iterable<string>) {
    let position = 0;
    for (const word of words) {
      if (word.length >= FOLDED_LENGTH) {
        const key = bucketKey(word[0], word.length);
        let bucket = this.buckets.get(key);
        if (!bucket) this.buckets.set(key, (bucket = []));
        bucket.push([word, position, lettersOf(word)]);
      }
      position++;
    }
  }

  closest(word: string): string | undefined {
    const allowed = word.length >= 11 ? 2 : 1;
    let best: string | undefined;
    let bestPosition = Infinity;
    let bestDistance = allowed + 1;
    const letters = lettersOf(word);
    for (let length = word.length - allowed; length <= word.length + allowed; length++) {
      const bucket = this.buckets.get(bucketKey(word[0], length));
      if (!bucket) continue;
      for (const [candidate, position, candidateLetters] of bucket) {
        // One edit adds at most one kind of letter and removes at most one: more differences than
        // twice the edits allowed rule the candidate out before the distance is computed.
        if (bitCount(letters ^ candidateLetters) > 2 * allowed) continue;
        const distance = this.distance(word, candidate, allowed);
        if (distance < bestDistance || (distance === bestDistance && distance <= allowed && position < bestPosition)) {
          best = candidate;
          bestPosition = position;
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  /** Optimal-string-alignment distance, giving up once it exceeds `limit`; three rolling rows, no allocation. */
  private distance(a: string, b: string, limit: number): number {
    if (this.rows[0].length <= b.length) this.rows = [0, 1, 2].map(() => new Int32Array(b.length * 2 + 2));
    let [beforePrevious, previous, current] = this.rows;
    for (let j = 0; j <= b.length; j++) previous[j] = j;
    for (let i = 1; i <= a.length; i++) {
      current[0] = i;
      let rowMin = Infinity;
      for (let j = 1; j <= b.length; j++) {
        const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
          value = Math.min(value, beforePrevious[j - 2] + 1);
        }
        current[j] = value;
        if (value < rowMin) rowMin = value;
      }
      if (rowMin > limit) return limit + 1;
      [beforePrevious, previous, current] = [previous, current, beforePrevious];
    }
    return previous[b.length];
  }
}

/** Words shorter than this are never folded into another. */
export const FOLDED_LENGTH = 7;

/** The kinds of letter a word holds, as bits (code unit mod 32: a shared bit only weakens the test). */
function lettersOf(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) & 31);
  return bits;
}

function bitCount(bits: number): number {
  let v = bits - ((bits >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function bucketKey(first: string, length: number): string {
  return `${first}${length}`;
}

/** The closest word of `vocabulary` to `word`, or undefined: one lookup, for callers with no index. */
export function closestWord(word: string, vocabulary: Iterable<string>): string | undefined {
  return new FuzzyVocabulary(vocabulary).closest(word);
}

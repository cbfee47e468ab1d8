import { normalizeWord } from './normalizeWord';
import { OPAQUE_MARK, type Span } from '../reply/segmentReply';

export type TokenKind = 'word' | 'opaque' | 'break';

/**
 * A normalised word with the source range it came from. A contraction yields
 * several tokens over the same range ("we're" → "we", "are").
 */
export interface Token {
  kind: TokenKind;
  /** normalised form; "" for opaque and break tokens */
  norm: string;
  start: number;
  end: number;
}

const NUMBER_WITH_UNIT = /^(\d+)(\p{L}+)$/u;
const WORD = /[\p{L}\p{N}]+(?:['’‘ʼ][\p{L}]+)*['’]?/uy;

/**
 * Tokenises the given spans of a masked text. Sentence ends, blank lines, list
 * items and span edges become `break` tokens, which no phrase can match across.
 */
export function tokenize(masked: string, spans: Span[]): Token[] {
  const tokens: Token[] = [];
  const pushBreak = (at: number) => {
    if (tokens.length > 0 && tokens[tokens.length - 1].kind !== 'break') {
      tokens.push({ kind: 'break', norm: '', start: at, end: at });
    }
  };
  for (const span of spans) {
    pushBreak(span.start);
    let i = span.start;
    while (i < span.end) {
      const ch = masked[i];
      if (ch === OPAQUE_MARK) {
        let end = i + 1;
        while (end < span.end && masked[end] === ' ') end++;
        tokens.push({ kind: 'opaque', norm: '', start: i, end: i + 1 });
        i = end;
        continue;
      }
      // Spaces and ASCII punctuation, most of what is between words, cannot start one: no regex there.
      const code = masked.charCodeAt(i);
      const mayStartWord = code >= 128 || (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
      WORD.lastIndex = i;
      const match = mayStartWord ? WORD.exec(masked) : null;
      if (match && match.index === i && match.index < span.end) {
        const raw = match[0];
        const first = raw.charCodeAt(0);
        const unit = first >= 48 && first <= 57 ? NUMBER_WITH_UNIT.exec(raw) : null;
        if (unit) {
          // "24hrs", "5pm": a number and its unit are two words, as "24 hrs" and "5 pm" are.
          const digits = unit[1].length;
          tokens.push({ kind: 'word', norm: unit[1], start: i, end: i + digits });
          tokens.push({ kind: 'word', norm: unit[2].toLowerCase(), start: i + digits, end: i + raw.length });
        } else {
          for (const norm of normalized(raw)) tokens.push({ kind: 'word', norm, start: i, end: i + raw.length });
        }
        i += raw.length;
        continue;
      }
      if (isSentenceEnd(masked, i)) pushBreak(i);
      else if ((ch === '\n' || (ch === '\r' && masked[i + 1] !== '\n')) && isHardLineBreak(masked, i)) pushBreak(i);
      i++;
    }
  }
  pushBreak(masked.length);
  return tokens;
}

/** Replies repeat their words; normalising each distinct spelling once saves most of the work. */
const normalizedWords = new Map<string, string[]>();
const NORMALIZED_WORDS_LIMIT = 50_000;

function normalized(raw: string): string[] {
  let words = normalizedWords.get(raw);
  if (!words) {
    if (normalizedWords.size >= NORMALIZED_WORDS_LIMIT) normalizedWords.clear();
    words = normalizeWord(raw);
    normalizedWords.set(raw, words);
  }
  return words;
}

function isSentenceEnd(text: string, i: number): boolean {
  const ch = text[i];
  if (ch === '!' || ch === '?' || ch === ';' || ch === '…') return true;
  if (ch === '.' || ch === ':') {
    const next = text[i + 1];
    return next === undefined || /[\s"'”’)\]]/.test(next);
  }
  return false;
}

/** A blank line, or a next line that starts a list item, heading or table row. */
function isHardLineBreak(text: string, i: number): boolean {
  let j = i + 1;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  if (j >= text.length || text[j] === '\n' || text[j] === '\r') return true;
  return /^(?:[-*+•#|]|\d+[.)])\s/.test(text.slice(j, j + 4));
}

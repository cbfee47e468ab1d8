import type { TextEdit } from './types';

/**
 * Builds the edit that puts `replacement` where [start, end) was, writing it the way
 * the sentence needs: capitalised at a sentence start, and with an empty replacement
 * taking the comma and space after the words too ("As I said, you…" → "You…").
 */
export function replacementEdits(text: string, start: number, end: number, replacement: string): TextEdit[] {
  const atSentenceStart = isSentenceStart(text, start);
  if (replacement !== '') {
    const shaped = atSentenceStart || /^\p{Lu}/u.test(text[start] ?? '') ? capitalize(replacement) : replacement;
    return [{ start, end, text: shaped }];
  }
  let after = end;
  if (/[,;:]/.test(text[after] ?? '')) after++;
  while (text[after] === ' ' || text[after] === '\t') after++;
  if (atSentenceStart) {
    // The words were the whole sentence: take its full stop and the space after it too.
    if (/[.!?]/.test(text[after] ?? '')) {
      after++;
      while (text[after] === ' ' || text[after] === '\t') after++;
    }
    const next = text[after] ?? '';
    if (/\p{Ll}/u.test(next)) return [{ start, end: after + 1, text: next.toUpperCase() }];
    // Nothing follows on the line: take the space before, so no trailing space is left.
    let before = start;
    if (next === '' || next === '\n' || next === '\r') {
      while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
    }
    return [{ start: before, end: after, text: '' }];
  }
  // Mid-sentence: take the space before instead, so no double space is left behind.
  let before = start;
  if (after === end) while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  // The words ended their sentence: the comma or dash that led into them goes too ("fare, which you chose." → "fare.").
  if (after === end && /^(?:[.!?\r\n]|$)/.test(text.slice(after, after + 1)) && /[,;—–]/.test(text[before - 1] ?? '')) {
    before--;
    while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  }
  return [{ start: before, end: after, text: '' }];
}

/** Inserts a sentence before the text at `at`, capitalising what follows when it was lower case. */
export function sentenceInsertEdits(text: string, at: number, sentence: string): TextEdit[] {
  // Right after "Hey Dave," on the same line the sentence goes on in lower case.
  if (/,[ \t]*$/.test(text.slice(Math.max(0, at - 3), at)) && !/\n|\r/.test(text.slice(Math.max(0, at - 3), at))) {
    sentence = sentence.charAt(0).toLowerCase() + sentence.slice(1);
  }
  const next = text[at] ?? '';
  if (at >= text.trimEnd().length) return [{ start: at, end: at, text: sentence }];
  if (/\p{Ll}/u.test(next)) return [{ start: at, end: at + 1, text: `${sentence} ${next.toUpperCase()}` }];
  return [{ start: at, end: at, text: `${sentence} ` }];
}

export function isSentenceStart(text: string, offset: number): boolean {
  let i = offset - 1;
  for (;;) {
    while (i >= 0 && /[ \t"“'‘(*_]/.test(text[i])) i--;
    // "@sam the refund…": a leading @mention is an address, and the sentence starts after it
    let j = i;
    while (j >= 0 && /[\p{L}\p{N}_]/u.test(text[j])) j--;
    if (j < i && text[j] === '@' && (j === 0 || /[\s.!?]/.test(text[j - 1]))) {
      i = j - 1;
      continue;
    }
    break;
  }
  if (i < 0) return true;
  return /[.!?\n\r…:]/.test(text[i]);
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/**
 * Applies groups of edits (each group is one fix, all or nothing) that do not overlap
 * an earlier group; the rest wait for the next pass. Returns the new text and how
 * many groups were applied.
 */
export function applyEditGroups(text: string, groups: TextEdit[][]): { text: string; applied: number } {
  const chosen = chooseEditGroups(groups);
  return { text: applyEdits(text, chosen.flat()), applied: chosen.length };
}

/** The groups `applyEditGroups` applies: in order, each overlapping no group taken before it. */
export function chooseEditGroups(groups: TextEdit[][]): TextEdit[][] {
  const ordered = groups
    .filter((group) => group.length > 0)
    .map((group) => [...group].sort((a, b) => a.start - b.start || a.end - b.end))
    .sort((a, b) => a[0].start - b[0].start);
  const accepted: TextEdit[] = [];
  const chosen: TextEdit[][] = [];
  for (const group of ordered) {
    const overlaps = group.some((edit) =>
      accepted.some((taken) => (edit.start < taken.end && taken.start < edit.end) || edit.start === taken.start),
    );
    if (overlaps) continue;
    accepted.push(...group);
    chosen.push(group);
  }
  return chosen;
}

/** Applies edits that do not overlap one another. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let output = '';
  let cursor = 0;
  for (const edit of ordered) {
    output += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return output + text.slice(cursor);
}

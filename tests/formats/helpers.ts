import fc from 'fast-check';
import { decodeHTML } from 'entities';
import { expect } from 'vitest';
import { Linter, lintDocument, readDocument, type DocumentFormat } from '../../shared/index';

export const linter = new Linter();

/** The sentence every generated reply carries: two safe fixes (removals) and a blame. */
export const PLANTED = 'As I already said, please be advised that you should have cleared the cache.';
export const PLANTED_DEFENSIVE = 'As I already said';

/**
 * Pieces of filler text that stress the encoders: quotes, backslashes, slashes, entities'
 * ampersands, angle brackets, emoji (surrogate pairs), accents, tabs, line breaks, U+2028,
 * placeholders. None can start a signature (`-- `) or a quoted line (`>`), so the planted
 * sentence is always the agent's own words.
 */
const FILLER_PIECES = [
  'word', 'Thanks', 'the', 'refund', ' ', ' ', '  ', '.', ',', '!', '?', '"', "'", '’', '\\', '/', '&', '&amp;', '<',
  ';', ':', '#', 'é', 'Zoë', '👋', '🙏🏽', '\t', '\n', '\n\n', '\u2028', '{{ticket.id}}', '{%customer.firstName,fallback=there%}',
  '%', '*', '_', '[x]', '(y)', '$5',
];
export const filler = fc.array(fc.constantFrom(...FILLER_PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

/** A reply with the planted sentence in a paragraph of its own, between two fillers. */
export const reply = fc.tuple(filler, filler).map(([before, after]) => `${before.trim()}\n\n${PLANTED}\n\n${after}`.trim());

/** Letters and digits in order: "the same words", whatever escapes and markup stand between them. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** JSON string contents back to text (a finding's range never cuts an escape). */
export function unescapeJson(slice: string): string {
  return JSON.parse(`"${slice.replace(/\n/g, '\\n')}"`) as string;
}

/** HTML back to text, loosely: block tags become spaces, inline tags nothing, entities their characters. */
export function htmlToText(slice: string): string {
  return decodeHTML(slice.replace(/<\/?(?:p|br|div)\b[^>]*>/g, ' ').replace(/<[^>]*>/g, ''));
}

/**
 * The property every format must keep: each finding of the file flags the same words in
 * the file as the same finding flags in the decoded reply, and the planted defensive
 * phrase (when given) maps onto exactly its own characters.
 */
export function expectFindingsOnTheSameWords(
  source: string,
  format: DocumentFormat,
  decodeSlice: (slice: string) => string,
  planted: string | null = PLANTED_DEFENSIVE,
): void {
  const document = readDocument(source, format);
  expect(document.problems).toEqual([]);
  const inFile = lintDocument(document, linter)
    .map((finding) => `${finding.ruleId}: ${words(decodeSlice(source.slice(finding.start, finding.end))).join(' ')}`)
    .sort();
  const inReplies = document.replies
    // the reply alone, told what the library tells it: which help desk it is for
    .flatMap((item) => linter.lint(item.body.text, { platform: item.platform, channel: item.channel }).findings.map((finding) => `${finding.ruleId}: ${words(item.body.text.slice(finding.start, finding.end)).join(' ')}`))
    .sort();
  expect(inFile).toEqual(inReplies);
  if (planted === null) return;
  const defensive = lintDocument(document, linter).filter((finding) => finding.ruleId === 'no-defensive');
  // Exactly its characters, give or take how the container breaks lines (YAML folding).
  const flagged = defensive.map((finding) => decodeSlice(source.slice(finding.start, finding.end)).replace(/\s+/g, ' '));
  expect(flagged).toContain(planted);
}

// Properties of findings and safe fixes on generated replies. `npm test` runs a few hundred
// cases; `npm run fuzz` runs the same properties long (FUZZ_RUNS, default there 100,000).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEditGroups, Linter, type Finding } from '../../shared';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const linter = new Linter();

/** Pieces real replies are made of, chosen to sit next to and inside the formulas we fix. */
const FORMULAS = [
  'please be advised that', 'Please be informed', 'kindly note that', 'Kindly', 'rest assured', 'Rest assured that',
  'we can assure you that', 'As I already said,', 'like I said', 'as previously mentioned', 'I hope this email finds you well',
  'we apologize for any inconvenience', 'you should have', 'thank you for your patience', 'per our policy',
  'we will look into it', 'Just to reiterate', 'please check my previous email',
];
const FILLERS = ['once', 'so', 'very', 'do', 'most', 'again', 'also', 'really', 'truly', 'sincerely', 'deeply'];
const WORDS = ['the', 'refund', 'order', 'we', 'you', 'ship', 'far', 'nothing', 'charged', 'card', 'Monday', 'team', 'it', 'café', 'naïve', '2', '42'];
const SYMBOLS = ['👍', '🙂', '👩🏽‍💻', '€', '—', '&', '"', '“', '”', '(', ')', '*'];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '! ', '? ', ': ', '; ', '\n', '\r\n', '\n\n', '\t', '  '];
const EXTRAS = ['{{ticket.requester.first_name}}', 'https://example.com/a?b=c', '@sam', '> quoted line\n', '\n-- \nSam\n'];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FORMULAS) },
  { weight: 3, arbitrary: fc.constantFrom(...FILLERS) },
  { weight: 5, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...SYMBOLS) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTRAS) },
);
const reply = fc
  .array(fc.tuple(piece, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 30 })
  .map((parts) => parts.map(([text, separator]) => text + separator).join(''));

/** Words and symbols a reader sees, case folded: what a fix must keep unless it was flagged. */
function readerUnits(text: string, from = 0, to = text.length): Array<{ unit: string; start: number; end: number }> {
  const units = [];
  const pattern = /[\p{L}\p{N}]+|\p{Extended_Pictographic}|[€&]/gu;
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match && match.index < to; match = pattern.exec(text)) {
    units.push({ unit: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return units;
}

function isSubsequence(needles: string[], haystack: string[]): boolean {
  let i = 0;
  for (const unit of haystack) if (i < needles.length && unit === needles[i]) i++;
  return i === needles.length;
}

/** One pass: apply every fix of one lint at once, checking what the pass may change. */
function fixPass(text: string, findings: Finding[]): string {
  const fixes = findings.flatMap((finding) => (finding.fix ? [finding] : []));
  const edits = fixes.flatMap((finding) => finding.fix!.edits).sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++) {
    expect(edits[i].start, `fixes overlap in ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(edits[i - 1].end);
  }
  const { text: output, applied } = applyEditGroups(text, fixes.map((finding) => finding.fix!.edits));
  expect(applied).toBe(fixes.length);
  const flagged = (start: number, end: number) => fixes.some((finding) => start < finding.end && finding.start < end);
  const kept = readerUnits(text).filter((unit) => !flagged(unit.start, unit.end)).map((unit) => unit.unit);
  const outputUnits = readerUnits(output).map((unit) => unit.unit);
  expect(isSubsequence(kept, outputUnits), `a fix lost words: ${JSON.stringify(text)} → ${JSON.stringify(output)}`).toBe(true);
  const allowed = new Set([...readerUnits(text), ...edits.flatMap((edit) => readerUnits(edit.text))].map((unit) => unit.unit));
  for (const unit of outputUnits) expect(allowed.has(unit), `a fix wrote “${unit}” into ${JSON.stringify(output)}`).toBe(true);
  return output;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const splitsPair = (text: string, offset: number) =>
  offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));

describe('findings and safe fixes on generated replies', () => {
  it('ranges lie inside the text, on UTF-16 character boundaries', () => {
    fc.assert(
      fc.property(reply, (text) => {
        for (const finding of linter.lint(text).findings) {
          const edits = [...(finding.fix?.edits ?? []), ...finding.suggestions.flatMap((s) => s.edits)];
          for (const [start, end] of [[finding.start, finding.end], ...edits.map((e) => [e.start, e.end])]) {
            expect(0 <= start && start <= end && end <= text.length).toBe(true);
            expect(splitsPair(text, start) || splitsPair(text, end)).toBe(false);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('safe fixes never overlap, and only remove or rewrite the flagged words', () => {
    fc.assert(
      fc.property(reply, (text) => {
        fixPass(text, linter.lint(text).findings);
      }),
      { numRuns: RUNS },
    );
  });

  it('fix-all keeps every unflagged word through all its passes, converges, and is idempotent', () => {
    fc.assert(
      fc.property(reply, (text) => {
        let current = text;
        for (let pass = 0; pass < 10; pass++) {
          const next = fixPass(current, linter.lint(current).findings);
          if (next === current) break;
          current = next;
        }
        expect(linter.lint(current).findings.some((finding) => finding.fix)).toBe(false);
        const once = linter.fixAll(text).text;
        expect(once).toBe(current);
        expect(linter.fixAll(once).text).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });
});

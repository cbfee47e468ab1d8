import type { TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { applyEditGroups, fixDocument, isLintedLibrary, LineIndex, readDocument, type DocumentFormat, type Linter } from '../../shared/index';
import { toRange } from './diagnostics';

const MAX_PASSES = 10;

/**
 * Applies the safe fixes of one rule only, re-linting until stable like `Linter.fixAll`
 * does for every rule, so "Fix all <rule> problems" converges the same way.
 */
export function fixAllOfRule(linter: Linter, text: string, ruleId: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const groups = linter
      .lint(current)
      .findings.flatMap((finding) => (finding.ruleId === ruleId && finding.fix ? [finding.fix.edits] : []));
    if (groups.length === 0) break;
    const result = applyEditGroups(current, groups);
    if (result.applied === 0 || result.text === current) break;
    current = result.text;
  }
  return current;
}

/**
 * Every safe fix of a document (of one rule only, with `ruleId`), in its own syntax: a reply
 * as `Linter.fixAll` fixes it, a macro library through `fixDocument`, which writes each fix
 * back escaped, quoted or indented as the file needs and keeps the file valid.
 */
export function fixAllOfDocument(linter: Linter, text: string, format: DocumentFormat, ruleId?: string, formatNamed = false): string {
  if (format === 'reply') return ruleId === undefined ? linter.fixAll(text).text : fixAllOfRule(linter, text, ruleId);
  if (!isLintedLibrary(readDocument(text, format), formatNamed)) return text;
  return fixDocument(text, format, linter, { ruleId }).text;
}

/**
 * The one edit that turns `before` into `after`: the document replaced, minus the common
 * start and end, so the cursor and folded regions outside the fixes stay where they were.
 * Never cuts a surrogate pair or a CRLF in half, which would give positions a client cannot place.
 */
export function replacementEdit(before: string, after: string): LspTextEdit[] {
  if (before === after) return [];
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  while (prefix > 0 && splitsPair(before, prefix)) prefix--;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++;
  }
  while (suffix > 0 && splitsPair(before, before.length - suffix)) suffix--;
  const lines = new LineIndex(before);
  return [{ range: toRange(prefix, before.length - suffix, lines), newText: after.slice(prefix, after.length - suffix) }];
}

/** Whether an offset falls inside a surrogate pair or between the \r and \n of a CRLF. */
function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const previous = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  const highThenLow = previous >= 0xd800 && previous <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
  return highThenLow || (previous === 13 && next === 10);
}

import { applyEdits, chooseEditGroups } from '../engine/edits';
import type { Linter } from '../engine/linter';
import type { Finding, Suggestion, TextEdit } from '../engine/types';
import { NO_RULE_ID } from '../reply/frontMatter';
import type { EmbeddedText } from './embeddedText';
import type { Platform } from './macroShapes';
import { readDocument, type DocumentFormat, type ReplyDocument, type ReplyItem } from './replyDocument';

/** Which macro of a library a finding is about (BRIEF §5: `item` on ESLint's messages). */
export interface ItemRef {
  index: number;
  title: string;
}

/** A finding in offsets of the file, not of the decoded reply; `item` when the file is a library. */
export interface DocumentFinding extends Finding {
  item?: ItemRef;
}

/**
 * Lints every reply of a document and maps each finding, fix and suggestion back to the
 * exact characters of the file. A fix or suggestion that cannot be written back exactly
 * (see `EmbeddedText.sourceEdit`) is left out; the finding itself always stays.
 */
export function lintDocument(document: ReplyDocument, linter: Linter): DocumentFinding[] {
  return documentFindings(
    document,
    document.replies.map((reply) => linter.lint(reply.body.text, replyContext(reply)).findings),
  );
}

/** What a reply is linted with besides its text: a library's help desk (Zendesk JSON, Help Scout saved replies, …) and channel. */
export function replyContext(reply: ReplyItem): { platform?: Platform; channel?: 'chat' } {
  return { platform: reply.platform, channel: reply.channel };
}

/**
 * The findings of each reply (`perReply[i]` those of `document.replies[i]`, in the reply's own
 * offsets, linted here or on another thread) in offsets of the file, in file order.
 */
export function documentFindings(document: ReplyDocument, perReply: Finding[][]): DocumentFinding[] {
  const findings: DocumentFinding[] = [];
  document.replies.forEach((reply, i) => {
    const item = document.isLibrary ? { index: reply.index, title: reply.title } : undefined;
    for (const finding of perReply[i] ?? []) findings.push(toDocumentFinding(finding, reply.body, item));
  });
  // Replies do not overlap, so file order is also macro order.
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}

/**
 * What kept a file (or part of it) from being read, as findings with no rule, the way
 * front matter that cannot be read is reported: errors, since text that was not linted
 * is not clean. Each sits at the offset the parser gave, so adapters show a line and column.
 */
export function problemFindings(document: ReplyDocument): Finding[] {
  return document.problems.map((problem) => ({
    ruleId: NO_RULE_ID,
    severity: 'error',
    message: problem.message,
    start: problem.offset,
    end: problem.offset,
    suggestions: [],
  }));
}

/** The findings of a file: what could not be read first, then every reply's, in file order. */
export function lintDocumentWithProblems(document: ReplyDocument, linter: Linter): DocumentFinding[] {
  return withProblems(document, lintDocument(document, linter));
}

/** `findings` of a document, with what kept it from being read first, in file order. */
export function withProblems(document: ReplyDocument, findings: DocumentFinding[]): DocumentFinding[] {
  const problems = problemFindings(document);
  return problems.length === 0 ? findings : [...problems, ...findings].sort((a, b) => a.start - b.start || a.end - b.end);
}

function toDocumentFinding(finding: Finding, body: EmbeddedText, item: ItemRef | undefined): DocumentFinding {
  const range = body.sourceRange(finding.start, finding.end);
  const mapped: DocumentFinding = {
    ...finding,
    start: range.start,
    end: range.end,
    fix: undefined,
    suggestions: finding.suggestions.flatMap((suggestion) => mapSuggestion(suggestion, body) ?? []),
  };
  const fix = finding.fix && mapSuggestion(finding.fix, body);
  if (fix) mapped.fix = fix;
  else delete mapped.fix;
  if (item) mapped.item = item;
  return mapped;
}

function mapSuggestion(suggestion: Suggestion, body: EmbeddedText): Suggestion | undefined {
  const edits: TextEdit[] = [];
  for (const edit of suggestion.edits) {
    const mapped = body.sourceEdit(edit);
    if (!mapped) return undefined;
    edits.push(mapped);
  }
  return { title: suggestion.title, edits };
}

export interface FixOptions {
  /** at most this many lint-and-fix rounds (ESLint's 10) */
  maxPasses?: number;
  /** apply only this rule's fixes ("Fix all <rule> problems") */
  ruleId?: string;
}

/**
 * Applies every safe fix to a file, in the file: each round lints every reply, applies
 * the fixes that do not overlap (the rest wait for the next round) through the reply's
 * way back to the file, and reads the file again. A reply whose text after the round is
 * not exactly the fixed text (a fix its container could not hold as written) gets its
 * fixes undone and is left alone from then on, so a fixed file always parses and says
 * what the fixes meant. Stops when nothing changes, or after `maxPasses` rounds.
 */
export function fixDocument(
  text: string,
  format: DocumentFormat,
  linter: Linter,
  options: FixOptions = {},
): { text: string; fixed: number } {
  const maxPasses = options.maxPasses ?? 10;
  let current = text;
  let fixed = 0;
  /** positions in `replies` whose fixes did not survive a round trip */
  const refused = new Set<number>();
  for (let pass = 0; pass < maxPasses; pass++) {
    const document = readDocument(current, format);
    const planned: Array<{ position: number; expected: string; edits: TextEdit[]; groups: number }> = [];
    document.replies.forEach((reply, position) => {
      if (refused.has(position)) return;
      const groups = linter
        .lint(reply.body.text, { platform: reply.platform, channel: reply.channel })
        .findings.flatMap((finding) => (finding.fix && (!options.ruleId || finding.ruleId === options.ruleId) ? [finding.fix.edits] : []));
      const writable = chooseEditGroups(groups).flatMap((group) => {
        const mapped = group.map((edit) => reply.body.sourceEdit(edit));
        return mapped.every((edit): edit is TextEdit => edit !== undefined) ? [{ group, mapped }] : [];
      });
      if (writable.length === 0) return;
      planned.push({
        position,
        expected: applyEdits(reply.body.text, writable.flatMap((entry) => entry.group)),
        edits: writable.flatMap((entry) => entry.mapped),
        groups: writable.length,
      });
    });
    if (planned.length === 0) break;
    const next = applyEdits(current, planned.flatMap((entry) => entry.edits));
    const reread = readDocument(next, format);
    const sameShape = reread.replies.length === document.replies.length && reread.problems.length <= document.problems.length;
    const failed = sameShape ? planned.filter((entry) => reread.replies[entry.position].body.text !== entry.expected) : planned;
    if (failed.length > 0) {
      for (const entry of failed) refused.add(entry.position);
      continue;
    }
    current = next;
    fixed += planned.reduce((sum, entry) => sum + entry.groups, 0);
  }
  return { text: current, fixed };
}

import { LineIndex, NO_RULE_ID, type DocumentFinding, type FindingSeverity, type ItemRef, type TextEdit } from '../../shared';

/**
 * ESLint's result shape (BRIEF §5), so CI tools that read ESLint's JSON read ours.
 * Positions are 1-based lines and 1-based columns in UTF-16 code units, as ESLint's;
 * `range`s are UTF-16 offsets into the linted text, which has no byte-order mark
 * (ESLint strips it too, and so does every editor).
 */
export interface EslintFix {
  range: [number, number];
  text: string;
}

export interface EslintMessage {
  /** null for a problem with the file itself, not a rule's finding (front matter that cannot be read) */
  ruleId: string | null;
  /** set, as ESLint sets it for a parse error, when the file itself could not be read as intended */
  fatal?: true;
  /** 1: warning or info, 2: error */
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: EslintFix;
  suggestions?: Array<{ desc: string; fix: EslintFix }>;
  /** which macro of a library file the message is about (BRIEF §5); absent for a file that is one reply */
  item?: ItemRef;
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: never[];
  /** the fixed text, when --fix or --fix-dry-run changed something */
  output?: string;
  /** the linted text, when it has problems and was not fixed (as ESLint) */
  source?: string;
}

/** One linted file: ESLint's result, plus the one thing its shape cannot say (info vs warning), for the terminal. */
export interface FileReport {
  result: EslintResult;
  /** the engine's severity of each message, in the same order */
  severities: FindingSeverity[];
  /** the text before fixing, when fixing changed it (the diff format shows the change) */
  original?: string;
  /**
   * Set on a report read back from the cache (`--cache`): `result` as the JSON it was kept
   * as, without `source`, which is `source` here. The json format prints it as is, so a warm
   * run never builds the objects of a library's messages; `result` parses it when asked.
   */
  cached?: { resultJson: string; source?: string; errorCount: number; warningCount: number };
}

/** A report's error and warning counts, without reading a cached report's messages. */
export function countsOf(report: FileReport): { errorCount: number; warningCount: number } {
  return report.cached ?? report.result;
}

export function toFileReport(filePath: string, text: string, findings: DocumentFinding[], output?: string, original?: string): FileReport {
  const report: FileReport = { result: toEslintResult(filePath, text, findings, output), severities: findings.map((f) => f.severity) };
  if (output !== undefined && original !== undefined) report.original = original;
  return report;
}

export function toEslintResult(filePath: string, text: string, findings: DocumentFinding[], output?: string): EslintResult {
  const lines = new LineIndex(text);
  const messages = findings.map((finding) => toEslintMessage(finding, text, lines));
  const count = (severity: 1 | 2, fixable: boolean) =>
    messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined)).length;
  const result: EslintResult = {
    filePath,
    messages,
    suppressedMessages: [],
    errorCount: count(2, false),
    fatalErrorCount: messages.filter((message) => message.fatal).length,
    warningCount: count(1, false),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    usedDeprecatedRules: [],
  };
  if (output !== undefined) result.output = output;
  else if (messages.length > 0) result.source = text;
  return result;
}

function toEslintMessage(finding: DocumentFinding, text: string, lines: LineIndex): EslintMessage {
  const start = lines.positionAt(finding.start);
  const end = lines.positionAt(finding.end);
  const ruleless = finding.ruleId === NO_RULE_ID;
  const message: EslintMessage = {
    ruleId: ruleless ? null : finding.ruleId,
    severity: finding.severity === 'error' ? 2 : 1,
    message: finding.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
  if (ruleless && finding.severity === 'error') message.fatal = true;
  if (finding.fix) message.fix = mergeEdits(text, finding.fix.edits);
  if (finding.suggestions.length > 0) {
    message.suggestions = finding.suggestions.map((suggestion) => ({
      desc: suggestion.title,
      fix: mergeEdits(text, suggestion.edits),
    }));
  }
  if (finding.item) message.item = { index: finding.item.index, title: finding.item.title };
  return message;
}

/**
 * ESLint gives each fix one range; ours may have several edits. Like ESLint's own
 * fixer, join them into one edit spanning all of them, carrying the untouched text between.
 */
export function mergeEdits(text: string, edits: TextEdit[]): EslintFix {
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  if (ordered.length === 0) return { range: [0, 0], text: '' };
  let merged = '';
  let cursor = ordered[0].start;
  for (const edit of ordered) {
    merged += text.slice(cursor, edit.start) + edit.text;
    cursor = Math.max(cursor, edit.end);
  }
  return { range: [ordered[0].start, cursor], text: merged };
}

import {
  DiagnosticSeverity,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import { LineIndex, NO_RULE_ID, type Finding, type FindingSeverity, type Suggestion, type TextEdit } from '../../shared/index';

import { splitMessage } from './messageText';

export const SOURCE = 'replylint';

/** A fix or suggestion with its edits already in LSP ranges of the version it was made for. */
export interface LspSuggestion {
  title: string;
  edits: LspTextEdit[];
}

/**
 * What a diagnostic carries so a code action can be built from it alone, without
 * linting again: the edits only make sense for `version`, so actions check it.
 */
export interface DiagnosticData {
  ruleId: string;
  version: number;
  fix?: LspSuggestion;
  suggestions: LspSuggestion[];
}

const SEVERITY: Record<FindingSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Converts one lint's findings for one document version; offsets become positions here and only here. */
export function toDiagnostics(
  findings: Finding[],
  lines: LineIndex,
  version: number,
  docsUrl: (ruleId: string) => string | undefined,
): Diagnostic[] {
  return findings.map((finding) => {
    if (finding.ruleId === NO_RULE_ID) {
      // A problem with the document itself (front matter that cannot be read): no rule, no code, nothing to fix.
      return { range: toRange(finding.start, finding.end, lines), severity: SEVERITY[finding.severity], source: SOURCE, message: finding.message };
    }
    const data: DiagnosticData = {
      ruleId: finding.ruleId,
      version,
      suggestions: finding.suggestions.map((suggestion) => toLspSuggestion(suggestion, lines)),
    };
    if (finding.fix) data.fix = toLspSuggestion(finding.fix, lines);
    const diagnostic: Diagnostic = {
      range: toRange(finding.start, finding.end, lines),
      severity: SEVERITY[finding.severity],
      source: SOURCE,
      code: finding.ruleId,
      // One sentence, so a Problems row reads whole; the advice after it is in the hover.
      message: splitMessage(finding.message).sentence,
      data,
    };
    const href = docsUrl(finding.ruleId);
    if (href) diagnostic.codeDescription = { href };
    return diagnostic;
  });
}

export function toRange(start: number, end: number, lines: LineIndex): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

export function toLspEdits(edits: TextEdit[], lines: LineIndex): LspTextEdit[] {
  return edits.map((edit) => ({ range: toRange(edit.start, edit.end, lines), newText: edit.text }));
}

function toLspSuggestion(suggestion: Suggestion, lines: LineIndex): LspSuggestion {
  return { title: suggestion.title, edits: toLspEdits(suggestion.edits, lines) };
}

/** Diagnostic data comes back from the client: trust nothing about its shape. */
export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Partial<DiagnosticData>;
  return (
    typeof data.ruleId === 'string' &&
    typeof data.version === 'number' &&
    Array.isArray(data.suggestions) &&
    data.suggestions.every(isLspSuggestion) &&
    (data.fix === undefined || isLspSuggestion(data.fix))
  );
}

function isLspSuggestion(value: unknown): value is LspSuggestion {
  if (typeof value !== 'object' || value === null) return false;
  const suggestion = value as Partial<LspSuggestion>;
  return typeof suggestion.title === 'string' && Array.isArray(suggestion.edits);
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { isLintedLibrary, LineIndex, lintDocumentWithProblems, readDocument, type DocumentFormat, type Finding, type Linter } from '../../shared/index';
import { SOURCE, toDiagnostics, toRange } from './diagnostics';

/**
 * Past this many findings in one document the editor shows these and one line saying how
 * many more there are. A 10 MB paste of blame gave 40,000 diagnostics in one 56 MB
 * notification: nobody reads them, and the client has to hold and draw them all.
 */
export const MAX_DIAGNOSTICS_PER_DOCUMENT = 1000;

/** One lint of one document version, as the editor uses it. */
export interface EditorLint {
  /** what hovers read: the findings that have a diagnostic */
  findings: Finding[];
  /** how many findings the lint made, shown or not */
  total: number;
  diagnostics: Diagnostic[];
}

/** Lints `text` and makes its diagnostics; the same in the server and in its lint worker. */
export function lintForEditor(linter: Linter, text: string, version: number, format: DocumentFormat = 'reply', formatNamed = false): EditorLint {
  const all = findingsOf(linter, text, format, formatNamed);
  const findings = all.length > MAX_DIAGNOSTICS_PER_DOCUMENT ? all.slice(0, MAX_DIAGNOSTICS_PER_DOCUMENT) : all;
  const docs = new Map(linter.rules.map((rule) => [rule.definition.id, rule.definition.docs]));
  const lines = new LineIndex(text);
  const diagnostics = toDiagnostics(findings, lines, version, (ruleId) => docs.get(ruleId));
  if (all.length > findings.length) {
    const firstHidden = all[findings.length];
    diagnostics.push({
      range: toRange(firstHidden.start, firstHidden.end, lines),
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      message:
        `Replylint shows the first ${MAX_DIAGNOSTICS_PER_DOCUMENT} findings of a document; ` +
        `${all.length - findings.length} more from here on are not shown. The replylint command lists them all.`,
    });
  }
  return { findings, total: all.length, diagnostics };
}

/**
 * The findings of a document in file offsets: a reply's own, or every macro's in a library.
 * A JSON, YAML, Markdown, … document is Replylint's only when it is a library by its shape
 * (a help-desk export, saved replies), or a rule file names its format (`formatNamed`), as
 * for the CLI's folder search: a package.json or a README gets nothing, not even its syntax errors.
 */
export function findingsOf(linter: Linter, text: string, format: DocumentFormat, formatNamed = false): Finding[] {
  if (format === 'reply') return linter.lint(text).findings;
  const document = readDocument(text, format);
  return isLintedLibrary(document, formatNamed) ? lintDocumentWithProblems(document, linter) : [];
}

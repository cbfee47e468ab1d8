import { CodeActionKind, type CodeAction, type CodeActionParams, type Range } from 'vscode-languageserver/node';
import { isDiagnosticData, SOURCE } from './diagnostics';

/**
 * "Ignore this finding": a quick fix that records the finding in the team's baseline file
 * (`.replylint-baseline.json` at the root of the workspace folder, the file `replylint
 * --baseline` reads), never in the reply, so nothing internal can reach a customer. A command the
 * server runs (workspace/executeCommand), since it writes a file the editor may not have open.
 */
export const IGNORE_FINDING_COMMAND = 'replylint.ignoreFinding';

export interface IgnoreFindingArguments {
  uri: string;
  /** the document version the range is in: a stale one is refused */
  version: number;
  ruleId: string;
  range: Range;
}

/** One "Ignore this finding" per Replylint diagnostic of the request, for documents on disk. */
export function ignoreFindingActions(params: CodeActionParams, documentVersion: number | undefined): CodeAction[] {
  const { uri } = params.textDocument;
  if (!uri.startsWith('file:') || documentVersion === undefined) return [];
  const only = params.context.only;
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || kind.startsWith(`${CodeActionKind.QuickFix}.`))) return [];
  return params.context.diagnostics.flatMap((diagnostic): CodeAction[] => {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string' || !isDiagnosticData(diagnostic.data)) return [];
    // a diagnostic of an older version points at other words now
    if (diagnostic.data.version !== documentVersion) return [];
    const title = `Ignore this ${diagnostic.code} finding (team baseline)`;
    const args: IgnoreFindingArguments = { uri, version: diagnostic.data.version, ruleId: diagnostic.code, range: diagnostic.range };
    return [{ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: IGNORE_FINDING_COMMAND, arguments: [args] } }];
  });
}

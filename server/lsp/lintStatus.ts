import type { Connection } from 'vscode-languageserver/node';

/**
 * `replylint/status`: what the server last did with a document, for a client that shows it
 * (the VS Code extension's language status item). Sent only to a client that asked for it in
 * `initializationOptions.status`; other clients never see a method they do not know.
 * It exists so that no client claims "no findings" for a document nothing has linted.
 */
export const STATUS_NOTIFICATION = 'replylint/status';

export type LintStatus =
  /** linted this version; the findings are in the diagnostics published with it */
  | { uri: string; state: 'linted'; version: number; findings: number }
  /** replylint.enable is off for this document */
  | { uri: string; state: 'off' }
  /** the lint failed; the output says why */
  | { uri: string; state: 'error'; message: string }
  /** closed: nothing to say about it any more */
  | { uri: string; state: 'closed' };

export type ReportStatus = (status: LintStatus) => void;

export function statusReporter(connection: Connection, wanted: () => boolean): ReportStatus {
  return (status) => {
    if (wanted()) void connection.sendNotification(STATUS_NOTIFICATION, status);
  };
}

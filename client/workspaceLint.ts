// "Replylint: Lint Workspace": asks the server to lint every reply and macro library in the
// workspace (replylint/lintWorkspace, which any LSP client can send) and shows its progress as
// a cancellable notification; cancelling it cancels the request. Findings land in Problems.
import * as vscode from 'vscode';
import { State, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';

/** server/lsp/workspaceLint.ts, the other end */
const LINT_WORKSPACE_REQUEST = 'replylint/lintWorkspace';
export interface LintWorkspaceResult {
  files: number;
  total: number;
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
  skippedFolders: string[];
}

let runs = 0;

/** Returns the server's summary (for tests), or undefined when nothing could run. */
export async function lintWorkspace(client: LanguageClient | undefined): Promise<LintWorkspaceResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Replylint: open a folder to lint the replies in it.');
    return undefined;
  }
  if (!client || client.state !== State.Running) {
    void vscode.window.showWarningMessage('Replylint: the server is not running. Run “Replylint: Restart Server”, then try again.');
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Replylint: linting the workspace', cancellable: true },
    async (progress, cancellation) => {
      const workDoneToken = `replylint.lintWorkspace.${++runs}`;
      let reported = 0;
      const following = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const increment = value.percentage !== undefined ? Math.max(0, value.percentage - reported) : undefined;
        reported = value.percentage ?? reported;
        progress.report({ message: value.message, increment });
      });
      try {
        const result = await client.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, { workDoneToken }, cancellation);
        summarise(result);
        return result;
      } finally {
        following.dispose();
      }
    },
  );
}

function summarise(result: LintWorkspaceResult): void {
  const found = `${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.filesWithFindings} file${result.filesWithFindings === 1 ? '' : 's'}`;
  const skipped = result.skippedFolders.length
    ? ` ${result.skippedFolders.length} folder${result.skippedFolders.length === 1 ? ' is' : 's are'} not on disk and ${result.skippedFolders.length === 1 ? 'was' : 'were'} skipped.`
    : '';
  const message = result.cancelled
    ? `Replylint stopped after ${result.files} of ${result.total} files: ${found} so far, listed in Problems.${skipped}`
    : `Replylint linted ${result.files} file${result.files === 1 ? '' : 's'}: ${found}.${skipped}`;
  void vscode.window.showInformationMessage(message, 'Open Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}

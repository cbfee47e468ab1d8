// "Replylint: Create Rule File": the editor's `replylint --init`. Asks for the folder (in a
// multi-root workspace) and the help desk, then asks the server to write a commented
// .replylint.yaml there (replylint/createRuleFile) and opens it; an existing one is opened as it is.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

/** server/lsp/createRuleFileRequest.ts, the other end */
const CREATE_RULE_FILE_REQUEST = 'replylint/createRuleFile';
const PLATFORMS = ['zendesk', 'freshdesk', 'helpscout', 'intercom', 'front', 'gorgias', 'zoho', 'plain'];

export async function createRuleFile(client: LanguageClient | undefined): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders?.filter((folder) => folder.uri.scheme === 'file') ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Replylint: open a folder on disk to create its rule file.');
    return undefined;
  }
  if (!client || client.state !== State.Running) {
    void vscode.window.showWarningMessage('Replylint: the server is not running. Run “Replylint: Restart Server”, then try again.');
    return undefined;
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to create .replylint.yaml in' });
  if (!folder) return undefined;
  const picked = await vscode.window.showQuickPick(
    [{ label: 'Detect from the files here', platform: '' }, ...PLATFORMS.map((platform) => ({ label: platform, platform }))],
    { placeHolder: 'The help desk these replies are written for' },
  );
  if (!picked) return undefined;
  const result = await client.sendRequest<{ uri: string; created: boolean }>(CREATE_RULE_FILE_REQUEST, {
    folderUri: folder.uri.toString(),
    platform: picked.platform || undefined,
  });
  const uri = vscode.Uri.parse(result.uri);
  if (!result.created) void vscode.window.showInformationMessage(`Replylint: ${vscode.workspace.asRelativePath(uri)} already exists; opened it as it is.`);
  await vscode.window.showTextDocument(uri);
  return uri;
}

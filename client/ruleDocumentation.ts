// "Replylint: Show Rule Documentation": the rule's page, shipped inside the extension (the same
// shared/rules/<id>.md the repository holds), in the Markdown preview: it reads offline, in
// Restricted Mode, and the hover's link opens it the same way.
import * as vscode from 'vscode';

const SOURCE = 'replylint';
export const SHOW_RULE_DOCUMENTATION = 'replylint.showRuleDocumentation';

export async function showRuleDocumentation(extensionUri: vscode.Uri, rules: Record<string, string>, ruleId?: unknown): Promise<void> {
  const id = typeof ruleId === 'string' ? ruleId : (ruleAtCursor() ?? (await pickRule(rules)));
  if (!id) return;
  if (!(id in rules)) {
    void vscode.window.showWarningMessage(`Replylint has no documentation for “${id}”.`);
    return;
  }
  const page = vscode.Uri.joinPath(extensionUri, 'shared', 'rules', `${id}.md`);
  try {
    // Beside the reply, which stays open (a preview in its group would replace a reply in preview mode).
    await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
  } catch {
    // No Markdown preview (a trimmed-down editor): the page as text still says it all.
    await vscode.window.showTextDocument(page, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
}

/** The rule of the Replylint finding under the cursor, if there is one. */
function ruleAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const at = editor.selection.active;
  const finding = vscode.languages
    .getDiagnostics(editor.document.uri)
    .find((diagnostic) => diagnostic.source === SOURCE && diagnostic.range.contains(at));
  const code = finding?.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

async function pickRule(rules: Record<string, string>): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    Object.entries(rules).map(([label, detail]) => ({ label, detail })),
    { title: 'Replylint: Show Rule Documentation', placeHolder: 'Which rule?' },
  );
  return picked?.label;
}

/** The built-in rules and their one-line descriptions, as the manifest lists them for settings completion. */
export function rulesOf(packageJSON: unknown): Record<string, string> {
  const properties = (packageJSON as {
    contributes?: { configuration?: { properties?: Record<string, { properties?: Record<string, { description?: string }> }> } };
  }).contributes?.configuration?.properties?.['replylint.rules']?.properties;
  return Object.fromEntries(Object.entries(properties ?? {}).map(([id, schema]) => [id, schema.description ?? '']));
}

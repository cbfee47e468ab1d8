// Replylint in a real VS Code: the extension, its language server and the workbench, driven
// through the public `vscode` API the way a user's actions reach them. Every wait is for an
// event (diagnostics changing), bounded by a timeout; nothing sleeps.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { findBuiltinRule } from '../../../shared/index';
import { codeOf, codesOf, replylintDiagnostics, test, waitForDiagnostics, whenChanged } from './harness';
import { askRunner, requestScreenshot } from './screenshot';
import type { LintWorkspaceResult } from '../../../client/workspaceLint';
import { describe as describeStatus, recordStatus, serverPid, waitForStatus } from './status';

const EXTENSION_ID = 'replylint.replylint';
const LANGUAGE_ID = 'service-script';
const SENTENCE = 'As I already said, you should have cleared your cache. We apologize for any inconvenience.';
const ALL_FOUR = ['no-blame', 'no-defensive', 'no-scripted-phrase', 'require-thanks'];

let document: vscode.TextDocument;

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the window has no workspace folder: the runner opens tests/e2e/workspace (a copy)');
  return vscode.Uri.joinPath(folder.uri, name);
}

function hasCodes(expected: string[]): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => expected.every((code) => diagnostics.some((d) => codeOf(d) === code));
}

function only(diagnostics: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const found = diagnostics.filter((d) => codeOf(d) === code);
  assert.equal(found.length, 1, `expected one ${code} diagnostic, got ${found.length}`);
  return found[0]!;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The first tab that `accept` takes, once it opens: checked at once, then on every tab change. */
function waitForTab(accept: (tab: vscode.Tab) => boolean, what: string, timeoutMs = 15_000): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(accept);
  return new Promise((resolve, reject) => {
    const found = find();
    if (found) return resolve(found);
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (!tab) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(tab);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const open = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
      reject(new Error(`timed out waiting for ${what}; the open tabs: ${open.join(', ')}`));
    }, timeoutMs);
  });
}

async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `VS Code refused the edit of “${action.title}”`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

test('the folder is open in Restricted Mode, as an untrusted folder of macros opens', async () => {
  assert.equal(vscode.workspace.isTrusted, false, 'the runner opens the workspace untrusted (tests/e2e/codeServer.mjs)');
});

test('a .reply file opens in the Reply language (id service-script) and activates Replylint', async () => {
  document = await vscode.workspace.openTextDocument(workspaceFile('cache-blame.reply'));
  assert.equal(document.languageId, LANGUAGE_ID);
  await vscode.window.showTextDocument(document);
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded as a development extension`);
  await extension.activate();
  assert.ok(extension.isActive);
  assert.ok(document.getText().includes(SENTENCE), 'the fixture holds the sentence the next steps rely on');
});

test('the commands are registered', async () => {
  const commands = await vscode.commands.getCommands(true);
  for (const command of ['replylint.restartServer', 'replylint.fixAll', 'replylint.showOutput', 'replylint.lintWorkspace', 'replylint.showRuleDocumentation']) {
    assert.ok(commands.includes(command), `${command} is not registered`);
  }
});

test('the server publishes the four findings of the sentence', async () => {
  const diagnostics = await waitForDiagnostics(document.uri, hasCodes(ALL_FOUR), ALL_FOUR.join(', '));
  assert.deepEqual(codesOf(diagnostics), ALL_FOUR);
  const flagged = (code: string) => document.getText(only(diagnostics, code).range);
  assert.equal(flagged('no-blame'), 'you should have cleared');
  assert.equal(flagged('no-defensive'), 'As I already said');
  assert.equal(flagged('no-scripted-phrase'), 'We apologize for any inconvenience');
  const blame = only(diagnostics, 'no-blame');
  assert.equal(blame.severity, vscode.DiagnosticSeverity.Error);
  assert.match(blame.message, /“you should have cleared”/);
  assert.ok(
    typeof blame.code === 'object' && blame.code.target.toString().includes('no-blame'),
    'no-blame carries codeDescription.href to its docs',
  );
});

test('the language status counts the findings of the active reply; click → Problems', async () => {
  const count = replylintDiagnostics(document.uri).length;
  const view = await waitForStatus((v) => v.state === 'findings' && v.text.includes(`${count} findings`), `“${count} findings”`);
  assert.equal(view.command, 'workbench.actions.view.problems');
  assert.equal(view.severity, 'information');
});

test('the hover explains why the rule matters and links to the rule page shipped with the extension', async () => {
  const blame = only(replylintDiagnostics(document.uri), 'no-blame');
  // The diagnostic is one sentence: what was flagged, quoted.
  assert.match(blame.message, /^“you should have cleared” [^.]*\.$/);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    document.uri,
    blame.range.start.translate(0, 2),
  );
  const rationale = findBuiltinRule('no-blame')?.rationale;
  assert.ok(rationale, 'no-blame has a rationale in its rule file');
  const text = squash(hoverText(hovers));
  assert.ok(text.includes(squash(rationale)), `the hover lacks the rationale of no-blame; it shows:\n${text}`);
  const link = /\[Rule documentation\]\((command:replylint\.showRuleDocumentation\?[^)]+)\)/.exec(text);
  assert.ok(link, `no link to the bundled rule page in the hover:\n${text}`);
  // What clicking the link runs: the command with the arguments the link carries.
  const args = JSON.parse(decodeURIComponent(link[1]!.split('?')[1]!)) as unknown[];
  assert.deepEqual(args, ['no-blame']);
  await vscode.commands.executeCommand('replylint.showRuleDocumentation', ...args);
  const isPreview = (tab: vscode.Tab) => /no-blame/.test(tab.label) && tab.input instanceof vscode.TabInputWebview;
  await waitForTab(isPreview, 'a Markdown preview of no-blame.md');
  assert.ok(!document.isClosed, 'the rule page replaced the reply instead of opening beside it');
  // The page is Markdown with sections, which Replylint reads as a library of macros: its examples
  // of what not to write must not become findings in Problems, nor macros in its outline.
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const page = vscode.Uri.joinPath(extension.extensionUri, 'shared', 'rules', 'no-blame.md');
  const outline = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', page);
  assert.deepEqual(
    (outline ?? []).filter((symbol) => /^macro \d+$/.test(symbol.detail)).map((symbol) => symbol.name),
    [],
    'Replylint outlines its own rule page as macros',
  );
  assert.deepEqual(replylintDiagnostics(page).map((d) => codeOf(d)), [], 'Replylint lints its own rule page');
  // The tab object of a webview changes as it loads: close what is there now.
  await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter(isPreview));
  await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
});

test('a quick fix rewrites the blame and the diagnostics follow', async () => {
  const blame = only(replylintDiagnostics(document.uri), 'no-blame');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    blame.range,
    undefined,
    10, // resolve lazily computed edits
  );
  const fixes = actions.filter((action) => action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind));
  assert.ok(fixes.length > 0, `no quick fix for no-blame; got: ${actions.map((a) => a.title).join(' | ') || 'nothing'}`);
  // Scoped to the diagnostics in the requested range: nothing for the findings beside it. (The
  // API command drops CodeAction.diagnostics, so the titles tell whose fixes these are.)
  const foreign = fixes.filter((fix) => /As I already said|apologize|sorry|thank/i.test(fix.title));
  assert.deepEqual(foreign.map((fix) => fix.title), [], 'quick fixes of findings outside the requested range');
  const rewrite = fixes.find((fix) => /clearing your cache should fix this/i.test(fix.title));
  assert.ok(rewrite, `no rewrite of the blame; got: ${fixes.map((fix) => fix.title).join(' | ')}`);
  assert.ok(!rewrite.isPreferred, 'a tone rewrite is a suggestion and must never be the preferred fix');
  await applyAction(rewrite);
  const after = await waitForDiagnostics(
    document.uri,
    (diagnostics) => !diagnostics.some((d) => codeOf(d) === 'no-blame') && diagnostics.length > 0,
    'no-blame to go while the other findings stay',
  );
  assert.deepEqual(codesOf(after), ['no-defensive', 'no-scripted-phrase', 'require-thanks']);
  assert.ok(!document.getText().includes('you should have cleared'), 'the rewrite did not reach the document');
});

test('typing re-lints the unsaved document', async () => {
  const body = document.positionAt(document.getText().indexOf('As I already said'));
  const thanks = new vscode.WorkspaceEdit();
  thanks.insert(document.uri, body, 'Thanks for sending the screenshots. ');
  assert.ok(await vscode.workspace.applyEdit(thanks));
  await waitForDiagnostics(
    document.uri,
    (diagnostics) => diagnostics.length > 0 && !diagnostics.some((d) => codeOf(d) === 'require-thanks'),
    'require-thanks to go once the reply thanks the customer',
  );

  const end = document.lineAt(document.getText().split('\n').findIndex((line) => line.includes('We apologize'))).range.end;
  const blame = new vscode.WorkspaceEdit();
  blame.insert(document.uri, end, ' Did you even read the guide?');
  assert.ok(await vscode.workspace.applyEdit(blame));
  const fresh = await waitForDiagnostics(document.uri, hasCodes(['no-blame']), 'no-blame on the typed question');
  // Where the typed words are, whatever the rule's exact extent ("… read" or "… read the guide").
  const typed = only(fresh, 'no-blame');
  assert.ok(
    document.getText(typed.range).startsWith('Did you even read'),
    `no-blame at ${JSON.stringify(typed.range)} of version ${document.version} flags “${document.getText(typed.range)}”`,
  );
  assert.ok(document.isDirty, 'the edits were linted without a save');
});

test('fix all applies the safe fix and leaves tone rewrites to the writer', async () => {
  await vscode.window.showTextDocument(document);
  const before = document.getText();
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    new vscode.Range(0, 0, document.lineCount, 0),
    'source.fixAll.replylint',
    10,
  );
  // Asked for explicitly, the file-wide fix-all is always offered, even with nothing safe to fix.
  assert.deepEqual(
    actions.map((action) => [action.title, action.kind?.value]),
    [['Fix all Replylint problems', 'source.fixAll.replylint']],
  );
  // The command asks the editor for that action and applies it when it arrives, after the command returns.
  const fixed = whenChanged(document, 'the fix-all edit');
  await vscode.commands.executeCommand('replylint.fixAll');
  await fixed;
  // Dropping "As I already said," is safe; a tone rewrite is never applied unattended, so the
  // apology and the typed blame stay for the writer.
  assert.equal(document.getText(), before.replace('As I already said, clearing', 'Clearing'));
  const after = await waitForDiagnostics(
    document.uri,
    (diagnostics) => !diagnostics.some((d) => codeOf(d) === 'no-defensive') && diagnostics.length > 0,
    'no-defensive to go once fixed',
  );
  assert.deepEqual(codesOf(after), ['no-blame', 'no-scripted-phrase']);
});

test('turning replylint.enable off for the folder clears the findings, on brings them back', async () => {
  const settings = vscode.workspace.getConfiguration('replylint', document.uri);
  await settings.update('enable', false, vscode.ConfigurationTarget.WorkspaceFolder);
  try {
    await waitForDiagnostics(document.uri, (diagnostics) => diagnostics.length === 0, 'no findings once disabled');
    // Off, not "no findings": nothing ran.
    const off = await waitForStatus((v) => v.state === 'off', '“off for this folder”');
    assert.match(off.detail, /off for this folder/);
  } finally {
    await settings.update('enable', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    // Leave the workspace as it was (and the screenshot's explorer without a .vscode folder).
    await vscode.workspace.fs.delete(workspaceFile('.vscode'), { recursive: true });
  }
  await waitForDiagnostics(document.uri, hasCodes(['no-blame', 'no-scripted-phrase']), 'the findings once enabled again');
});

test('the restart command brings the server back; the status says “starting” meanwhile', async () => {
  const recording = recordStatus();
  try {
    await vscode.commands.executeCommand('replylint.restartServer');
    await waitForDiagnostics(document.uri, hasCodes(['no-blame', 'no-scripted-phrase']), 'the findings after a restart');
    await waitForStatus((v) => v.state === 'findings', 'findings after the restart');
  } finally {
    recording.stop();
  }
  const states = recording.seen.map((view) => view.state);
  assert.ok(states.includes('starting'), `no “starting” state during the restart; saw:\n  ${recording.seen.map(describeStatus).join('\n  ')}`);
  assert.ok(!recording.seen.some((v) => v.state === 'findings' && /no findings/.test(v.text)), 'claimed “no findings” before the lint');
});

test('a server that keeps crashing shows the error state, linking to the output; restart recovers', async () => {
  // The client restarts a crashed server four times in three minutes, then gives up.
  for (let crash = 1; crash <= 5; crash++) {
    await waitForStatus((v) => v.state === 'findings', `findings before crash ${crash}`);
    const pid = serverPid();
    assert.ok(pid, 'no dist/server.js process under the extension host');
    process.kill(pid, 'SIGKILL');
    if (crash < 5) await waitForStatus((v) => v.state !== 'findings', `a state other than findings after crash ${crash}`);
  }
  const error = await waitForStatus((v) => v.state === 'error', 'error once the client stops restarting');
  assert.equal(error.severity, 'error');
  assert.equal(error.command, 'replylint.showOutput');
  await vscode.commands.executeCommand('replylint.restartServer');
  await waitForStatus((v) => v.state === 'findings', 'findings after a manual restart');
  await waitForDiagnostics(document.uri, hasCodes(['no-blame', 'no-scripted-phrase']), 'the findings after the recovery');
}, 60_000);

test('placeholder completion offers the reply’s help desk variables after {{, in an unsaved reply', async () => {
  const draft = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: '---\nplatform: zendesk\n---\nHi {{' });
  await vscode.window.showTextDocument(draft);
  const end = draft.lineAt(draft.lineCount - 1).range.end;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', draft.uri, end, '{');
  const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
  assert.ok(labels.includes('ticket.requester.first_name'), `no Zendesk variables offered; got: ${labels.slice(0, 10).join(', ')}`);
  const first = list.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'ticket.requester.first_name')!;
  const docs = typeof first.documentation === 'string' ? first.documentation : first.documentation?.value;
  assert.match(docs ?? '', /first name/i);
  // An unsaved reply is linted too: it has no greeting name and no thanks.
  await waitForDiagnostics(draft.uri, (diagnostics) => diagnostics.length > 0, 'findings in the unsaved reply');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

const BULK_FILES = 3000;

test('Lint Workspace shows a cancellable progress notification, and Cancel stops it', async () => {
  // Enough replies that the lint is still running when the runner clicks Cancel on the page.
  const bulk = join(workspaceFile('bulk').fsPath);
  for (let i = 0; i < BULK_FILES; i++) {
    const folder = join(bulk, `team-${i % 20}`);
    if (i < 20) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `reply-${i}.reply`), `${SENTENCE}\n\nReply number ${i}.\n`);
  }
  try {
    const first = vscode.Uri.file(join(bulk, 'team-0', 'reply-0.reply'));
    const pending = vscode.commands.executeCommand<LintWorkspaceResult>('replylint.lintWorkspace');
    await waitForDiagnostics(first, (diagnostics) => diagnostics.length > 0, 'the first bulk reply linted without being opened');
    const page = await askRunner('cancel-progress', { title: 'Replylint: linting the workspace' });
    const result = await pending;
    assert.ok(result, 'the command returned no summary');
    assert.equal(result.cancelled, true, `the lint was not cancelled: ${JSON.stringify(result)}; the page: ${JSON.stringify(page)}`);
    assert.ok(result.files > 0 && result.files < result.total, `cancelled after ${result.files} of ${result.total} files`);
    if (page) {
      assert.ok(page.ok, `the runner could not cancel the notification: ${page.error}`);
      assert.match(page.seen ?? '', /Replylint: linting the workspace/);
      assert.match(page.seen ?? '', new RegExp(`of ${result.total} files`), `the notification showed no progress: ${page.seen}`);
    }
    // What was linted before the cancellation stays in Problems.
    assert.ok(replylintDiagnostics(first).length > 0);
  } finally {
    rmSync(bulk, { recursive: true, force: true });
  }
}, 90_000);

test('Lint Workspace fills Problems with replies no editor has open', async () => {
  const unopened = workspaceFile('shipping/late-order.reply');
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'the suite must not open late-order.reply');
  const result = await vscode.commands.executeCommand<LintWorkspaceResult>('replylint.lintWorkspace');
  assert.ok(result, 'the command returned no summary');
  assert.equal(result.cancelled, false);
  // Four .reply files and one macro library (library/zendesk-macros.json); team/.replylint.yaml is a rule file, not a reply.
  assert.equal(result.total, 5, `the workspace has five files to lint once the bulk folder is gone: ${JSON.stringify(result)}`);
  const diagnostics = await waitForDiagnostics(unopened, hasCodes(['no-blame', 'no-defensive']), 'findings of the unopened reply');
  assert.ok(diagnostics.every((d) => d.source === 'replylint'));
  // The bulk replies were deleted after the cancelled run: their findings went with them.
  const bulkLeft = vscode.languages.getDiagnostics().filter(([uri, list]) => uri.fsPath.includes(`${'/'}bulk${'/'}`) && list.length > 0);
  assert.deepEqual(bulkLeft.map(([uri]) => uri.fsPath), [], 'findings of deleted replies are still in Problems');
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'linting the workspace opened the reply');
}, 60_000);

test('a second reply: findings, Problems panel and hover for the screenshot', async () => {
  const second = await vscode.workspace.openTextDocument(workspaceFile('refund-policy.reply'));
  const secondEditor = await vscode.window.showTextDocument(second);
  const diagnostics = await waitForDiagnostics(second.uri, hasCodes(ALL_FOUR), ALL_FOUR.join(', '));
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.window.showTextDocument(second);
  const blame = only(diagnostics, 'no-blame');
  secondEditor.selection = new vscode.Selection(blame.range.start.translate(0, 4), blame.range.start.translate(0, 4));
  await vscode.commands.executeCommand('editor.action.showHover');
  // The runner checks that the language status item counts what the API reports.
  const count = replylintDiagnostics(second.uri).length;
  await waitForStatus((v) => v.state === 'findings' && v.text.includes(`${count} findings`), `${count} findings for the second reply`);
  await requestScreenshot({ languageStatus: `Replylint: ${count} findings` });
});

// Macro libraries and team rule files in a real VS Code: a Zendesk export opened as JSON (its
// findings, its outline, a quick fix inside a JSON string), and the rule files a team lead edits
// (a sub-folder's .replylint.yaml, live reload, a broken file, the schema of .replylint.json,
// "Replylint: Create Rule File"). Runs after replylint.e2e.ts, in the same window.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { findNodeAtOffset, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { codeOf, codesOf, describeDiagnostics, replylintDiagnostics, test, waitForDiagnostics, whenChanged } from './harness';
import { askRunner } from './screenshot';
import { serverPid } from './status';

const LANGUAGE_ID = 'service-script';

function workspaceFile(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the window has no workspace folder: the runner opens tests/e2e/workspace (a copy)');
  return vscode.Uri.joinPath(folder.uri, path);
}

function only(diagnostics: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const found = diagnostics.filter((d) => codeOf(d) === code);
  assert.equal(found.length, 1, `expected one ${code} diagnostic, got ${found.length}:\n  ${describeDiagnostics(diagnostics)}`);
  return found[0]!;
}

const byPosition = (a: vscode.Diagnostic, b: vscode.Diagnostic) => a.range.start.compareTo(b.range.start);

async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, undefined, 10);
  return actions.filter((action) => action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind));
}

async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `VS Code refused the edit of “${action.title}”`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Replaces the only occurrence of `from` in an open document, as typing over it would. */
async function replaceInDocument(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const text = document.getText();
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `“${from}” is not once in ${vscode.workspace.asRelativePath(document.uri)}:\n${text}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit), `VS Code refused to edit ${document.uri.fsPath}`);
}

async function revertAndClose(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** What another provider than Replylint (the JSON language service) says about a document. */
const othersThanReplylint = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'replylint');

// --- a Zendesk macros export ----------------------------------------------------------------------

const LIBRARY = 'library/zendesk-macros.json';
const MACRO_TITLES = ['Parcel stuck "in transit" 📦', 'Coupon did not apply', 'Refund after 60 days'];
/** rule id and the reply's own words each finding must cover, in file order */
const LIBRARY_FINDINGS = [
  ['no-defensive', 'As I already said'],
  ['no-scripted-phrase', 'please be advised that'],
  ['no-blame', 'You should have entered'],
  ['no-scripted-phrase', 'We apologize for any inconvenience'],
  ['no-defensive', 'there’s nothing we can do'],
];

let library: vscode.TextDocument;

/** The JSON string value a range sits in: its node, and the value's key path. */
function stringAround(text: string, range: vscode.Range, document: vscode.TextDocument) {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const node = findNodeAtOffset(parseTree(text)!, start);
  assert.ok(node && node.type === 'string', `the finding at ${start} is not inside a JSON string`);
  // Inside the quotes, never on them.
  assert.ok(node.offset < start && end < node.offset + node.length, `the finding ${start}–${end} reaches the quotes of ${node.offset}–${node.offset + node.length}`);
  return node;
}

test('a Zendesk export opens as JSON; its findings sit on exactly the reply words inside the JSON strings', async () => {
  library = await vscode.workspace.openTextDocument(workspaceFile(LIBRARY));
  await vscode.window.showTextDocument(library);
  assert.equal(library.languageId, 'json', 'a macros export is a JSON file to VS Code; Replylint lints it as a library');
  const diagnostics = await waitForDiagnostics(
    library.uri,
    (found) => found.length >= LIBRARY_FINDINGS.length,
    `${LIBRARY_FINDINGS.length} findings in the export`,
  );
  const text = library.getText();
  const found = [...diagnostics].sort(byPosition).map((d) => {
    stringAround(text, d.range, library);
    // The words as the customer reads them: the source characters, decoded as the JSON string they are in.
    return [codeOf(d), JSON.parse(`"${library.getText(d.range)}"`) as string];
  });
  assert.deepEqual(
    found,
    LIBRARY_FINDINGS,
    `the findings of the export:\n  ${describeDiagnostics(diagnostics)}`,
  );
  // Columns count UTF-16 code units: the emoji and the escaped quotes before the phrase on its line.
  const [first] = [...diagnostics].sort(byPosition);
  assert.equal(library.getText(first!.range), 'As I already said');
  assert.match(library.lineAt(first!.range.start.line).text.slice(0, first!.range.start.character), /\\"in transit\\" 🚚 since Monday\. $/);
  // An escape inside the flagged words (a script's \u2019 for ’) is inside the range, as the file spells it.
  const escaped = [...diagnostics].sort(byPosition).at(-1)!;
  assert.equal(library.getText(escaped.range), 'there\\u2019s nothing we can do');
  // The second macro's text is the second item of ["channel:all", text]: still found, still exact.
  const blame = only(diagnostics, 'no-blame');
  assert.equal(library.getText(blame.range), 'You should have entered');
  assert.equal(blame.severity, vscode.DiagnosticSeverity.Error);
});

test('the outline shows one symbol per macro, named by its title', async () => {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', library.uri);
  // VS Code merges every provider's symbols: the JSON language service outlines the keys ("macros"),
  // Replylint the macros, each with "macro N" beside its title.
  const macros = symbols.filter((symbol) => /^macro \d+$/.test(symbol.detail));
  const described = symbols.map((symbol) => `${symbol.name} (${symbol.detail || vscode.SymbolKind[symbol.kind]})`).join(', ');
  assert.deepEqual(macros.map((symbol) => symbol.name), MACRO_TITLES, `the outline: ${described}`);
  const exported = JSON.parse(library.getText()) as { macros: Array<{ id: number; title: string }> };
  for (const [i, symbol] of macros.entries()) {
    // The symbol spans the macro's object; clicking it selects the title.
    const macro = JSON.parse(library.getText(symbol.range)) as { id: number; title: string };
    assert.deepEqual({ id: macro.id, title: macro.title }, { id: exported.macros[i]!.id, title: MACRO_TITLES[i] });
    assert.equal(library.getText(symbol.selectionRange), JSON.stringify(MACRO_TITLES[i]));
  }
});

test('a quick fix and a suggestion applied inside the JSON strings leave valid JSON with only those words changed', async () => {
  const before = JSON.parse(library.getText()) as { macros: Array<{ actions: Array<{ field: string; value: unknown }> }> };
  const replyOf = (exported: typeof before, i: number) => exported.macros[i]!.actions.find((action) => action.field === 'comment_value')!.value;
  const sorted = replylintDiagnostics(library.uri).sort(byPosition);

  // The safe fix of the first macro's defensive opener: the preferred quick fix.
  const defensive = sorted.find((d) => codeOf(d) === 'no-defensive')!;
  const fix = (await codeActionsAt(library.uri, defensive.range)).find((action) => action.isPreferred);
  assert.ok(fix, 'no preferred quick fix for “As I already said”');
  await applyAction(fix);
  let after = JSON.parse(library.getText()) as typeof before; // throws when the export is no longer JSON
  assert.equal(replyOf(after, 0), String(replyOf(before, 0)).replace('As I already said, please', 'Please'));

  // A rewrite over words with an escape in them (\u2019): written back as JSON. Asked for once the
  // edited export is linted again, as the light bulb shows it: the server offers no edits for
  // findings of a version the document no longer has.
  const relinted = await waitForDiagnostics(
    library.uri,
    (found) => found.length === LIBRARY_FINDINGS.length - 1 && found.filter((d) => codeOf(d) === 'no-defensive').length === 1,
    'the fixed finding to go',
  );
  const denial = relinted.sort(byPosition).at(-1)!;
  assert.equal(codeOf(denial), 'no-defensive');
  const suggestions = await codeActionsAt(library.uri, denial.range);
  const rewrite = suggestions.find((action) => /here's what we can do/i.test(action.title));
  assert.ok(rewrite, `no rewrite of “there’s nothing we can do”; got: ${suggestions.map((a) => a.title).join(' | ') || 'nothing'}`);
  await applyAction(rewrite);
  after = JSON.parse(library.getText()) as typeof before;
  assert.equal(replyOf(after, 2), String(replyOf(before, 2)).replace('there’s nothing we can do', "here's what we can do"));
  // Everything else as it was: the titles, the other macro, the other actions.
  assert.deepEqual({ ...after, macros: after.macros.map((m, i) => (i === 1 ? m : { ...m, actions: m.actions.filter((a) => a.field !== 'comment_value') })) }, {
    ...before,
    macros: before.macros.map((m, i) => (i === 1 ? m : { ...m, actions: m.actions.filter((a) => a.field !== 'comment_value') })),
  });
  // The diagnostics follow the edited text.
  const left = await waitForDiagnostics(
    library.uri,
    (found) => !found.some((d) => codeOf(d) === 'no-defensive') && found.length === 3,
    'the two fixed findings to go and three to stay',
  );
  assert.deepEqual(codesOf(left), ['no-blame', 'no-scripted-phrase']);
  await revertAndClose(library);
});

test('Fix All in the export applies only the safe fixes, inside the JSON strings, and the export stays valid JSON', async () => {
  library = await vscode.workspace.openTextDocument(workspaceFile(LIBRARY));
  await vscode.window.showTextDocument(library);
  await waitForDiagnostics(library.uri, (found) => found.length === LIBRARY_FINDINGS.length, 'the findings of the export as it is on disk');
  const before = JSON.parse(library.getText()) as { macros: Array<{ actions: Array<{ field: string; value: unknown }> }> };
  // Where a user finds it: the Command Palette, with the export the active editor.
  const palette = await askRunner('command-palette', { filter: 'Replylint: Fix All' });
  if (palette) assert.match(palette.seen ?? '', /Replylint: Fix All Auto-fixable Problems/, `the palette lists: ${palette.seen || 'nothing'}`);
  const fixed = whenChanged(library, 'the fix-all edit to reach the export');
  // The command asks the editor for the file's fix-all code action and applies it when it arrives.
  await vscode.commands.executeCommand('replylint.fixAll');
  await fixed;
  const after = JSON.parse(library.getText()) as typeof before;
  const replies = (exported: typeof before) => exported.macros.map((m) => m.actions.find((action) => action.field === 'comment_value')!.value);
  const [first, ...rest] = replies(before);
  // Removing the defensive opener leaves "Please be advised that …" opening the sentence, which has a
  // safe fix of its own: fix-all repeats until nothing safe is left, as the CLI's --fix does.
  assert.deepEqual(replies(after), [String(first).replace('As I already said, please be advised that the courier', 'The courier'), ...rest]);
  // The tone rewrites are suggestions: the blame and the apology stay for the writer.
  const firstMacroText = library.positionAt(library.getText().indexOf('The tracker says')).line;
  await waitForDiagnostics(
    library.uri,
    (found) => found.length === 3 && !found.some((d) => d.range.start.line === firstMacroText),
    'the findings of the second and third macros only',
  );
  await revertAndClose(library);
});

// --- team rule files ------------------------------------------------------------------------------

const TEAM_REPLY = 'team/return-label.reply';
const TEAM_RULES = 'team/.replylint.yaml';
let teamReply: vscode.TextDocument;
let ruleFile: vscode.TextDocument;

test('a sub-folder’s .replylint.yaml changes what its replies get: a rule off, the team’s swap rule on', async () => {
  teamReply = await vscode.workspace.openTextDocument(workspaceFile(TEAM_REPLY));
  await vscode.window.showTextDocument(teamReply);
  const diagnostics = await waitForDiagnostics(teamReply.uri, (found) => found.some((d) => codeOf(d) === 'returns/no-kindly'), 'the team’s returns/no-kindly');
  assert.deepEqual(codesOf(diagnostics), ['returns/no-kindly'], 'require-thanks is off in team/.replylint.yaml');
  const kindly = only(diagnostics, 'returns/no-kindly');
  assert.equal(teamReply.getText(kindly.range), 'Kindly');
  assert.match(kindly.message, /“Kindly” sounds stiff; say “please”/);

  // The same words with no rule file (an unsaved reply): the built-in rules as they ship.
  const draft = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: teamReply.getText() });
  const defaults = await waitForDiagnostics(draft.uri, (found) => found.length > 0, 'findings in the unsaved copy');
  assert.deepEqual(codesOf(defaults), ['require-thanks']);
  await revertAndClose(draft);

  // The swap is a safe fix: the preferred quick fix writes "Please".
  await vscode.window.showTextDocument(teamReply);
  const swap = (await codeActionsAt(teamReply.uri, kindly.range)).find((action) => action.isPreferred);
  assert.ok(swap, 'no preferred quick fix for the team’s swap rule');
  await applyAction(swap);
  assert.ok(teamReply.getText().includes('Please print it'), `the swap did not reach the reply:\n${teamReply.getText()}`);
  await waitForDiagnostics(teamReply.uri, (found) => found.length === 0, 'no findings once “Kindly” is swapped');
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitForDiagnostics(teamReply.uri, (found) => found.some((d) => codeOf(d) === 'returns/no-kindly'), 'returns/no-kindly again after the revert');
});

test('deleting the rule file on disk re-lints the open reply with the defaults; writing it again brings the team’s rules back', async () => {
  const uri = workspaceFile(TEAM_RULES);
  // Never opened so far: an open buffer of a rule file is what the server reads, whatever the disk says.
  assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), 'the rule file is open');
  const saved = await vscode.workspace.fs.readFile(uri);
  await vscode.workspace.fs.delete(uri);
  try {
    const defaults = await waitForDiagnostics(
      teamReply.uri,
      (found) => found.some((d) => codeOf(d) === 'require-thanks') && !found.some((d) => codeOf(d) === 'returns/no-kindly'),
      'the built-in rules once the team’s rule file is gone',
    );
    assert.deepEqual(codesOf(defaults), ['require-thanks']);
  } finally {
    await vscode.workspace.fs.writeFile(uri, saved);
  }
  const team = await waitForDiagnostics(
    teamReply.uri,
    (found) => found.some((d) => codeOf(d) === 'returns/no-kindly') && !found.some((d) => codeOf(d) === 'require-thanks'),
    'the team’s rules once the rule file is back',
  );
  assert.deepEqual(codesOf(team), ['returns/no-kindly']);
});

test('editing the rule file in the editor and saving it re-lints the open reply, with no restart', async () => {
  const pid = serverPid();
  assert.ok(pid, 'no dist/server.js process under the extension host');
  ruleFile = await vscode.workspace.openTextDocument(workspaceFile(TEAM_RULES));
  await vscode.window.showTextDocument(ruleFile, vscode.ViewColumn.Beside);
  await replaceInDocument(ruleFile, 'require-thanks: off', 'require-thanks: error');
  assert.ok(await ruleFile.save(), 'the rule file was not saved');
  const relinted = await waitForDiagnostics(
    teamReply.uri,
    (found) => found.some((d) => codeOf(d) === 'require-thanks') && found.some((d) => codeOf(d) === 'returns/no-kindly'),
    'require-thanks, now an error, beside the team’s rule',
  );
  assert.equal(only(relinted, 'require-thanks').severity, vscode.DiagnosticSeverity.Error);
  assert.equal(serverPid(), pid, 'the language server was restarted to pick up the rule file');
  assert.ok(!teamReply.isDirty, 'the reply itself was not touched');
});

test('a broken rule file gets a diagnostic on itself, and the reply keeps its last good rules', async () => {
  await replaceInDocument(ruleFile, 'require-thanks: error', 'require-thanks: [error');
  assert.ok(await ruleFile.save());
  const problems = await waitForDiagnostics(ruleFile.uri, (found) => found.length > 0, 'a diagnostic on the broken rule file');
  const [problem] = problems;
  assert.equal(problem!.severity, vscode.DiagnosticSeverity.Error);
  assert.match(problem!.message, /YAML/, `the diagnostic says: ${problem!.message}`);
  const brokenLine = ruleFile.getText().split('\n').findIndex((line) => line.includes('[error'));
  // Where the unclosed [ makes the file unreadable: the start of the line after it.
  assert.deepEqual([problem!.range.start.line, problem!.range.start.character], [brokenLine + 1, 0]);

  // Typing in the reply lints it again, with the rules of the last good rule file: require-thanks
  // still an error, the team's swap still on (two "Kindly" now).
  await vscode.window.showTextDocument(teamReply, vscode.ViewColumn.One);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(teamReply.uri, teamReply.positionAt(teamReply.getText().indexOf('\n\n-- ')), ' Kindly keep the receipt.');
  assert.ok(await vscode.workspace.applyEdit(edit));
  const kept = await waitForDiagnostics(
    teamReply.uri,
    (found) => found.filter((d) => codeOf(d) === 'returns/no-kindly').length === 2,
    'both “Kindly” flagged by the last good rules',
  );
  assert.equal(only(kept, 'require-thanks').severity, vscode.DiagnosticSeverity.Error);
  assert.ok(replylintDiagnostics(ruleFile.uri).length > 0, 'the rule file’s diagnostic went while it is still broken');
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('an unknown rule id in the rule file: a diagnostic naming the likely id, and its quick fix repairs the file', async () => {
  await replaceInDocument(ruleFile, 'require-thanks: [error', 'require-thank: off');
  const problems = await waitForDiagnostics(ruleFile.uri, (found) => found.some((d) => /require-thank"/.test(d.message)), 'a diagnostic on the unknown id');
  const unknown = problems.find((d) => /require-thank"/.test(d.message))!;
  assert.match(unknown.message, /did you mean "require-thanks"\?/);
  assert.equal(ruleFile.getText(unknown.range), 'require-thank');
  const [fix, ...more] = await codeActionsAt(ruleFile.uri, unknown.range);
  assert.ok(fix && more.length === 0, 'expected exactly one quick fix on the unknown id');
  assert.equal(fix.title, 'Change to “require-thanks”');
  await applyAction(fix);
  assert.ok(ruleFile.getText().includes('require-thanks: off'));
  assert.ok(await ruleFile.save());
  await waitForDiagnostics(ruleFile.uri, (found) => found.length === 0, 'no diagnostics on the repaired rule file');
  // The repaired file is the one in the repository again: the reply is back to the team's rule only.
  const back = await waitForDiagnostics(teamReply.uri, (found) => found.length > 0 && !found.some((d) => codeOf(d) === 'require-thanks'), 'require-thanks off again');
  assert.deepEqual(codesOf(back), ['returns/no-kindly']);
  await vscode.window.showTextDocument(ruleFile);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('VS Code’s JSON language service checks a .replylint.json against the schema the extension contributes', async () => {
  const folder = workspaceFile('json-rules');
  const uri = vscode.Uri.joinPath(folder, '.replylint.json');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{\n  "rules": {\n    "no-blame": "loud"\n  }\n}\n'));
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'json');
    const schemaProblems = await waitForDiagnostics(
      uri,
      (found) => found.some((d) => document.getText(d.range) === '"loud"'),
      'a schema diagnostic from the JSON language service on "loud"',
      20_000,
      othersThanReplylint,
    );
    const wrong = schemaProblems.find((d) => document.getText(d.range) === '"loud"')!;
    assert.match(wrong.message, /"off", "info", "warning", "error"/, `the schema's message does not name the values allowed: ${wrong.message}`);
    // Replylint's server reads the open rule file too, and says the same on the same value.
    const own = await waitForDiagnostics(uri, (found) => found.length > 0, 'Replylint’s diagnostic on the open rule file');
    assert.deepEqual(
      own.map((d) => document.getText(d.range)),
      ['"loud"'],
      `Replylint's diagnostics on the rule file:\n  ${describeDiagnostics(own)}`,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  } finally {
    await vscode.workspace.fs.delete(folder, { recursive: true });
  }
});

test('“Replylint: Create Rule File” writes a commented .replylint.yaml for the help desk picked, and never over one', async () => {
  const created = workspaceFile('.replylint.yaml');
  assert.ok(!existsSync(created.fsPath), 'the workspace root has no rule file to start with');
  try {
    const pending = vscode.commands.executeCommand<vscode.Uri | undefined>('replylint.createRuleFile');
    // What only a user can do: pick the help desk in the quick pick the command shows.
    const picked = await askRunner('quick-pick', { placeholder: 'The help desk these replies are written for', label: 'zendesk' });
    assert.ok(picked, 'this step needs tests/e2e/runVSCode.mjs to pick in the quick pick');
    assert.ok(picked.ok, `the runner could not pick: ${picked.error}`);
    assert.match(picked.seen ?? '', /Detect from the files here/);
    const uri = await pending;
    assert.equal(uri?.fsPath, created.fsPath);
    const written = readFileSync(created.fsPath, 'utf8');
    assert.match(written, /^platform: zendesk$/m);
    assert.match(written, /^extends: \[?recommended/m);
    assert.match(written, /^#/m, 'the rule file explains itself in comments');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, created.fsPath, 'the new rule file is not open');

    // The team edits it; running the command again must keep their edit.
    const document = vscode.window.activeTextEditor.document;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(document.lineCount, 0), '# Reviewed by the returns desk.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    const edited = readFileSync(created.fsPath, 'utf8');
    const again = vscode.commands.executeCommand<vscode.Uri | undefined>('replylint.createRuleFile');
    const pickedAgain = await askRunner('quick-pick', { placeholder: 'The help desk these replies are written for', label: 'freshdesk' });
    assert.ok(pickedAgain?.ok, `the runner could not pick: ${pickedAgain?.error}`);
    assert.equal((await again)?.fsPath, created.fsPath);
    assert.equal(readFileSync(created.fsPath, 'utf8'), edited, 'the command wrote over the team’s rule file');
    const note = await askRunner('notification', { text: 'already exists' });
    assert.ok(note?.ok, `no notification that the rule file exists: ${note?.error}`);
    assert.match(note.seen ?? '', /\.replylint\.yaml already exists; opened it as it is/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  } finally {
    rmSync(created.fsPath, { force: true });
  }
});

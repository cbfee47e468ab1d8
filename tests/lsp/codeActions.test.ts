import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { linterFor } from '../../shared/index';
import { DEFENSIVE_REPLY } from './fixtures';
import { applyTextEdits, editsFor, LspTestClient, uniqueUri } from './lspClient';

describe('code actions', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(() => client.stop());

  it('offer a quick fix with an edit for every diagnostic, preferred fix first', async () => {
    const uri = uniqueUri('quick-fixes');
    await client.open(uri, DEFENSIVE_REPLY);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.length).toBe(4);
    for (const diagnostic of diagnostics) {
      const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
      // "Ignore this finding" writes the team's baseline file through a server command, not an edit
      const ignore = actions.filter((action) => action.command?.command === 'replylint.ignoreFinding');
      expect(ignore.map((action) => action.title)).toEqual([`Ignore this ${diagnostic.code} finding (team baseline)`]);
      const quickFixes = actions.filter((action) => action.kind === 'quickfix' && !ignore.includes(action));
      expect(quickFixes.length, `${diagnostic.code} has no quick fix`).toBeGreaterThan(0);
      for (const action of quickFixes) {
        expect(action.diagnostics).toEqual([diagnostic]);
        expect(editsFor(action.edit, uri).length, action.title).toBeGreaterThan(0);
      }
      const data = diagnostic.data as { fix?: unknown };
      // A safe fix is offered first and preferred; tone suggestions never are.
      expect(quickFixes[0].isPreferred === true).toBe(data.fix !== undefined);
      expect(quickFixes.slice(1).every((action) => action.isPreferred !== true)).toBe(true);
    }
  });

  it('are scoped to the Replylint diagnostics in the request', async () => {
    const uri = uniqueUri('scoped');
    await client.open(uri, DEFENSIVE_REPLY);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const blame = diagnostics.find((d) => d.code === 'no-blame')!;
    const foreign = { ...blame, source: 'spellcheck', code: 'typo' };
    const actions = await client.codeActions(uri, blame.range, [foreign, blame]);
    const quickFixes = actions.filter((action) => action.kind === 'quickfix');
    expect(quickFixes.length).toBeGreaterThan(0);
    expect(quickFixes.every((action) => action.diagnostics?.every((d) => d.code === 'no-blame'))).toBe(true);
    expect(await client.codeActions(uri, blame.range, [foreign])).toEqual([]);
  });

  it('edit the document so that the next lint, of the new version, no longer flags it', async () => {
    const uri = uniqueUri('apply');
    await client.open(uri, DEFENSIVE_REPLY);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const blame = diagnostics.find((d) => d.code === 'no-blame')!;
    const [action] = await client.codeActions(uri, blame.range, [blame], ['quickfix']);
    const edits = editsFor(action.edit, uri);
    const expected = applyTextEdits(client.text(uri), edits);
    const version = await client.applyEdits(uri, edits);
    expect(client.text(uri)).toBe(expected);
    expect(expected).toContain('clearing your cache should fix this');
    const fresh = await client.diagnosticsFor(uri, version);
    expect(fresh.diagnostics.map((d) => d.code)).not.toContain('no-blame');
    expect(fresh.diagnostics.every((d) => (d.data as { version: number }).version === version)).toBe(true);
  });

  it('offer nothing for diagnostics of an older version, whose edits would land in the wrong place', async () => {
    const uri = uniqueUri('stale');
    await client.open(uri, DEFENSIVE_REPLY);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const blame = diagnostics.find((d) => d.code === 'no-blame')!;
    const version = await client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Hello. ' },
    ]);
    await client.diagnosticsFor(uri, version);
    const actions = await client.codeActions(uri, blame.range, [blame], ['quickfix']);
    expect(actions).toEqual([]);
  });

  it('use versioned documentChanges when the client supports them', async () => {
    const versioned = await LspTestClient.start({ documentChanges: true });
    try {
      const uri = uniqueUri('document-changes');
      await versioned.open(uri, DEFENSIVE_REPLY, 7);
      const { diagnostics } = await versioned.diagnosticsFor(uri, 7);
      const [action] = await versioned.codeActions(uri, diagnostics[0].range, [diagnostics[0]], ['quickfix']);
      expect(action.edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri, version: 7 } });
    } finally {
      await versioned.stop();
    }
  });

  it('include the file-wide fix-all when asked for source.fixAll, applying exactly Linter.fixAll', async () => {
    const uri = uniqueUri('fix-all');
    await client.open(uri, DEFENSIVE_REPLY);
    await client.diagnosticsFor(uri, 1);
    const expected = linterFor({ rules: {} }).fixAll(DEFENSIVE_REPLY).text;
    for (const only of [['source.fixAll'], ['source.fixAll.replylint'], ['source']]) {
      const actions: CodeAction[] = await client.codeActions(uri, fullRange(client.text(uri)), [], only);
      expect(actions.map((action) => [action.kind, action.title])).toEqual([['source.fixAll.replylint', 'Fix all Replylint problems']]);
      expect(applyTextEdits(client.text(uri), editsFor(actions[0].edit, uri))).toBe(expected);
    }
    // Asked only for quick fixes, it stays out.
    const quickOnly = await client.codeActions(uri, fullRange(client.text(uri)), [], ['quickfix']);
    expect(quickOnly).toEqual([]);
  });
});

function fullRange(text: string) {
  const lines = text.split(/\r\n|\r|\n/);
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

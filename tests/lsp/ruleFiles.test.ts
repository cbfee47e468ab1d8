/**
 * Team rule files in the language server, over stdio: each reply linted with its own cascade,
 * problems shown on the rule file while replies keep being linted with the last good rules,
 * and live reload when a rule file is typed in, saved, created or deleted.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { describeFinding, EXPECTED_FINDINGS, TEAM_CONFIG } from '../config/teamRepo';
import { editsFor, LspTestClient } from './lspClient';

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };
let root: string;
let repo: string;
let client: LspTestClient;
const uriOf = (path: string) => pathToFileURL(join(repo, path)).href;
const readRepo = (path: string) => readFileSync(join(repo, path), 'utf8');

function described(file: string, diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) =>
    describeFinding(file, {
      ruleId: String(d.code),
      severity: SEVERITY[d.severity ?? 1],
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    }),
  );
}

const rules = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code));

async function changedOnDisk(uri: string, type: 1 | 2 | 3): Promise<void> {
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
}

beforeAll(() => {
  // A copy, so tests can break and fix its rule files; the reply fixtures resolve from the copy.
  root = mkdtempSync(join(tmpdir(), 'replylint-team-'));
  cpSync(TEAM_CONFIG, root, { recursive: true });
  repo = join(root, 'repo');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('rule files in the language server', () => {
  beforeAll(async () => {
    client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(repo).href] });
  });
  afterAll(async () => client.stop());

  it('reports exactly what the cascade implies, as the CLI does', async () => {
    for (const [file, expected] of Object.entries(EXPECTED_FINDINGS)) {
      await client.open(uriOf(file), readRepo(file));
      const { diagnostics } = await client.diagnosticsFor(uriOf(file), 1);
      // describeFinding reads the fixture, which the copy leaves as it is
      expect(described(file, diagnostics), file).toEqual(expected);
    }
    // archive/** is in ignorePatterns
    await client.open(uriOf('archive/old.reply'), readRepo('archive/old.reply'));
    expect((await client.diagnosticsFor(uriOf('archive/old.reply'), 1)).diagnostics).toEqual([]);
  });

  describe('a broken rule file: a diagnostic on it, and replies linted with its last good rules', () => {
    const ruleFile = '.replylint.yaml';
    const good = () => readRepo(ruleFile);
    const cases: Array<[string, (text: string) => string, { line: number; character: number }, string]> = [
      ['bad YAML', (text) => text.replace('no-vague-commitment: off', 'no-vague-commitment: [off'), { line: 4, character: 0 }, 'not valid YAML'],
      ['an unknown rule id', (text) => text.replace('no-vague-commitment: off', 'no-vague-comitment: off'), { line: 3, character: 2 }, 'no rule "no-vague-comitment"; did you mean "no-vague-commitment"?'],
      ['a wrong type', (text) => text.replace('root: true', 'root: yes please'), { line: 0, character: 6 }, '"root" must be true or false'],
      ['a bad glob', (text) => text.replace('"macros/social/**"', '"macros/social/[**"'), { line: 5, character: 11 }, 'opens a bracket it never closes'],
      [
        'a bad pattern',
        (text) => `${text}custom:\n  - id: acme/ticket\n    kind: pattern\n    message: "x"\n    pattern: "INT-(?!0)"\n`,
        { line: 14, character: 13 },
        'the pattern is not a regular expression this engine runs',
      ],
    ];

    afterEach(async () => {
      // closing the buffer makes the file on disk (unchanged) the rule file again
      await client.close(uriOf(ruleFile));
    });

    it.each(cases)('%s', async (_name, breakIt, start, message) => {
      const reply = 'macros/refund.reply';
      const before = client.published.length;
      await client.open(uriOf(ruleFile), breakIt(good()));
      const onRuleFile = await client.diagnostics(uriOf(ruleFile), (p) => p.diagnostics.length > 0, before);
      expect(onRuleFile.diagnostics.map((d) => d.message)).toHaveLength(1);
      expect(onRuleFile.diagnostics[0]).toMatchObject({ range: { start }, severity: 1, source: 'replylint' });
      expect(onRuleFile.diagnostics[0].message).toContain(message);
      // the reply was linted again and still gets exactly the team's findings
      const relinted = await client.diagnostics(uriOf(reply), () => true, before);
      expect(described(reply, relinted.diagnostics)).toEqual(EXPECTED_FINDINGS[reply]);
      // fixed, the diagnostic goes away
      const fixedAt = client.published.length;
      await client.change(uriOf(ruleFile), [{ text: good() }]);
      await client.diagnostics(uriOf(ruleFile), (p) => p.diagnostics.length === 0, fixedAt);
    });
  });

  it('offers the id, key or value a mistake most likely meant as a quick fix', async () => {
    const ruleFile = uriOf('.replylint.yaml');
    const broken = readRepo('.replylint.yaml').replace('no-vague-commitment: off', 'no-vague-comitment: of').replace('root: true', 'rot: true');
    const before = client.published.length;
    await client.open(ruleFile, broken);
    // each fix shows the next problem: the file's shape first, then the rule ids
    let current = await client.diagnostics(ruleFile, (p) => p.diagnostics.length > 0, before);
    const applied: string[] = [];
    while (current.diagnostics.length > 0 && applied.length < 5) {
      const [diagnostic] = current.diagnostics;
      const actions = await client.codeActions(ruleFile, diagnostic.range, [diagnostic]);
      expect(actions, String(diagnostic.message)).toHaveLength(1);
      applied.push(actions[0].title);
      const at = client.published.length;
      await client.applyEdits(ruleFile, editsFor(actions[0].edit, ruleFile));
      current = await client.diagnostics(ruleFile, () => true, at);
    }
    expect(applied).toEqual(['Change to “root”', 'Change to “off”', 'Change to “no-vague-commitment”']);
    expect(client.text(ruleFile)).toBe(readRepo('.replylint.yaml'));
    expect(current.diagnostics).toEqual([]);
    await client.close(ruleFile);
  });

  it('reloads as a rule file is typed in, without a save', async () => {
    const reply = 'macros/refund.reply';
    const before = client.published.length;
    await client.open(uriOf('.replylint.yaml'), readRepo('.replylint.yaml').replace('no-vague-commitment: off', 'no-vague-commitment: error'));
    const relinted = await client.diagnostics(uriOf(reply), (p) => rules(p).includes('no-vague-commitment'), before);
    expect(relinted.diagnostics.find((d) => d.code === 'no-vague-commitment')?.severity).toBe(1);
    const closedAt = client.published.length;
    await client.close(uriOf('.replylint.yaml'));
    await client.diagnostics(uriOf(reply), (p) => !rules(p).includes('no-vague-commitment'), closedAt);
  });

  it('reloads when a rule file is saved, created or deleted on disk', async () => {
    const reply = 'macros/social/outage.reply';
    const shared = join(root, 'shared', 'acme.replylint.yaml');
    const original = readFileSync(shared, 'utf8');
    try {
      // the extended team file changes on disk: acme/no-jargon goes
      let at = client.published.length;
      writeFileSync(shared, original.replace(/  - id: acme\/no-jargon[\s\S]*$/, ''));
      await changedOnDisk(pathToFileURL(shared).href, 2);
      await client.diagnostics(uriOf(reply), (p) => !rules(p).includes('acme/no-jargon'), at);

      // a new rule file in macros/social turns acme/no-kindly off there
      at = client.published.length;
      const created = join(repo, 'macros', 'social', '.replylint.yaml');
      writeFileSync(created, 'rules:\n  acme/no-kindly: off\n');
      await changedOnDisk(pathToFileURL(created).href, 1);
      const quiet = await client.diagnostics(uriOf(reply), (p) => p.diagnostics.length === 0, at);
      expect(quiet.diagnostics).toEqual([]);

      // deleted again: the findings come back
      at = client.published.length;
      unlinkSync(created);
      await changedOnDisk(pathToFileURL(created).href, 3);
      const back = await client.diagnostics(uriOf(reply), (p) => p.diagnostics.length > 0, at);
      expect(rules(back)).toEqual(['acme/no-kindly']);
    } finally {
      writeFileSync(shared, original);
      await changedOnDisk(pathToFileURL(shared).href, 2);
    }
  });
});

describe('a client that sends no file events (Neovim on Linux)', () => {
  it('still reloads when a rule file is created, saved or deleted on disk', async () => {
    // LspTestClient does not offer dynamic registration of workspace/didChangeWatchedFiles,
    // and this test sends none: the server watches the folders itself.
    const folder = mkdtempSync(join(tmpdir(), 'replylint-watch-'));
    writeFileSync(join(folder, '.replylint.yaml'), 'root: true\n');
    const editor = await LspTestClient.start({ workspaceFolders: [pathToFileURL(folder).href] });
    try {
      const uri = pathToFileURL(join(folder, 'sub', 'a.reply')).href;
      await editor.open(uri, 'Hi Ana,\n\nThanks for the log. Someone will get back to you soon.\n');
      expect(rules(await editor.diagnosticsFor(uri, 1))).toEqual(['no-vague-commitment']);
      let at = editor.published.length;
      writeFileSync(join(folder, '.replylint.yaml'), 'root: true\nrules:\n  no-vague-commitment: off\n');
      await editor.diagnostics(uri, (p) => p.diagnostics.length === 0, at);
      at = editor.published.length;
      unlinkSync(join(folder, '.replylint.yaml'));
      await editor.diagnostics(uri, (p) => rules(p).includes('no-vague-commitment'), at);
    } finally {
      await editor.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('multi-root workspaces', () => {
  it('each folder is linted with its own rule files', async () => {
    const one = mkdtempSync(join(tmpdir(), 'replylint-root-a-'));
    const two = mkdtempSync(join(tmpdir(), 'replylint-root-b-'));
    const reply = 'Hi Ana,\n\nThanks for the log. Someone will get back to you soon.\n';
    writeFileSync(join(one, '.replylint.yaml'), 'root: true\nrules:\n  no-vague-commitment: off\n');
    writeFileSync(join(two, '.replylint.yaml'), 'root: true\nrules:\n  no-vague-commitment: error\n');
    const multi = await LspTestClient.start({ workspaceFolders: [pathToFileURL(one).href, pathToFileURL(two).href] });
    try {
      const first = pathToFileURL(join(one, 'a.reply')).href;
      const second = pathToFileURL(join(two, 'a.reply')).href;
      await multi.open(first, reply);
      await multi.open(second, reply);
      expect((await multi.diagnosticsFor(first, 1)).diagnostics).toEqual([]);
      const { diagnostics } = await multi.diagnosticsFor(second, 1);
      expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['no-vague-commitment', 1]]);
    } finally {
      await multi.stop();
      rmSync(one, { recursive: true, force: true });
      rmSync(two, { recursive: true, force: true });
    }
  });
});

describe('replylint/createRuleFile (the editor\'s "Create Rule File")', () => {
  it('writes a commented rule file into the folder, with the platform asked, and never over one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'replylint-create-'));
    const editor = await LspTestClient.start({ workspaceFolders: [pathToFileURL(folder).href] });
    try {
      const folderUri = pathToFileURL(folder).href;
      const created = await editor.connection.sendRequest('replylint/createRuleFile', { folderUri, platform: 'intercom' });
      const uri = pathToFileURL(join(folder, '.replylint.yaml')).href;
      expect(created).toEqual({ uri, created: true, platform: 'intercom' });
      const text = readFileSync(join(folder, '.replylint.yaml'), 'utf8');
      expect(text).toContain('platform: intercom');
      writeFileSync(join(folder, '.replylint.yaml'), `${text}# edited by the team\n`);
      const again = await editor.connection.sendRequest('replylint/createRuleFile', { folderUri });
      expect(again).toEqual({ uri, created: false });
      expect(readFileSync(join(folder, '.replylint.yaml'), 'utf8')).toContain('# edited by the team');
    } finally {
      await editor.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

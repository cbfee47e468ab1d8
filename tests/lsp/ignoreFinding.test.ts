/**
 * "Ignore this finding" over stdio: the finding goes into the team's baseline file, the one
 * `replylint --baseline` reads, never into the reply; it stays ignored when the reply is edited
 * elsewhere, and the CLI agrees.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureCliBuilt } from '../cli/cliProcess';
import { LspTestClient } from './lspClient';

const REPLY = 'Hi Sam,\n\nThanks for the photos. As I already said, the courier collects on Monday.\n\nWe apologize for any inconvenience.\n';
let folder: string;
let client: LspTestClient;

beforeAll(async () => {
  await ensureCliBuilt();
  folder = mkdtempSync(join(tmpdir(), 'replylint-ignore-'));
  writeFileSync(join(folder, '.replylint.yaml'), 'root: true\n');
  writeFileSync(join(folder, 'courier.reply'), REPLY);
  client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(folder).href] });
});
afterAll(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('Ignore this finding', () => {
  it('records the finding in the team baseline, not in the reply, and the CLI honours it', async () => {
    const uri = pathToFileURL(join(folder, 'courier.reply')).href;
    await client.open(uri, REPLY);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map((d) => d.code)).toEqual(['no-defensive', 'no-scripted-phrase']);
    const defensive = diagnostics[0];
    const actions = await client.codeActions(uri, defensive.range, [defensive]);
    const ignore = actions.find((action) => action.title === 'Ignore this no-defensive finding (team baseline)')!;
    expect(ignore.edit).toBeUndefined(); // the reply is not touched

    const before = client.published.length;
    await client.connection.sendRequest('workspace/executeCommand', { command: ignore.command!.command, arguments: ignore.command!.arguments });
    const after = await client.diagnostics(uri, (p) => p.diagnostics.length === 1, before);
    expect(after.diagnostics.map((d) => d.code)).toEqual(['no-scripted-phrase']);
    expect(client.text(uri)).toBe(REPLY);
    const baseline = join(folder, '.replylint-baseline.json');
    expect(existsSync(baseline)).toBe(true);
    expect(readFileSync(baseline, 'utf8')).not.toMatch(/already said|collects|Monday/);

    // an edit elsewhere in the reply: still ignored
    const edited = await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'See you Monday. ' }]);
    expect((await client.diagnosticsFor(uri, edited)).diagnostics.map((d) => d.code)).toEqual(['no-scripted-phrase']);

    // the CLI reads the same file
    const cli = spawnSync(process.execPath, [CLI, '--format', 'json', '--baseline', '.replylint-baseline.json', 'courier.reply'], { cwd: folder, encoding: 'utf8' });
    expect(JSON.parse(cli.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['no-scripted-phrase']);
  });
});

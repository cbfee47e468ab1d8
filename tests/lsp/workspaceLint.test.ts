/**
 * replylint/lintWorkspace over stdio: every reply under the workspace folders linted, open or
 * not, with work-done progress, cancellable by the request or by the progress.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { exclusionTest } from '../../server/lsp/workspaceFiles';
import { DEFENSIVE_REPLY } from './fixtures';
import { LspTestClient } from './lspClient';

interface Result {
  files: number;
  total: number;
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
  skippedFolders: string[];
}

const CLEAN = 'Hi Sam,\n\nThanks for the screenshots. The export works again; your file is attached.\n\nDana';
let folder: string;
const uriOf = (path: string) => pathToFileURL(join(folder, path)).href;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'replylint-workspace-'));
  const files: Record<string, string> = {
    'billing/refund.reply': DEFENSIVE_REPLY,
    'billing/clean.reply': CLEAN,
    'shipping/late.reply': 'You should have ordered earlier.',
    'archive/old.reply': DEFENSIVE_REPLY, // excluded by files.exclude below
    'node_modules/pkg/x.reply': DEFENSIVE_REPLY, // never a team's reply
    '.hidden/y.reply': DEFENSIVE_REPLY,
    'notes.txt': DEFENSIVE_REPLY, // not a reply file by name
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function configuration(params: { items: Array<{ section?: string }> }): unknown[] {
  return params.items.map((item) => (item.section === 'files.exclude' ? { '**/archive': true, '**/.git': true, '**/tmp': false } : {}));
}

describe('replylint/lintWorkspace', () => {
  it('publishes diagnostics for every reply in the folder, unopened ones included, with progress', async () => {
    const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(folder).href], configuration });
    try {
      const result: Result = await client.connection.sendRequest('replylint/lintWorkspace', { workDoneToken: 'ws-1' });
      const refund = await client.diagnostics(uriOf('billing/refund.reply'));
      expect(refund.diagnostics.map((d) => d.code).sort()).toEqual(['no-blame', 'no-defensive', 'no-scripted-phrase', 'require-thanks']);
      expect((await client.diagnostics(uriOf('billing/clean.reply'))).diagnostics).toEqual([]);
      const late = await client.diagnostics(uriOf('shipping/late.reply'));
      expect(late.diagnostics.map((d) => d.code)).toContain('no-blame');
      const findings = refund.diagnostics.length + late.diagnostics.length;
      expect(result).toEqual({ files: 3, total: 3, findings, filesWithFindings: 2, cancelled: false, skippedFolders: [] });
      const reported = new Set(client.published.map((p) => p.uri));
      for (const skipped of ['archive/old.reply', 'node_modules/pkg/x.reply', '.hidden/y.reply', 'notes.txt']) {
        expect(reported.has(uriOf(skipped)), skipped).toBe(false);
      }
      const progress = client.notifications.filter((n) => n.method === '$/progress' && n.params.token === 'ws-1').map((n) => n.params.value);
      expect(progress[0]).toMatchObject({ kind: 'begin', title: 'Replylint: linting the workspace', cancellable: true });
      expect(progress.at(-1)).toEqual({ kind: 'end' });
    } finally {
      await client.stop();
    }
  });

  it('puts a closed document back to its findings on disk', async () => {
    const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(folder).href], configuration });
    try {
      await client.connection.sendRequest('replylint/lintWorkspace', {});
      const uri = uriOf('shipping/late.reply');
      await client.open(uri, 'Thanks for the order photo, it helps.');
      expect((await client.diagnosticsFor(uri, 1)).diagnostics).toEqual([]);
      const before = client.published.length;
      await client.close(uri);
      const fromDisk = await client.diagnostics(uri, (p) => p.diagnostics.length > 0, before);
      expect(fromDisk.diagnostics.map((d) => d.code)).toContain('no-blame');
    } finally {
      await client.stop();
    }
  });
});

describe('cancelling a workspace lint', () => {
  let big: string;
  beforeAll(() => {
    big = mkdtempSync(join(tmpdir(), 'replylint-workspace-big-'));
    for (let i = 0; i < 3000; i++) {
      const sub = join(big, `team-${i % 30}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `reply-${i}.reply`), `${DEFENSIVE_REPLY}\n\nReply number ${i}.`);
    }
  });
  afterAll(() => rmSync(big, { recursive: true, force: true }));

  it('stops when the request is cancelled, keeping what it published', async () => {
    const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(big).href] });
    try {
      const source = new CancellationTokenSource();
      const pending: Promise<Result> = client.connection.sendRequest('replylint/lintWorkspace', { workDoneToken: 'ws-cancel' }, source.token);
      // Cancel once the first files are published: an event, not a sleep.
      await client.diagnostics(pathToFileURL(join(big, 'team-0', 'reply-0.reply')).href);
      source.cancel();
      const result = await pending;
      expect(result.cancelled).toBe(true);
      expect(result.total).toBe(3000);
      expect(result.files).toBeGreaterThan(0);
      expect(result.files).toBeLessThan(3000);
      await client.notification('$/progress', (p) => p.token === 'ws-cancel' && p.value.kind === 'end');
    } finally {
      await client.stop();
    }
  });

  it('stops when the client cancels the progress the server created', async () => {
    const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(big).href], workDoneProgress: true });
    try {
      const pending: Promise<Result> = client.connection.sendRequest('replylint/lintWorkspace', {});
      const begin = await client.notification('$/progress', (p) => p.value.kind === 'begin');
      expect(client.createdProgress).toContain(begin.params.token);
      expect(begin.params.value.cancellable).toBe(true);
      await client.connection.sendNotification('window/workDoneProgress/cancel', { token: begin.params.token });
      const result = await pending;
      expect(result.cancelled).toBe(true);
      expect(result.files).toBeLessThan(3000);
    } finally {
      await client.stop();
    }
  });
});

describe('files.exclude patterns', () => {
  it('exclude the paths they match and everything under a matched folder', () => {
    const excluded = exclusionTest(['**/archive', 'drafts/*.reply', 'tmp/', '{a,b}']);
    expect(excluded('archive/x.reply')).toBe(true);
    expect(excluded('team/archive/deep/x.reply')).toBe(true);
    expect(excluded('drafts/x.reply')).toBe(true);
    expect(excluded('drafts/sub/x.reply')).toBe(false);
    expect(excluded('tmp/x.reply')).toBe(true);
    expect(excluded('team/x.reply')).toBe(false);
  });
});

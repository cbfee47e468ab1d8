import { fork, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { LspTestClient, SERVER_PATH } from './lspClient';

const packageVersion = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

describe('replylint-ls command line', () => {
  it('prints the version and exits', () => {
    const result = spawnSync(process.execPath, [SERVER_PATH, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(packageVersion);
  });

  it('prints usage with --help, and refuses to start without a transport', () => {
    const help = spawnSync(process.execPath, [SERVER_PATH, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--stdio');
    expect(help.stdout).toContain('--node-ipc');
    const bare = spawnSync(process.execPath, [SERVER_PATH], { encoding: 'utf8' });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('needs a transport');
  });
});

describe('initialize', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(() => client.stop());

  it('announces incremental sync, quick fixes, fix-all and hovers', () => {
    const { capabilities, serverInfo } = client.initializeResult;
    expect(capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(capabilities.codeActionProvider).toMatchObject({
      codeActionKinds: ['quickfix', 'source.fixAll', 'source.fixAll.replylint'],
    });
    expect(capabilities.hoverProvider).toBe(true);
    expect(serverInfo).toEqual({ name: 'replylint-ls', version: packageVersion });
  });

  it('says in its first output line its version, Node, transport, client and where settings come from', async () => {
    const { params } = await client.notification('window/logMessage', (p: { message: string }) => p.message.startsWith('Replylint language server'));
    expect(params.message).toContain(`Replylint language server ${packageVersion} on Node ${process.version}, over stdio`);
    expect(params.message).toMatch(/Settings: the client’s “replylint” settings, read per file/);
    expect(params.type).toBe(3); // Info
  });
});

describe('node IPC transport', () => {
  it('answers initialize over --node-ipc, the way the VS Code client starts it', async () => {
    const child = fork(SERVER_PATH, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result: InitializeResult = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      expect(result.capabilities.hoverProvider).toBe(true);
      await connection.sendRequest('shutdown');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});

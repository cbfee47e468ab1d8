/**
 * replylint/status, which the VS Code extension's language status item shows: what the server
 * did with each document, so the item never says "no findings" for a document nothing linted.
 */
import { describe, expect, it } from 'vitest';
import { DEFENSIVE_REPLY } from './fixtures';
import { LspTestClient, uniqueUri } from './lspClient';

describe('replylint/status', () => {
  it('says a version was linted and how many findings it has, then off, then closed', async () => {
    let settings: unknown = {};
    const client = await LspTestClient.start({ initializationOptions: { status: true }, configuration: (params) => params.items.map(() => settings) });
    try {
      const uri = uniqueUri('status');
      await client.open(uri, DEFENSIVE_REPLY);
      const linted = await client.notification('replylint/status', (p) => p.uri === uri && p.state === 'linted');
      expect(linted.params).toEqual({ uri, state: 'linted', version: 1, findings: 4 });
      expect((await client.diagnosticsFor(uri, 1)).diagnostics).toHaveLength(4);

      settings = { enable: false };
      await client.configurationChanged();
      await client.notification('replylint/status', (p) => p.uri === uri && p.state === 'off');

      await client.close(uri);
      await client.notification('replylint/status', (p) => p.uri === uri && p.state === 'closed');
    } finally {
      await client.stop();
    }
  });

  it('is not sent to a client that did not ask for it', async () => {
    const client = await LspTestClient.start();
    try {
      const uri = uniqueUri('no-status');
      await client.open(uri, DEFENSIVE_REPLY);
      await client.diagnosticsFor(uri, 1);
      await client.close(uri);
      await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
      expect(client.notifications.filter((n) => n.method === 'replylint/status')).toEqual([]);
    } finally {
      await client.stop();
    }
  });
});

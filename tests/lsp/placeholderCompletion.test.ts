/** Placeholder completion over stdio: the reply's help desk, its dialect, its variables with their meaning. */
import { describe, expect, it } from 'vitest';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-protocol';
import { placeholderPlatforms, placeholdersFor } from '../../shared/index';
import { LspTestClient, uniqueUri } from './lspClient';

async function complete(client: LspTestClient, text: string): Promise<CompletionItem[]> {
  const uri = uniqueUri('completion');
  await client.open(uri, text);
  const lines = text.split('\n');
  const position = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
  const result = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as
    | CompletionItem[]
    | { items: CompletionItem[] };
  return Array.isArray(result) ? result : result.items;
}

describe('placeholder completion', () => {
  it('offers the front matter platform’s variables after {{, replacing what was typed', async () => {
    const client = await LspTestClient.start();
    try {
      expect(client.initializeResult.capabilities.completionProvider?.triggerCharacters).toEqual(['{', '%', '$']);
      const items = await complete(client, '---\nplatform: zendesk\n---\nHi {{ticket.req');
      const first = items.find((item) => item.label === 'ticket.requester.first_name');
      expect(first, items.map((item) => item.label).join(', ')).toBeDefined();
      expect((first!.documentation as MarkupContent).value).toMatch(/first name/i);
      expect(first!.textEdit).toEqual({
        range: { start: { line: 3, character: 5 }, end: { line: 3, character: 15 } },
        newText: 'ticket.requester.first_name',
      });
      expect(items.map((item) => item.label)).toEqual(placeholdersFor('zendesk')!.variables.map((v) => v.name));
    } finally {
      await client.stop();
    }
  });

  it('uses replylint.platform when the reply does not say, in that help desk’s dialect only', async () => {
    const client = await LspTestClient.start({ configuration: (params) => params.items.map(() => ({ platform: 'helpscout' })) });
    try {
      const helpscout = await complete(client, 'Hi {%cust');
      expect(helpscout.map((item) => item.label)).toContain('customer.firstName');
      // A Liquid opener in a Help Scout reply would send the braces to the customer: nothing offered.
      expect(await complete(client, 'Hi {{')).toEqual([]);
      // The front matter wins over the setting.
      const zoho = await complete(client, '---\nplatform: zoho\n---\nHi ${Cases.');
      expect(zoho.map((item) => item.label)).toContain('Cases.Contact Name');
    } finally {
      await client.stop();
    }
  });

  it('offers nothing when the help desk is unknown, or outside a placeholder', async () => {
    const client = await LspTestClient.start();
    try {
      expect(await complete(client, 'Hi {{')).toEqual([]);
      expect(await complete(client, '---\nplatform: front\n---\nHi there')).toEqual([]);
    } finally {
      await client.stop();
    }
  });
});

describe('placeholder data', () => {
  it('has, for every help desk with a file, a source and a description for every variable', () => {
    for (const platform of placeholderPlatforms()) {
      const data = placeholdersFor(platform)!;
      expect(data.source, platform).toMatch(/https?:\/\//);
      expect(new Set(data.variables.map((v) => v.name)).size, `${platform}: a variable listed twice`).toBe(data.variables.length);
    }
  });
});

// Macro libraries in the editor, over the protocol: diagnostics on the exact characters of a
// Zendesk export, the outline of its macros, and fixes that keep the export valid JSON.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_EXTENSIONS } from '../../server/cli/findReplyFiles';
import type { Diagnostic, DocumentSymbol, Range } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../shared/index';
import { applyTextEdits, editsFor, LspTestClient } from './lspClient';

const REPLIES = [
  { title: 'Refund "late" 💸', body: 'Hi Zoë 👋,\n\nThe "Refund" tab 🧾 says 3–5 days. As I already said, please be advised that banks are slow.\n\nSam' },
  { title: 'Password reset', body: 'Thanks for writing in! The reset link is on its way.' },
  { title: 'Wrong address', body: 'You should have entered the full address. We apologize for any inconvenience.' },
];

function zendesk(replies = REPLIES): string {
  const macros = replies.map((reply, i) => ({
    id: 100 + i,
    title: reply.title,
    actions: [
      { field: 'status', value: 'pending' },
      { field: 'comment_value', value: reply.body },
    ],
  }));
  return JSON.stringify({ macros }, null, 2);
}

let nextUri = 0;
const uriOf = (name: string) => `file:///replylint-tests/library-${++nextUri}/${name}`;

/** The characters a range covers, decoded from the JSON string they sit in. */
function decodedAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return JSON.parse(`"${text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end))}"`) as string;
}

describe('a Zendesk export open in the editor', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(() => client.stop());

  it('has diagnostics on exactly the characters of each flagged phrase, as the same reply has them', async () => {
    const text = zendesk();
    const uri = uriOf('macros.json');
    await client.open(uri, text, 1, 'json');
    const { diagnostics } = await client.diagnosticsFor(uri, 1);

    const inExport = diagnostics.map((d) => `${d.code}: ${decodedAt(text, d.range)}`).sort();
    const asReplies: string[] = [];
    for (const [i, reply] of REPLIES.entries()) {
      const replyUri = uriOf(`${i}.reply`);
      await client.open(replyUri, reply.body);
      const published = await client.diagnosticsFor(replyUri, 1);
      const lines = new LineIndex(reply.body);
      for (const d of published.diagnostics) asReplies.push(`${d.code}: ${reply.body.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end))}`);
    }
    expect(inExport).toEqual(asReplies.sort());
    expect(inExport).toEqual(expect.arrayContaining(['no-defensive: As I already said', 'no-blame: You should have entered']));

    // Columns count UTF-16 code units: the emoji and escapes before the phrase on its line are counted as the file spells them.
    const defensive = diagnostics.find((d) => d.code === 'no-defensive')!;
    const line = text.split('\n')[defensive.range.start.line];
    expect(line.slice(defensive.range.start.character, defensive.range.end.character)).toBe('As I already said');
    expect(line.slice(0, defensive.range.start.character)).toContain('\\"Refund\\" tab 🧾');
  });

  it('shows each macro in the outline, named by its title, its title selected', async () => {
    const text = zendesk();
    const uri = uriOf('outline.json');
    await client.open(uri, text, 1, 'json');
    const symbols: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((symbol) => symbol.name)).toEqual(REPLIES.map((reply) => reply.title));
    const lines = new LineIndex(text);
    for (const [i, symbol] of symbols.entries()) {
      const macro = text.slice(lines.offsetAt(symbol.range.start), lines.offsetAt(symbol.range.end));
      expect(JSON.parse(macro)).toMatchObject({ id: 100 + i, title: REPLIES[i].title });
      expect(text.slice(lines.offsetAt(symbol.selectionRange.start), lines.offsetAt(symbol.selectionRange.end))).toBe(JSON.stringify(REPLIES[i].title));
    }
  });

  it('outlines a Help Scout reply with its two texts as children, and leaves Markdown alone unless a rule file names its format', async () => {
    const helpscout = JSON.stringify({ items: [{ id: 1, name: 'Order on hold', text: '<p>Thanks for waiting.</p>', chatText: 'Thanks for waiting 🙏' }] }, null, 2);
    const uri = uriOf('helpscout.json');
    await client.open(uri, helpscout, 1, 'json');
    const [macro]: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    expect(macro.name).toBe('Order on hold');
    expect(macro.children?.map((child) => child.name)).toEqual(['text', 'chat']);
    expect(macro.children!.map((child) => decodedAt(helpscout, child.range))).toEqual(['<p>Thanks for waiting.</p>', 'Thanks for waiting 🙏']);

    // Markdown sections read as replies whatever the file is (a README too): no outline, no
    // diagnostics, unless a rule file names the format for its glob (as the CLI's folder search).
    const readme = '# Shop\n\n## Install\n\nAs I already said, run the installer.\n\n## Support\n\nMail the team.\n';
    const mdUri = uriOf('README.md');
    await client.open(mdUri, readme, 1, 'markdown');
    expect((await client.diagnosticsFor(mdUri, 1)).diagnostics).toEqual([]);
    expect(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: mdUri } })).toEqual([]);
  });

  it('applies a quick fix and fix-all inside the JSON string, and the export stays valid JSON', async () => {
    const text = zendesk();
    const uri = uriOf('fixes.json');
    await client.open(uri, text, 1, 'json');
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const defensive = diagnostics.find((d) => d.code === 'no-defensive')!;
    const actions = await client.codeActions(uri, defensive.range, [defensive]);
    const preferred = actions.find((action) => action.isPreferred)!;
    const quickFixed = applyTextEdits(text, editsFor(preferred.edit, uri));
    expect(JSON.parse(quickFixed).macros[0].actions[1].value).toBe(REPLIES[0].body.replace('As I already said, please', 'Please'));

    const [fixAll] = await client.codeActions(uri, defensive.range, diagnostics, ['source.fixAll.replylint']);
    const allFixed = JSON.parse(applyTextEdits(text, editsFor(fixAll.edit, uri)));
    expect(allFixed.macros[0].actions[1].value).toBe(REPLIES[0].body.replace('As I already said, please be advised that banks', 'Banks'));
    // A rewrite of tone is never part of fix-all: the blame is still there.
    expect(allFixed.macros[2].actions[1].value).toContain('You should have entered');
    expect(allFixed.macros.map((macro: { title: string }) => macro.title)).toEqual(REPLIES.map((reply) => reply.title));
  });

  it('lints a large export in the worker, on the same characters', async () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ title: `Macro ${i}`, body: REPLIES[i % 3].body }));
    const text = zendesk(many);
    expect(text.length).toBeGreaterThan(32_000);
    const uri = uriOf('large.json');
    await client.open(uri, text, 1, 'json');
    const { diagnostics } = await client.diagnosticsFor(uri, 1, 0, 30_000);
    const defensive = diagnostics.filter((d: Diagnostic) => d.code === 'no-defensive');
    expect(defensive).toHaveLength(Math.ceil(400 / 3));
    for (const d of defensive) expect(decodedAt(text, d.range)).toBe('As I already said');
    const [fixAll] = await client.codeActions(uri, defensive[0].range, diagnostics, ['source.fixAll.replylint']);
    const fixed = JSON.parse(applyTextEdits(text, editsFor(fixAll.edit, uri)));
    expect(fixed.macros.filter((macro: { actions: Array<{ value: string }> }) => macro.actions[1].value.includes('As I already said'))).toEqual([]);
  });

  it('leaves a JSON file that is no macro library alone: no diagnostics, no outline', async () => {
    const uri = uriOf('package.json');
    // Not even its syntax error: a settings file with a trailing comma is not Replylint's to judge.
    await client.open(uri, '{ "name": "shop", "description": "As I already said, a shop", }', 1, 'json');
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    expect(diagnostics).toEqual([]);
    expect(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })).toEqual([]);
  });
});

describe('the extension', () => {
  it('sends the server the same library files the CLI searches', () => {
    const source = readFileSync(new URL('../../client/extension.ts', import.meta.url), 'utf8');
    const pattern = /const LIBRARY_FILES = '\*\*\/\*\.\{([^}]*)\}'/.exec(source);
    expect(pattern, 'LIBRARY_FILES in client/extension.ts').not.toBeNull();
    expect(pattern![1].split(',').map((extension) => `.${extension}`).sort()).toEqual([...LIBRARY_EXTENSIONS].sort());
  });
});

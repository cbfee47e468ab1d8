/**
 * Property: whatever edits a client sends, in whatever bursts, the diagnostics the server
 * finally publishes for a document are those of a fresh lint of its final text. Edits are
 * incremental, anywhere (inside a surrogate pair or a CRLF too), sent without waiting; some
 * documents are large enough to go to the lint worker, where a newer version cancels the
 * lint of an older one. `npm test` runs a bounded number of sequences over one server;
 * `npm run stress` runs LSP_EDIT_RUNS of them.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { linterFor } from '../../shared/index';
import { LARGE_DOCUMENT } from '../../server/lsp/documentValidator';
import { lintForEditor } from '../../server/lsp/editorLint';
import { DEFAULT_SETTINGS, lintConfigFor } from '../../server/lsp/settings';
import { LspTestClient, uniqueUri } from './lspClient';

const RUNS = Number(process.env.LSP_EDIT_RUNS ?? 25);

const PIECES = [
  'Hi Sam,\n\n', 'As I already said, ', 'you should have cleared your cache. ', 'We apologize for any inconvenience. ',
  'Thanks for the log! ', 'the refund ', 'takes 5 days. ', 'rest assured ', '👋 ', '🙏', '\r\n', '\n', '\n\n',
  '{{ticket.requester.first_name}} ', '> quoted\n', '-- \nMo\n', '---\nchannel: email\n---\n', 'é', '—',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }).map((parts) => parts.join(''));
/** Most documents lint in process; one in six is past the worker threshold. */
const initialText = fc.oneof(
  { weight: 5, arbitrary: text },
  { weight: 1, arbitrary: text.map((head) => head + 'As I already said, the refund takes 5 days.\n'.repeat(Math.ceil(LARGE_DOCUMENT / 40) + 10)) },
);
/** An edit as fractions of the document, so it lands anywhere whatever the length is by then. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom('', ...PIECES), fc.string({ maxLength: 6 })),
});
/** Bursts of edits: each burst is one didChange with several changes, or one per edit. */
const bursts = fc.array(fc.record({ edits: fc.array(edit, { minLength: 1, maxLength: 4 }), together: fc.boolean() }), {
  minLength: 1,
  maxLength: 6,
});

function toChange(document: TextDocument, { at, remove, insert }: { at: number; remove: number; insert: string }): TextDocumentContentChangeEvent {
  const length = document.getText().length;
  const start = Math.floor(at * length);
  const end = Math.min(length, start + remove);
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: insert };
}

describe('LSP edit sequences', () => {
  let client: LspTestClient;
  const linter = linterFor(lintConfigFor(DEFAULT_SETTINGS));
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(() => client.stop());

  it(`end with the diagnostics of a fresh lint (${RUNS} sequences)`, async () => {
    await fc.assert(
      fc.asyncProperty(initialText, bursts, async (initial, sequence) => {
        const uri = uniqueUri('edits');
        await client.open(uri, initial);
        for (const burst of sequence) {
          if (burst.together) {
            // One didChange, changes applied in order, each to the text the previous one left.
            let mirror = TextDocument.create(uri, 'service-script', 0, client.text(uri));
            const changes = burst.edits.map((e) => {
              const change = toChange(mirror, e);
              mirror = TextDocument.update(mirror, [change], 0);
              return change;
            });
            await client.change(uri, changes);
          } else {
            for (const e of burst.edits) {
              const mirror = TextDocument.create(uri, 'service-script', 0, client.text(uri));
              await client.change(uri, [toChange(mirror, e)]);
            }
          }
        }
        const version = client.version(uri);
        const finalText = client.text(uri);
        const published = await client.diagnosticsFor(uri, version, 0, 60_000);
        expect(published.diagnostics).toEqual(lintForEditor(linter, finalText, version).diagnostics);
        await client.close(uri);
        // Each run has its own document: what it published is not needed again, and long runs would hoard it.
        client.published.splice(0);
      }),
      { numRuns: RUNS },
    );
  }, 1_800_000);
});

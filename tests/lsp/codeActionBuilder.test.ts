/**
 * The code-action builder in process, with a team rule that has safe fixes: the built-in
 * rules only suggest, so the preferred fix and the fix-all paths need a rule of their own.
 */
import { describe, expect, it } from 'vitest';
import type { CodeActionParams, Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, Linter, type LintConfig } from '../../shared/index';
import { buildCodeActions, FIX_ALL_KIND } from '../../server/lsp/codeActions';
import { toDiagnostics } from '../../server/lsp/diagnostics';
import { replacementEdit } from '../../server/lsp/fixAll';
import { applyTextEdits, editsFor } from './lspClient';

const config: LintConfig = {
  custom: [
    {
      id: 'acme/prefer-refund',
      kind: 'substitute',
      severity: 'warning',
      message: 'Say “refund”: it is the word customers use.',
      swap: { reimbursement: 'refund' },
    },
  ],
};
const linter = new Linter(config);
const TEXT = 'Your reimbursement is on its way. A second reimbursement follows. You should have cleared your cache.';

async function setUp(text: string, only?: string[], pick: (d: Diagnostic) => boolean = () => true, dropData = false) {
  const document = TextDocument.create('file:///a.reply', 'service-script', 3, text);
  const { findings } = linter.lint(text);
  const diagnostics = toDiagnostics(findings, new LineIndex(text), 3, () => undefined);
  // Some clients do not send `data` back: the request then carries the diagnostic without it.
  const inRequest = diagnostics.filter(pick).map((d) => (dropData ? { ...d, data: undefined } : d));
  const params: CodeActionParams = {
    textDocument: { uri: document.uri },
    range: inRequest[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: only ? { diagnostics: inRequest, only } : { diagnostics: inRequest },
  };
  return { document, diagnostics, actions: await buildCodeActions({ params, document, linter, findings, diagnostics, useDocumentChanges: false }) };
}

describe('buildCodeActions', () => {
  it('puts the safe fix first and preferred, then fix-all of that rule, then fix-all of the file', async () => {
    const { actions } = await setUp(TEXT, undefined, (d) => d.code === 'acme/prefer-refund');
    expect(actions.map((a) => [a.kind, a.title, a.isPreferred ?? false])).toEqual([
      ['quickfix', expect.stringContaining('refund'), true],
      ['quickfix', 'Fix all acme/prefer-refund problems', false],
      ['quickfix', expect.stringContaining('refund'), true],
      [FIX_ALL_KIND, 'Fix all Replylint problems', false],
    ]);
    const perRule = applyTextEdits(TEXT, editsFor(actions[1].edit, 'file:///a.reply'));
    expect(perRule).toBe(TEXT.replaceAll('reimbursement', 'refund'));
    expect(applyTextEdits(TEXT, editsFor(actions[3].edit, 'file:///a.reply'))).toBe(linter.fixAll(TEXT).text);
  });

  it('offers suggestions, never preferred, for a rule without a safe fix', async () => {
    const { actions } = await setUp(TEXT, ['quickfix'], (d) => d.code === 'no-blame');
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.kind === 'quickfix' && !a.isPreferred)).toBe(true);
  });

  it('leaves the file-wide fix-all out of the light bulb when nothing is safe to fix', async () => {
    const { actions } = await setUp('You should have cleared your cache.');
    expect(actions.some((a) => a.kind === FIX_ALL_KIND)).toBe(false);
  });

  it('works from the published diagnostics when a client drops `data`', async () => {
    const withData = (await setUp(TEXT, ['quickfix'], (d) => d.code === 'no-blame')).actions;
    const withoutData = (await setUp(TEXT, ['quickfix'], (d) => d.code === 'no-blame', true)).actions;
    expect(withoutData.length).toBeGreaterThan(0);
    expect(withoutData.map((a) => [a.title, a.edit])).toEqual(withData.map((a) => [a.title, a.edit]));
  });
});

describe('the quick-fix menu', () => {
  it('lists a suggestion that repeats the safe fix, or another suggestion, once', async () => {
    const dedupe = new Linter({
      custom: [
        {
          id: 'acme/no-kindly',
          kind: 'phrase',
          message: '“{match}” sounds stiff.',
          // The safe fix and the first suggestion make the same edit; the last two read the same.
          phrases: [{ match: 'kindly', fix: 'please', suggest: ['please', 'do', 'do'] }],
        },
      ],
    });
    const text = 'Kindly restart it.';
    const document = TextDocument.create('file:///b.reply', 'service-script', 1, text);
    const { findings } = dedupe.lint(text);
    const diagnostics = toDiagnostics(findings, new LineIndex(text), 1, () => undefined).filter((d) => d.code === 'acme/no-kindly');
    const params: CodeActionParams = { textDocument: { uri: document.uri }, range: diagnostics[0].range, context: { diagnostics, only: ['quickfix'] } };
    const actions = await buildCodeActions({ params, document, linter: dedupe, findings, diagnostics, useDocumentChanges: false });
    expect(actions.map((a) => [a.title, a.isPreferred ?? false])).toEqual([
      [expect.stringMatching(/^Replace with “please”$/i), true],
      [expect.stringMatching(/^Rewrite as “do”$/i), false],
    ]);
  });
});

describe('replacementEdit', () => {
  it('replaces only what changed, never splitting a surrogate pair or a CRLF', () => {
    const before = 'Hi 👋 Sam,\r\nthe reimbursement\r\n';
    for (const after of ['Hi 👍 Sam,\r\nthe refund\r\n', 'Hi 👋 Sam,\nthe refund\r\n', 'x', '']) {
      const edits = replacementEdit(before, after);
      expect(applyTextEdits(before, edits)).toBe(after);
      const lines = new LineIndex(before);
      for (const edit of edits) {
        for (const position of [edit.range.start, edit.range.end]) {
          const offset = lines.offsetAt(position);
          expect(lines.positionAt(offset)).toEqual(position);
          expect(/[\uDC00-\uDFFF]/.test(before[offset] ?? '')).toBe(false);
        }
      }
    }
    expect(replacementEdit(before, before)).toEqual([]);
  });
});

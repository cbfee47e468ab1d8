import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SOURCE } from './diagnostics';

/**
 * Quick fixes on a rule file's own diagnostics: a mistyped key, rule id, severity or preset
 * becomes the one it most likely meant ("no-blam" → "no-blame"), keeping the quotes it was
 * written with.
 */
export function ruleFileQuickFixes(params: CodeActionParams, document: TextDocument | undefined): CodeAction[] {
  if (!document) return [];
  const only = params.context.only;
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || kind.startsWith(`${CodeActionKind.QuickFix}.`))) return [];
  return params.context.diagnostics.flatMap((diagnostic): CodeAction[] => {
    const replacement = (diagnostic.data as { replacement?: unknown } | undefined)?.replacement;
    if (diagnostic.source !== SOURCE || typeof replacement !== 'string') return [];
    const written = document.getText(diagnostic.range);
    const quote = /^["']/.test(written) && written.endsWith(written[0]) ? written[0] : '';
    return [
      {
        title: `Change to “${replacement}”`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: [diagnostic],
        edit: { changes: { [params.textDocument.uri]: [{ range: diagnostic.range, newText: `${quote}${replacement}${quote}` }] } },
      },
    ];
  });
}

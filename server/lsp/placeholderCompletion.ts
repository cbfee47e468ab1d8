import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { placeholdersFor, segmentReply } from '../../shared/index';

/** What opens a placeholder in each dialect, up to the cursor: `{{ ticket.req`, `{%cust`, `${Cases.Co`. */
const OPENERS = [
  { dialect: 'liquid', pattern: /\{\{\s*([\w.]*)$/ },
  { dialect: 'helpscout', pattern: /\{%\s*([\w.]*)$/ },
  { dialect: 'zoho', pattern: /\$\{([\w. ]*)$/ },
] as const;

/**
 * Placeholder completion: after `{{`, `{%` or `${`, the variables of the reply's help desk (its
 * front matter's `platform:`, else the `replylint.platform` setting), each with what it holds.
 * Nothing for another help desk's opener (a Zendesk reply's `{%` starts a Liquid tag, not a
 * variable) or when the help desk is unknown: a variable of the wrong dialect reaches the
 * customer as typed.
 */
export function placeholderCompletions(document: TextDocument, position: Position, settingPlatform: string): CompletionItem[] {
  const before = document.getText({ start: { line: position.line, character: 0 }, end: position });
  const opener = OPENERS.map((candidate) => ({ ...candidate, match: candidate.pattern.exec(before) })).find((candidate) => candidate.match);
  if (!opener?.match) return [];
  const platform = platformOf(document.getText()) ?? settingPlatform;
  const placeholders = platform ? placeholdersFor(platform) : undefined;
  if (!placeholders || placeholders.dialect !== opener.dialect) return [];
  const typed = opener.match[1]!;
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  return placeholders.variables.map((variable, index) => ({
    label: variable.name,
    kind: CompletionItemKind.Variable,
    detail: `${platform} placeholder`,
    documentation: { kind: MarkupKind.Markdown, value: variable.description },
    textEdit: { range, newText: variable.name },
    filterText: variable.name,
    // The data's order (most used first), not the alphabet.
    sortText: String(index).padStart(3, '0'),
  }));
}

/** The `platform:` of the reply's front matter, when it names one. */
function platformOf(text: string): string | undefined {
  const platform = segmentReply(text).frontMatter?.data.platform;
  return typeof platform === 'string' && platform.trim() !== '' ? platform.trim().toLowerCase() : undefined;
}

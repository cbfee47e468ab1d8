import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Linter } from '../../shared/index';
import { isDiagnosticData, sameRange, SOURCE, type DiagnosticData, type LspSuggestion } from './diagnostics';
import { fixAllOfRule, replacementEdit } from './fixAll';

/**
 * Computes fixed texts. In process by default; the server passes one that sends large
 * documents to its lint worker and stops when the request is cancelled.
 */
export interface Fixer {
  fixAll(text: string): Promise<string>;
  fixAllOfRule(text: string, ruleId: string): Promise<string>;
}

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.replylint`;
export const FIX_ALL_TITLE = 'Fix all Replylint problems';

/** What code actions are built from: the document now, and its lint (cached for this version). */
export interface CodeActionInput {
  params: CodeActionParams;
  document: TextDocument;
  linter: Linter;
  findings: Finding[];
  /** the diagnostics published for this version, for clients that do not send `data` back */
  diagnostics: Diagnostic[];
  /** the client applies versioned `documentChanges`; otherwise plain `changes` */
  useDocumentChanges: boolean;
  /** where fix-all texts are computed; in process with `linter` when not given */
  fixer?: Fixer;
}

/**
 * Quick fixes for the Replylint diagnostics in the request, grouped per rule: the safe fix
 * first and preferred, then each suggestion, then "fix all of this rule" when it has
 * several fixes; then the file-wide fix-all. Suggestions are never preferred: a tone
 * rewrite is the writer's call, so no "auto fix" keybinding may apply one unseen.
 */
export async function buildCodeActions(input: CodeActionInput): Promise<CodeAction[]> {
  const { params } = input;
  // The document object changes in place as edits arrive: work on this version, and give up if it moves on.
  const text = input.document.getText();
  const document = { uri: input.document.uri, version: input.document.version };
  const fixer = input.fixer ?? inProcessFixer(input.linter);
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const fixableByRule = countFixable(input.findings);

  if (wants(only, CodeActionKind.QuickFix)) {
    const seenRules = new Set<string>();
    // A suggestion that makes the same edit as the safe fix, or as another suggestion, or that
    // reads the same in the menu, is one choice to the writer: it is listed once, the first time.
    const seenEdits = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const data = dataOf(diagnostic, input.diagnostics);
      // Edits made for another version would land in the wrong place: offer nothing until re-linted.
      if (!data || data.version !== document.version) continue;
      const seenTitles = new Set<string>();
      const offer = (suggestion: LspSuggestion, preferred: boolean) => {
        const edits = JSON.stringify(suggestion.edits);
        if (seenTitles.has(suggestion.title) || seenEdits.has(edits)) return;
        seenTitles.add(suggestion.title);
        seenEdits.add(edits);
        actions.push(quickFix(suggestion, diagnostic, input, preferred));
      };
      if (data.fix) offer(data.fix, true);
      for (const suggestion of data.suggestions) offer(suggestion, false);
      if (!seenRules.has(data.ruleId) && (fixableByRule.get(data.ruleId) ?? 0) > 1) {
        seenRules.add(data.ruleId);
        const fixed = await fixer.fixAllOfRule(text, data.ruleId);
        actions.push({
          title: `Fix all ${data.ruleId} problems`,
          kind: CodeActionKind.QuickFix,
          diagnostics: params.context.diagnostics.filter((d) => d.source === SOURCE && d.code === data.ruleId),
          edit: workspaceEdit(document, replacementEdit(text, fixed), input.useDocumentChanges),
        });
      }
    }
  }

  // Asked for explicitly (fix on save, the fix-all command) it is always returned, even with
  // nothing to fix; in the light bulb menu only beside a Replylint finding, and only when
  // there is something safe to apply.
  const askedForFixAll = only !== undefined && wants(only, FIX_ALL_KIND);
  const besideOurs = params.context.diagnostics.some((diagnostic) => diagnostic.source === SOURCE);
  if (askedForFixAll || (only === undefined && besideOurs && fixableByRule.size > 0)) {
    const fixed = await fixer.fixAll(text);
    actions.push({
      title: FIX_ALL_TITLE,
      kind: FIX_ALL_KIND,
      edit: workspaceEdit(document, replacementEdit(text, fixed), input.useDocumentChanges),
    });
  }
  // Edits for a version the client no longer has would land in the wrong place: it asks again.
  return input.document.version === document.version ? actions : [];
}

function inProcessFixer(linter: Linter): Fixer {
  return {
    fixAll: async (text) => linter.fixAll(text).text,
    fixAllOfRule: async (text, ruleId) => fixAllOfRule(linter, text, ruleId),
  };
}

/** Whether a request restricted to `only` kinds accepts `kind` (a kind includes its sub-kinds). */
export function wants(only: string[] | undefined, kind: string): boolean {
  if (only === undefined) return true;
  return only.some((requested) => requested === '' || kind === requested || kind.startsWith(`${requested}.`));
}

function quickFix(suggestion: LspSuggestion, diagnostic: Diagnostic, input: CodeActionInput, preferred: boolean): CodeAction {
  const action: CodeAction = {
    title: suggestion.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(input.document, suggestion.edits, input.useDocumentChanges),
  };
  if (preferred) action.isPreferred = true;
  return action;
}

function workspaceEdit(document: { uri: string; version: number }, edits: LspTextEdit[], useDocumentChanges: boolean): WorkspaceEdit {
  if (useDocumentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] };
  }
  return { changes: { [document.uri]: edits } };
}

/** The diagnostic's own data, or, from a client that drops `data`, that of the same published diagnostic. */
function dataOf(diagnostic: Diagnostic, published: Diagnostic[]): DiagnosticData | undefined {
  if (isDiagnosticData(diagnostic.data)) return diagnostic.data;
  const twin = published.find((candidate) => candidate.code === diagnostic.code && sameRange(candidate.range, diagnostic.range));
  return twin && isDiagnosticData(twin.data) ? twin.data : undefined;
}

function countFixable(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    if (finding.fix) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  }
  return counts;
}

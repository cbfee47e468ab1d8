import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, RuleDefinition } from '../../shared/index';
import { toRange } from './diagnostics';
import { LineIndex, NO_RULE_ID } from '../../shared/index';

/**
 * The hover over a flagged range explains the principle, not the finding (the diagnostic
 * already says what was flagged): the rule, why it matters, a bad and a good example, the docs.
 * Every finding under the cursor gets a section, since a reply-wide rule overlaps the others.
 */
export function buildHover(
  document: TextDocument,
  position: Position,
  findings: Finding[],
  definitionOf: (ruleId: string) => RuleDefinition | undefined,
): Hover | null {
  const offset = document.offsetAt(position);
  // A problem with the document itself has no principle to explain; its diagnostic says it all.
  const under = findings.filter((finding) => finding.ruleId !== NO_RULE_ID && finding.start <= offset && offset <= finding.end);
  if (under.length === 0) return null;
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const finding of under) {
    if (seen.has(finding.ruleId)) continue;
    seen.add(finding.ruleId);
    sections.push(explainRule(finding.ruleId, definitionOf(finding.ruleId)));
  }
  // The narrowest finding is the one the writer is most likely pointing at.
  const narrowest = [...under].sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    range: toRange(narrowest.start, narrowest.end, new LineIndex(document.getText())),
  };
}

export function explainRule(ruleId: string, definition: RuleDefinition | undefined): string {
  const lines = [`**Replylint: \`${ruleId}\`**${definition?.summary ? ` — ${escapeMarkdown(definition.summary)}` : ''}`];
  if (definition?.rationale) lines.push('', `**Why it matters:** ${escapeMarkdown(definition.rationale.trim())}`);
  const bad = firstInvalid(definition);
  if (bad) lines.push('', '**Instead of:**', '', quote(bad));
  const good = definition?.examples?.valid?.[0]?.trim();
  if (good) lines.push('', '**Write something like:**', '', quote(good));
  if (definition?.docs) lines.push('', `[Read more about ${ruleId}](${definition.docs})`);
  return lines.join('\n');
}

function firstInvalid(definition: RuleDefinition | undefined): string | undefined {
  const example = definition?.examples?.invalid?.[0] as { text: string } | string | undefined;
  const text = typeof example === 'string' ? example : example?.text;
  return text?.trim() || undefined;
}

/** A multi-line reply as a block quote, so paragraphs and the sign-off keep their shape. */
function quote(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (line.trim() === '' ? '>' : `> ${escapeMarkdown(line)}  `))
    .join('\n');
}

/** Example replies are prose, not markdown: keep `*`, `_`, `#`, `<` from turning into formatting. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, '\\$&');
}

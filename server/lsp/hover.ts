import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, RuleDefinition } from '../../shared/index';
import { toRange } from './diagnostics';
import { closestExamplePair } from './examplePair';
import { splitMessage } from './messageText';
import { LineIndex, NO_RULE_ID } from '../../shared/index';

/** Where a hover's "rule documentation" link goes for a rule: the bundled page, or the web. */
export type DocsLink = (ruleId: string, definition: RuleDefinition | undefined) => string | undefined;

/**
 * The hover over a flagged range holds what the one-sentence diagnostic leaves out, and little
 * else, so it fits beside the reply on a laptop screen: the advice, why it matters, one bad →
 * good pair from the rule's examples near the flagged wording, and the docs link. Every rule
 * under the cursor gets a section, since a reply-wide rule overlaps the others.
 */
export function buildHover(
  document: TextDocument,
  position: Position,
  findings: Finding[],
  definitionOf: (ruleId: string) => RuleDefinition | undefined,
  docsLink: DocsLink = (_id, definition) => definition?.docs,
): Hover | null {
  const offset = document.offsetAt(position);
  // A problem with the document itself has no principle to explain; its diagnostic says it all.
  const under = findings.filter((finding) => finding.ruleId !== NO_RULE_ID && finding.start <= offset && offset <= finding.end);
  if (under.length === 0) return null;
  // The narrowest finding is the one the writer is most likely pointing at: it goes first.
  const byWidth = [...under].sort((a, b) => a.end - a.start - (b.end - b.start));
  const text = document.getText();
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const finding of byWidth) {
    if (seen.has(finding.ruleId)) continue;
    seen.add(finding.ruleId);
    const definition = definitionOf(finding.ruleId);
    sections.push(explainFinding(finding, text.slice(finding.start, finding.end), definition, docsLink(finding.ruleId, definition)));
  }
  const narrowest = byWidth[0];
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    range: toRange(narrowest.start, narrowest.end, new LineIndex(text)),
  };
}

export function explainFinding(finding: Finding, flagged: string, definition: RuleDefinition | undefined, docs: string | undefined): string {
  const title = `**${finding.ruleId}**${definition?.summary ? ` · ${escapeMarkdown(lowerFirst(definition.summary.replace(/^Flags\s+/i, '')).replace(/\.$/, ''))}` : ''}`;
  const lines = [title];
  // A phrase's own advice ("Drop it, and point to the exact place."); the rule's general advice
  // is what its rationale ends with, so it is not said twice.
  const { advice } = splitMessage(finding.message);
  const general = definition ? splitMessage(definition.message).advice : '';
  if (advice && advice !== general) lines.push('', escapeMarkdown(advice));
  if (definition?.rationale) lines.push('', `*Why:* ${escapeMarkdown(definition.rationale.trim().replace(/\s+/g, ' '))}`);
  const pair = closestExamplePair(definition, flagged);
  if (pair) lines.push('', `Instead of “${escapeMarkdown(pair.bad)}”  `, `write “${escapeMarkdown(pair.good)}”`);
  if (docs) lines.push('', `[Rule documentation](${docs})`);
  return lines.join('\n');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Example replies are prose, not markdown: keep `*`, `_`, `#`, `<` from turning into formatting. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, '\\$&');
}

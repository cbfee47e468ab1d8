import { fixCapabilities, type RuleDefinition } from '../../shared';

/** One rule as `--list-rules` shows it: all of it derived from the rule's own data. */
export interface RuleListing {
  id: string;
  severity: string;
  /** the built-in preset that turns it on: `strict` rules are opt-in */
  preset: string;
  fixable: boolean;
  suggestions: boolean;
  summary: string;
  docs?: string;
}

export function listRules(rules: RuleDefinition[]): RuleListing[] {
  return rules.map((rule) => ({
    id: rule.id,
    severity: rule.severity ?? 'warning',
    preset: rule.preset ?? 'recommended',
    ...fixCapabilities(rule),
    summary: rule.summary ?? '',
    docs: rule.docs,
  }));
}

export function formatRuleListing(listings: RuleListing[]): string {
  const rows = listings.map((rule) => [
    rule.id,
    rule.severity,
    rule.preset,
    [rule.fixable ? 'fix' : '', rule.suggestions ? 'suggestions' : ''].filter(Boolean).join(', ') || '-',
    rule.summary,
  ]);
  const header = ['rule', 'default', 'preset', 'fixes', 'summary'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

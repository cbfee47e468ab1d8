// The fixture team repo (tests/fixtures/team-config) and what its cascade implies, file by file.
// Both the CLI and the language server must report exactly these findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEAM_CONFIG = fileURLToPath(new URL('../fixtures/team-config/', import.meta.url));
export const TEAM_REPO = join(TEAM_CONFIG, 'repo');

/**
 * repo/.replylint.yaml (root) extends shared/acme.replylint.yaml, which extends `recommended`,
 * makes require-thanks an error and adds acme/no-kindly (a swap) and acme/no-jargon. The repo turns
 * no-vague-commitment off, and require-thanks off for macros/social/**; archive/** is ignored.
 * macros/billing/.replylint.yaml accepts "RMA" and makes no-defensive an error.
 */
export const EXPECTED_FINDINGS: Record<string, string[]> = {
  'macros/refund.reply': [
    'require-thanks error “Hi Dana,”',
    'acme/no-kindly warning “Kindly”',
    'acme/no-jargon warning “RMA”',
  ],
  'macros/social/outage.reply': ['acme/no-kindly warning “Kindly”', 'acme/no-jargon warning “SKU”'],
  'macros/billing/invoice.reply': [
    'require-thanks error “Hi Dana,”',
    'acme/no-kindly warning “Kindly”',
    'no-defensive error “As I already said”',
  ],
};

/** "rule severity “flagged text”" for a finding given as 1-based line/column ranges of `file`. */
export function describeFinding(
  file: string,
  finding: { ruleId: string | null; severity: string; line: number; column: number; endLine: number; endColumn: number },
): string {
  const lines = readFileSync(join(TEAM_REPO, file), 'utf8').split('\n');
  const flagged =
    finding.line === finding.endLine
      ? lines[finding.line - 1].slice(finding.column - 1, finding.endColumn - 1)
      : [lines[finding.line - 1].slice(finding.column - 1), ...lines.slice(finding.line, finding.endLine - 1), lines[finding.endLine - 1].slice(0, finding.endColumn - 1)].join('\n');
  return `${finding.ruleId} ${finding.severity} “${flagged}”`;
}

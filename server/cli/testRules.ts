import { dirname, join, resolve } from 'node:path';
import { builtinRules, type RuleDefinition } from '../../shared';
import { runRuleExamples, type ExampleRun } from '../../shared/config/ruleExamples';
import { formatConfigError, problemAt, RuleFileResolver, shownPath } from '../config/ruleFileResolver';
import type { CliOptions } from './cliOptions';
import { terminalText } from './terminalText';

/**
 * `replylint test-rules [rule file]`: runs the examples of every rule the rule file (or the
 * cascade found from the current folder) defines, and of the built-in packs, as a team's CI
 * runs its own tests. A failure prints where the example is and a diff of what it says against
 * what the rule did. Exit 0 all pass, 1 an example failed, 2 a rule file has a problem.
 */
export function testRules(options: CliOptions, cwd: string, out: (text: string) => void, err: (text: string) => void): number {
  const explicit = options.testRulesConfig ?? options.config;
  const resolver = new RuleFileResolver({
    lookup: explicit === undefined && options.configLookup,
    explicitFile: explicit,
    cwd,
    keepLastGood: false,
  });
  // the configuration of a file in the rule file's own folder (or here): what the team's replies get
  const probe = join(explicit ? dirname(resolve(cwd, explicit)) : cwd, '\0test-rules');
  const resolved = resolver.resolve(probe);
  if (resolved.errors.length > 0) {
    for (const error of resolved.errors) err(`${terminalText(formatConfigError(error, cwd))}\n`);
    return 2;
  }
  const preset = resolved.effective.preset;
  let rules = 0;
  let examples = 0;
  let failed = 0;
  const lines: string[] = [];
  const report = (run: ExampleRun, where: (path: Array<string | number>) => string) => {
    rules++;
    examples += run.examples;
    if (run.failures.length === 0) {
      lines.push(`  ✓ ${run.ruleId}  ${run.examples === 0 ? 'no examples: add valid and invalid ones' : plural(run.examples, 'example')}`);
      return;
    }
    failed += run.failures.length;
    lines.push(`  ✗ ${run.ruleId}  ${run.failures.length} of ${plural(run.examples, 'example')} failed`);
    for (const failure of run.failures) {
      const [, list, index] = failure.path;
      lines.push(`    ${where(failure.path)}: ${list} example ${Number(index) + 1}: ${JSON.stringify(failure.text)}`);
      lines.push(`      - expected ${failure.expected}`);
      lines.push(`      + actual   ${failure.actual}`);
    }
  };
  for (const file of resolved.effective.ruleFiles) {
    const parsed = resolver.parsedFile(file);
    const custom: RuleDefinition[] = parsed?.data?.custom ?? [];
    if (!parsed || custom.length === 0) continue;
    const shown = terminalText(shownPath(file, cwd));
    lines.push(shown);
    custom.forEach((rule, i) => {
      report(runRuleExamples(rule, { preset }), (path) => {
        const at = problemAt(file, parsed.text, parsed.locate(['custom', i, ...path]), '');
        return `${shown}:${at.line}:${at.column}`;
      });
    });
  }
  lines.push('built-in rules');
  for (const rule of builtinRules()) report(runRuleExamples(rule), () => `shared/rules/${rule.id}.yaml`);
  lines.push('');
  lines.push(
    failed === 0
      ? `${plural(rules, 'rule')}, ${plural(examples, 'example')}: all pass`
      : `${plural(rules, 'rule')}, ${plural(examples, 'example')}: ${failed} failed`,
  );
  out(`${lines.join('\n')}\n`);
  return failed === 0 ? 0 : 1;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

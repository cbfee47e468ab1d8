import { applyEditGroups } from '../engine/edits';
import { Linter } from '../engine/linter';
import type { RuleDefinition } from '../rules/ruleDefinition';
import type { Preset } from './lintConfig';
import type { ValuePath } from './sourceTree';

/** One example that did not do what it says, with what was expected and what happened. */
export interface ExampleFailure {
  /** where the example is inside the rule: ['examples', 'invalid', 2] */
  path: ValuePath;
  text: string;
  /** what the example says, and what the rule did, in the same words, for a diff */
  expected: string;
  actual: string;
}

export interface ExampleRun {
  ruleId: string;
  examples: number;
  failures: ExampleFailure[];
}

/**
 * Runs a rule's examples - its tests and its docs. The rule is linted alone (whatever its
 * severity), so its examples speak only for it:
 * - `valid` and `guardrail` replies must not be flagged;
 * - an `invalid` reply must be flagged: exactly at `flagged` when given, and, with `output`,
 *   the first finding's fix (or first suggestion) must give that text and settle what was flagged.
 */
export function runRuleExamples(rule: RuleDefinition, options: { preset?: Preset } = {}): ExampleRun {
  const linter = new Linter({ preset: options.preset, rules: { [rule.id]: rule.severity === 'error' ? 'error' : 'warning' } }, [{ ...rule }]);
  const flaggedIn = (text: string) => linter.lint(text).findings.filter((f) => f.ruleId === rule.id);
  const failures: ExampleFailure[] = [];
  let examples = 0;
  const leftAlone = (list: unknown, name: 'valid' | 'guardrail') => {
    (Array.isArray(list) ? list : []).forEach((text: unknown, i) => {
      if (typeof text !== 'string') return;
      examples++;
      const flagged = flaggedIn(text).map((f) => text.slice(f.start, f.end));
      if (flagged.length > 0) failures.push({ path: ['examples', name, i], text, expected: 'flagged: nothing', actual: `flagged: ${quoteList(flagged)}` });
    });
  };
  leftAlone(rule.examples?.valid, 'valid');
  leftAlone(rule.examples?.guardrail, 'guardrail');
  const invalid: unknown[] = Array.isArray(rule.examples?.invalid) ? rule.examples!.invalid : [];
  invalid.forEach((example, i) => {
    const { text, flagged: expectedFlags, output } =
      typeof example === 'string' ? { text: example, flagged: undefined, output: undefined } : (example as { text: string; flagged?: string[]; output?: string });
    if (typeof text !== 'string') return;
    examples++;
    const path: ValuePath = ['examples', 'invalid', i];
    const findings = flaggedIn(text);
    const flagged = findings.map((f) => text.slice(f.start, f.end));
    if (findings.length === 0) {
      failures.push({ path, text, expected: `flagged: ${expectedFlags ? quoteList(expectedFlags) : 'something'}`, actual: 'flagged: nothing' });
      return;
    }
    if (expectedFlags && quoteList(expectedFlags) !== quoteList(flagged)) {
      failures.push({ path, text, expected: `flagged: ${quoteList(expectedFlags)}`, actual: `flagged: ${quoteList(flagged)}` });
      return;
    }
    if (output === undefined) return;
    const change = findings[0].fix ?? findings[0].suggestions[0];
    const result = change ? applyEditGroups(text, [change.edits]).text : text;
    if (result !== output) {
      failures.push({ path, text, expected: `output: ${JSON.stringify(output)}`, actual: change ? `output: ${JSON.stringify(result)}` : 'output: (no fix or suggestion offered)' });
      return;
    }
    const again = flaggedIn(result).map((f) => result.slice(f.start, f.end));
    const first = flagged[0];
    if (again.includes(first)) {
      failures.push({ path, text, expected: `after the fix, "${first}" is not flagged`, actual: `the output is flagged again: ${quoteList(again)}` });
    }
  });
  return { ruleId: rule.id, examples, failures };
}

function quoteList(items: string[]): string {
  return `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
}

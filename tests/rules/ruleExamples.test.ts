import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEditGroups, builtinRules, Linter, type Finding } from '../../shared/index';
import { BUILTIN_RULE_FILES } from '../../shared/rules/builtinRules';

/**
 * Every rule carries its examples; this runs them. Each rule is linted alone, so a
 * rule's examples speak only for that rule.
 */
const rulesFolder = join(__dirname, '../../shared/rules');

function findingsOf(ruleId: string, text: string): Finding[] {
  const definition = builtinRules().find((rule) => rule.id === ruleId)!;
  // An opt-in rule speaks for itself under the preset that turns it on.
  return new Linter({ preset: definition.preset === 'strict' ? 'strict' : undefined }, [definition]).lint(text).findings;
}

describe('rule registry', () => {
  it('lists every rule data file in shared/rules', () => {
    const files = readdirSync(rulesFolder).filter((file) => file.endsWith('.yaml'));
    expect(Object.keys(BUILTIN_RULE_FILES).sort(), 'add the file to BUILTIN_RULE_FILES in builtinRules.ts').toEqual(
      files.sort(),
    );
  });

  it.each(builtinRules().map((rule) => [rule.id]))('%s has docs, a summary, a rationale and examples', (id) => {
    const rule = builtinRules().find((candidate) => candidate.id === id)!;
    const docs = readdirSync(rulesFolder);
    expect(docs, `write shared/rules/${id}.md`).toContain(`${id}.md`);
    expect(rule.summary, 'add a one-line "summary"').toBeTruthy();
    expect(rule.rationale, 'add a "rationale": the principle, in our words').toBeTruthy();
    expect(rule.examples?.valid.length, 'add at least one valid example').toBeGreaterThan(0);
    expect(rule.examples?.invalid.length, 'add at least one invalid example').toBeGreaterThan(0);
    expect(rule.examples?.guardrail?.length, 'add at least one guardrail example').toBeGreaterThan(0);
  });
});

for (const rule of builtinRules()) {
  describe(rule.id, () => {
    const examples = rule.examples!;
    it.each(examples.valid.map((text) => [text]))('leaves alone: %s', (text) => {
      expect(findingsOf(rule.id, text).map((finding) => text.slice(finding.start, finding.end))).toEqual([]);
    });

    it.each((examples.guardrail ?? []).map((text) => [text]))('guardrail, leaves alone: %s', (text) => {
      expect(findingsOf(rule.id, text).map((finding) => text.slice(finding.start, finding.end))).toEqual([]);
    });

    it.each(examples.invalid.map((example) => [example.text, example]))('flags: %s', (_title, example) => {
      const findings = findingsOf(rule.id, example.text);
      expect(findings.map((finding) => example.text.slice(finding.start, finding.end))).toEqual(example.flagged);
      if (example.output === undefined) return;
      const first = findings[0];
      const change = first.fix ?? first.suggestions[0];
      expect(change, 'the first finding offers no fix or suggestion to produce "output"').toBeDefined();
      const output = applyEditGroups(example.text, [change!.edits]).text;
      expect(output).toEqual(example.output);
      // The rewrite must settle what was flagged, not trade it for the same problem.
      const again = findingsOf(rule.id, output).map((finding) => output.slice(finding.start, finding.end));
      expect(again).not.toContain(example.text.slice(first.start, first.end));
    });
  });
}

describe('our own words pass our own rules', () => {
  const linter = new Linter();
  const toneRules = new Set(['no-scripted-phrase', 'no-blame', 'no-defensive']);
  for (const rule of builtinRules()) {
    const texts = [
      rule.message.replace(/\{match\}/g, 'x'),
      ...(rule.insert ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.text)),
      ...(rule.phrases ?? []).flatMap((phrase) => (typeof phrase === 'string' ? [] : phrase.suggest ?? [])),
    ].filter((text) => text !== '' && !text.includes('{'));
    it.each(texts.map((text) => [text]))(`${rule.id}: %s`, (text) => {
      const tone = linter.lint(text).findings.filter((finding) => toneRules.has(finding.ruleId));
      expect(tone.map((finding) => `${finding.ruleId}: ${text.slice(finding.start, finding.end)}`)).toEqual([]);
    });
  }
});

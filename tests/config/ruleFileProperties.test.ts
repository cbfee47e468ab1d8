// A rule file is untrusted text: whatever it holds, reading it never throws, and every problem
// points at characters of that text (a position an editor can show).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRuleFile } from '../../shared/config/ruleFile';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Pieces of real rule files, so the fuzz reaches past the syntax into the checks of meaning. */
const PIECES = [
  'root: true\n', 'extends: [recommended, ../team.replylint.yaml]\n', 'rules:\n', '  no-blame: off\n', '  no-blam: error\n',
  '  require-thanks: { severity: warning, options: { max: 2 } }\n', 'custom:\n', '  - id: acme/x\n', '    kind: pattern\n',
  '    kind: substitute\n', '    message: "{match}"\n', '    pattern: "(a+)+$"\n', '    pattern: "(?<=a)b"\n', '    swap: { kindly: please }\n',
  '    phrases: ["a (b", "sorry"]\n', '    max: -1\n', 'accept: [RMA, 😀]\n', 'overrides:\n', '  - files: ["macros/{x"]\n',
  '    channel: social\n', 'ignorePatterns: ["../x", "/abs"]\n', '&a [*a, *a]\n', '{ "rules": { "no-blame": "off", ', '"x": [1, ', '}\n',
  '\t', '\r\n', ':', '- ', '"', "'", '[', ']', '{', '}', '\\', '\u2028', '\uFEFF', '\uD83D',
];

describe('reading a rule file', () => {
  it.each(['.replylint.yaml', '.replylint.json'])('never throws, and every problem is inside the text (%s)', (name) => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const parsed = parseRuleFile(name, text);
        for (const problem of parsed.problems) {
          expect(problem.start).toBeGreaterThanOrEqual(0);
          expect(problem.end).toBeGreaterThanOrEqual(problem.start);
          expect(problem.end).toBeLessThanOrEqual(text.length);
          expect(problem.message.length).toBeGreaterThan(0);
        }
        // nothing of a file with problems is used
        if (parsed.problems.length > 0) expect(parsed.data).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('reads a deeply nested file as a problem, not a crash', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const text of ['['.repeat(100_000), `${'- '.repeat(20_000)}x`, `a: ${'{'.repeat(50_000)}`, deep]) {
      expect(parseRuleFile('.replylint.yaml', text).problems.length).toBeGreaterThan(0);
    }
    for (const text of [deep, `{"rules": ${'{"a": '.repeat(50_000)}1${'}'.repeat(50_000)}}`]) {
      expect(parseRuleFile('.replylint.json', text).problems.length).toBeGreaterThan(0);
    }
  });
});

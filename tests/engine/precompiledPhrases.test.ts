import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPatterns, Linter } from '../../shared/engine/linter';
import { PhraseAutomaton } from '../../shared/matching/phraseAutomaton';
import { CompiledPhrases } from '../../shared/matching/phraseNfa';
import { tokenize } from '../../shared/matching/tokenize';
import { builtinRules, segmentReply } from '../../shared/index';

const examples = readdirSync(join(__dirname, '../../examples')).map((file) => readFileSync(join(__dirname, '../../examples', file), 'utf8'));
const ruleTexts = builtinRules().flatMap((rule) => [
  ...(rule.examples?.valid ?? []),
  ...(rule.examples?.invalid ?? []).map((example) => example.text),
  ...(rule.examples?.guardrail ?? []),
]);

function spans(automaton: PhraseAutomaton<number>, text: string): string[] {
  const reply = segmentReply(text);
  return automaton.findAll(tokenize(reply.masked, reply.prose)).map((m) => `${m.owner}:${m.start}-${m.end}`);
}

describe('the built-in phrases compiled at build time', () => {
  const patterns = builtinPatterns();
  const compiled = CompiledPhrases.compile(patterns);
  const loaded = CompiledPhrases.deserialize(JSON.parse(JSON.stringify(compiled.serialize())), patterns);
  const specs = patterns.map((pattern, owner) => ({ pattern, owner }));

  it('find exactly what the phrases compiled in the process find, in the same order', () => {
    const fresh = new PhraseAutomaton(specs, compiled);
    const shipped = new PhraseAutomaton(specs, loaded);
    let matched = 0;
    for (const text of [...examples, ...ruleTexts]) {
      const expected = spans(fresh, text);
      matched += expected.length;
      expect(spans(shipped, text)).toEqual(expected);
    }
    expect(matched).toBeGreaterThan(100);
  });

  it('take a team’s own phrases on top, misspelt long words included', () => {
    const team = [...specs, { pattern: 'acme box', owner: -1 }, { pattern: 'subscription renewal', owner: -2 }];
    const automaton = new PhraseAutomaton(team, loaded);
    expect(spans(automaton, 'Your Acme Box subscripton renewal is due.').filter((span) => span.startsWith('-'))).toEqual([
      '-1:5-13',
      '-2:14-33',
    ]);
  });

  it('are refused when the rule packs no longer match them, rather than read wrong', () => {
    expect(() => CompiledPhrases.deserialize(compiled.serialize(), patterns.slice(1))).toThrow(/rebuild/);
  });

  it('still report a team phrase that cannot be read, with the phrase', () => {
    expect(
      () => new Linter({ custom: [{ id: 'acme/bad', kind: 'phrase', message: 'm', phrases: ['<per our> policy <again>'] }] }),
    ).toThrow(/exactly one "<"/);
    expect(() => new Linter({ custom: [{ id: 'acme/bad', kind: 'phrase', message: 'm', phrases: ['per our <...> policy'] }] })).toThrow(
      /in "\.\.\."/,
    );
  });
});

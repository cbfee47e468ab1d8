import { describe, expect, it } from 'vitest';
import { PhraseAutomaton } from '../../shared/matching/phraseAutomaton';
import { PatternSyntaxError, parsePattern } from '../../shared/matching/phrasePattern';
import { tokenize } from '../../shared/matching/tokenize';
import { segmentReply } from '../../shared/index';

function find(patterns: string[], text: string): string[] {
  const automaton = new PhraseAutomaton(patterns.map((pattern, owner) => ({ pattern, owner })));
  const reply = segmentReply(text);
  return automaton.findAll(tokenize(reply.masked, reply.prose)).map((match) => text.slice(match.start, match.end));
}

describe('phrase matching generalises past fixed strings', () => {
  it('folds case, curly apostrophes, contractions and spelling variants', () => {
    expect(find(['we are sorry'], 'WE’RE sorry')).toEqual(['WE’RE sorry']);
    expect(find(["we're sorry"], 'we are sorry')).toEqual(['we are sorry']);
    expect(find(['do not hesitate'], 'dont hesitate')).toEqual(['dont hesitate']);
    expect(find(['apologize'], 'We apologise.')).toEqual(['apologise']);
  });

  it('folds dropped apostrophes and spoken forms that replies really use', () => {
    expect(find(['you should have *ed'], 'u shoulda checked the chart')).toEqual(['u shoulda checked']);
    expect(find(['you should have *ed'], 'you shouldve checked')).toEqual(['you shouldve checked']);
    expect(find(['it is not our fault'], 'its not our fault')).toEqual(['its not our fault']);
    expect(find(['we apologize for'], 'we apolgize for')).toEqual(['we apolgize for']);
    // a possessive "its" becomes "it is" too, which no phrase continues with a noun
    expect(find(['thanks to (the|its)'], 'thanks to its new engine')).toEqual(['thanks to its']);
  });

  it('reads a long misspelt word as the phrase word one or two edits away, never a short one', () => {
    expect(find(['any inconvenience'], 'sorry for any inconvenince')).toEqual(['any inconvenince']);
    expect(find(['any inconvenience'], 'sorry for any inconvenenice')).toEqual(['any inconvenenice']);
    expect(find(['your fault'], 'your vault')).toEqual([]);
  });

  it('supports prefixes, suffixes, alternatives, optional words and gaps', () => {
    expect(find(['apologi* for'], 'we apologized for')).toEqual(['apologized for']);
    expect(find(['you should have *ed'], 'you should have cleared it')).toEqual(['you should have cleared']);
    expect(find(['(we|i) regret'], 'I regret')).toEqual(['I regret']);
    expect(find(['sorry for [the|any] delay'], 'sorry for delay')).toEqual(['sorry for delay']);
    expect(find(['take ... seriously'], 'we take your privacy very seriously')).toEqual(['take your privacy very seriously']);
    expect(find(['take ... seriously'], 'we take one two three four seriously')).toEqual([]);
  });

  it('skips filler adverbs inside a formula but not before it', () => {
    expect(find(['we apologize'], 'we sincerely apologize')).toEqual(['we sincerely apologize']);
    expect(find(['apologize'], 'sincerely apologize')).toEqual(['apologize']);
  });

  it('narrows the flagged words with < >, keeping the rest as context', () => {
    expect(find(['<per our policy> ... cannot'], 'Per our policy, we cannot')).toEqual(['Per our policy']);
    expect(find(['<per our policy> ... cannot'], 'Per our policy, we can.')).toEqual([]);
    expect(find(['<per our (terms|terms of service)> ... no'], 'Per our terms of service, no refunds.')).toEqual([
      'Per our terms of service',
    ]);
    expect(find(['(as|if) <(you|you were) [told]> ... that'], 'As you were told, that is final.')).toEqual(['you were told']);
  });

  it('never matches across a sentence end, a blank line, a placeholder or quoted history', () => {
    expect(find(['sorry for the'], 'I am sorry. For the record')).toEqual([]);
    expect(find(['thank you'], 'thank\n\nyou')).toEqual([]);
    expect(find(['thank you'], 'thank\nyou')).toEqual(['thank\nyou']);
    expect(find(['thank you'], 'thank\r\nyou')).toEqual(['thank\r\nyou']);
    expect(find(['thank you'], 'thank\r\n\r\nyou')).toEqual([]);
    expect(find(['thank you'], 'thank\r\ryou')).toEqual([]);
    expect(find(['hi there'], 'hi {{name}} there')).toEqual([]);
    expect(find(['thanks'], '> thanks')).toEqual([]);
  });

  it('costs the same per word whatever the number of phrases: one root lookup', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `word${i} filler phrase`);
    const automaton = new PhraseAutomaton([...many, 'needle'].map((pattern, owner) => ({ pattern, owner })));
    const reply = segmentReply('a needle in a haystack');
    expect(automaton.size).toBe(5001);
    expect(automaton.findAll(tokenize(reply.masked, reply.prose)).map((m) => m.owner)).toEqual([5000]);
  });

  it('rejects bad phrase syntax with the offset of the problem', () => {
    expect(() => parsePattern('(we|i apologize')).toThrow(PatternSyntaxError);
    expect(() => parsePattern('we apologize?')).toThrow(/optional/);
    expect(() => parsePattern('... caused')).toThrow(/between words/);
    try {
      parsePattern('sorry (for|');
    } catch (error) {
      expect((error as PatternSyntaxError).offset).toBe(6);
    }
  });
});

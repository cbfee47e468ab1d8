import { describe, expect, it } from 'vitest';
import { checkRuleDefinition, Linter, type RuleDefinition } from '../../shared';

const flagged = (rule: RuleDefinition, text: string, preset?: 'recommended' | 'strict') =>
  new Linter({ preset }, [rule]).lint(text).findings.map((finding) => text.slice(finding.start, finding.end));

const promise: RuleDefinition = {
  id: 'acme/follow-up',
  kind: 'phrase',
  message: '“{match}” says no when.',
  define: { we: '(we|i|our team)', will: '(will|ll|shall)', 'get-back': '(get back|reply) [to you]' },
  phrases: [
    {
      match: '{we} {will} {get-back}',
      unless: { sentence: ['(by|before) (noon|friday|tomorrow)', 'within (a|an|one|two) (hour*|day*)'] },
    },
    { match: 'hope you understand', when: { reply: ['(we|i) (cannot|can not|are unable to)'] } },
    { match: 'at this time', strict: true },
  ],
};

describe('rule data: defines, context and strict entries', () => {
  it('spells out {name} definitions inside patterns', () => {
    expect(flagged(promise, 'Our team will get back to you.')).toEqual(['Our team will get back to you']);
    expect(flagged(promise, "I'll reply soon.")).toEqual(["I'll reply"]);
  });

  it('drops a match when its sentence holds an unless phrase, but not when another sentence does', () => {
    expect(flagged(promise, "We'll get back to you by noon.")).toEqual([]);
    expect(flagged(promise, "We'll get back to you within two days!")).toEqual([]);
    expect(flagged(promise, "We'll get back to you. By noon the shop closes.")).toEqual(["We'll get back to you"]);
  });

  it('keeps a match only when the reply holds its when phrase', () => {
    expect(flagged(promise, 'We cannot refund a used ticket. We hope you understand.')).toEqual(['hope you understand']);
    expect(flagged(promise, 'The refund is on its way. We hope you understand the delay.')).toEqual([]);
  });

  it('flags strict entries only under the strict preset', () => {
    expect(flagged(promise, 'Nothing is planned at this time.')).toEqual([]);
    expect(flagged(promise, 'Nothing is planned at this time.', 'strict')).toEqual(['at this time']);
  });

  it('matches *word* inside a word, for scripts written without spaces', () => {
    const japanese: RuleDefinition = { id: 'acme/ja', kind: 'phrase', message: 'x', phrases: ['*ご不便*'] };
    expect(flagged(japanese, '大変ご不便をおかけしております。')).toEqual(['大変ご不便をおかけしております']);
  });

  it('reads a lone * as exactly one word of anything', () => {
    const reminder: RuleDefinition = { id: 'acme/as-said', kind: 'phrase', message: 'x', phrases: ['as * [had] mentioned'] };
    expect(flagged(reminder, 'As Julie had mentioned, the lounge is closed.')).toEqual(['As Julie had mentioned']);
    expect(flagged(reminder, 'As mentioned, the lounge is closed.')).toEqual([]);
  });

  it('reports an undefined name and a malformed context with where they are', () => {
    expect(() => new Linter({}, [{ ...promise, phrases: ['{they} will call'] }])).toThrow(/"\{they\}" is not defined; the rule defines \{we\}/);
    const problems = checkRuleDefinition({ ...promise, phrases: [{ match: 'x', unless: { paragraph: ['y'] } }] });
    expect(problems).toEqual([{ path: ['phrases', 0, 'unless', 'paragraph'], message: '"unless" has "sentence" and "reply", not "paragraph"' }]);
  });
});

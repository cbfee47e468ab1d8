// Front matter is settings, read with limits; what cannot be read is reported and the prose is still linted.
import { describe, expect, it } from 'vitest';
import { lint, LineIndex, MAX_FRONT_MATTER_LENGTH, NO_RULE_ID, segmentReply } from '../../shared/index';

const PROSE = 'As I already said, the refund takes 5 days.\n';

/** Each level repeats the one before ten times: expanding `d` means 10,000 values from a few lines. */
const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
].join('\n');

const withFrontMatter = (yaml: string) => `---\n${yaml}\n---\n${PROSE}`;
const ruleIds = (text: string) => lint(text).findings.map((finding) => finding.ruleId);

function positionOf(text: string, offset: number): string {
  const { line, character } = new LineIndex(text).positionAt(offset);
  return `${line + 1}:${character + 1}`;
}

describe('front matter', () => {
  it('reads the keys Replylint uses and leaves the prose to the rules', () => {
    const text = withFrontMatter('channel: email\nplatform: zendesk\ntags: [refund, vip]\ninternal: { any: thing }');
    expect(segmentReply(text).frontMatter?.data).toEqual({ channel: 'email', platform: 'zendesk', tags: ['refund', 'vip'] });
    expect(ruleIds(text)).toEqual(['no-defensive', 'require-thanks']);
  });

  it('never expands an alias bomb under a key it does not read, and still lints the prose', () => {
    const text = withFrontMatter(`${ALIAS_BOMB}\nchannel: email`);
    expect(segmentReply(text).frontMatter).toMatchObject({ data: { channel: 'email' }, problems: [] });
    expect(ruleIds(text)).toEqual(['no-defensive', 'require-thanks']);
  });

  it('reports an alias bomb under a key it reads as a finding at that value, and lints the prose', () => {
    const text = withFrontMatter(`${ALIAS_BOMB}\ntags: [*d, *d]`);
    const [problem, ...rest] = lint(text).findings;
    expect(problem).toMatchObject({ ruleId: NO_RULE_ID, severity: 'error', suggestions: [] });
    expect(problem.message).toMatch(/^Front matter “tags” could not be read/);
    expect(text.slice(problem.start, problem.end)).toBe('[*d, *d]');
    expect(rest.map((finding) => finding.ruleId)).toEqual(['no-defensive', 'require-thanks']);
  });

  it('reports YAML that does not parse at its line and column', () => {
    const text = withFrontMatter('channel: email\nplatform: [zendesk\ntitle: x');
    const [problem, ...rest] = lint(text).findings;
    expect(problem).toMatchObject({ ruleId: NO_RULE_ID, severity: 'error' });
    expect(problem.message).toMatch(/^Front matter is not valid YAML: /);
    expect(positionOf(text, problem.start)).toMatch(/^[2-4]:/);
    expect(rest.map((finding) => finding.ruleId)).toEqual(['no-defensive', 'require-thanks']);
  });

  it('reports a duplicated key, and front matter that is not keys and values', () => {
    expect(lint(withFrontMatter('channel: email\nchannel: sms')).findings[0].message).toMatch(/not valid YAML/);
    const list = lint(withFrontMatter('- email\n- sms')).findings[0];
    expect(list).toMatchObject({ ruleId: NO_RULE_ID, message: 'Front matter must be keys and values, such as “channel: email”.' });
  });

  it('does not parse front matter past the size limit, says so on the opening line, and lints the prose', () => {
    const line = 'padding: this line only makes the front matter long\n';
    const text = withFrontMatter(line.repeat(Math.ceil((MAX_FRONT_MATTER_LENGTH + 1) / line.length)).trimEnd());
    const [problem, ...rest] = lint(text).findings;
    expect(problem).toMatchObject({ ruleId: NO_RULE_ID, severity: 'error', start: 0, end: 3 });
    expect(problem.message).toMatch(/reads at most 64 KB/);
    expect(rest.map((finding) => finding.ruleId)).toEqual(['no-defensive', 'require-thanks']);
  });

  it('costs the same per lint however often the same front matter is linted', () => {
    // Under the limit, many keys: the one parse is cached by its source, so linting again does not parse again.
    const yaml = Array.from({ length: 2000 }, (_, i) => `key${i}: value ${i}`).join('\n');
    const text = withFrontMatter(yaml);
    const first = segmentReply(text).frontMatter;
    const again = segmentReply(`${text}More words.\n`).frontMatter;
    expect(again?.data).toBe(first?.data);
  });

  it('finds no front matter without a closing line, and keeps an empty one quiet', () => {
    expect(segmentReply(`---\nchannel: email\n${PROSE}`).frontMatter).toBeUndefined();
    expect(lint(`---\n---\n${PROSE}`).findings.map((finding) => finding.ruleId)).toEqual(['no-defensive', 'require-thanks']);
  });
});

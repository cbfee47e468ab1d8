import { describe, expect, it } from 'vitest';
import { applyEditGroups, Linter, lint } from '../../shared/index';

const MUST_SHOW = 'As I already said, you should have cleared your cache. We apologize for any inconvenience.';

describe('Linter', () => {
  it('finds blame, defensiveness, scripted phrasing and missing thanks at exact ranges', () => {
    const findings = lint(MUST_SHOW).findings.map((f) => [f.ruleId, MUST_SHOW.slice(f.start, f.end), f.severity]);
    expect(findings).toEqual([
      ['no-defensive', 'As I already said', 'warning'],
      ['require-thanks', 'As I already said, you should have cleared your cache.', 'warning'],
      ['no-blame', 'you should have cleared', 'error'],
      ['no-scripted-phrase', 'We apologize for any inconvenience', 'warning'],
    ]);
  });

  it('turns rules off or changes their severity from configuration', () => {
    const findings = lint(MUST_SHOW, { config: { rules: { 'require-thanks': 'off', 'no-blame': 'warning' } } }).findings;
    expect(findings.map((f) => f.ruleId)).not.toContain('require-thanks');
    expect(findings.find((f) => f.ruleId === 'no-blame')?.severity).toBe('warning');
  });

  it('runs a team’s own substitute rule as a safe fix, and fix-all is idempotent', () => {
    const linter = new Linter({
      custom: [{ id: 'acme/no-kindly', kind: 'substitute', message: '“{match}” sounds stiff; say “please”.', swap: { kindly: 'please' } }],
    });
    const text = 'Thanks! Kindly restart it, then kindly log in.';
    const finding = linter.lint(text).findings.find((f) => f.ruleId === 'acme/no-kindly')!;
    expect(finding.message).toBe('“Kindly” sounds stiff; say “please”.');
    const fixed = linter.fixAll(text);
    expect(fixed).toEqual({ text: 'Thanks! Please restart it, then please log in.', fixed: 2 });
    expect(linter.fixAll(fixed.text)).toEqual({ text: fixed.text, fixed: 0 });
  });

  it('never flags accepted vocabulary', () => {
    const text = 'Thanks! Rest assured is the name of our plan.';
    expect(lint(text, { config: { accept: ['Rest assured'] } }).findings).toEqual([]);
  });

  it('does not require thanks in an empty reply or one that is only quoted history', () => {
    expect(lint('').findings).toEqual([]);
    expect(lint('   \n\n').findings).toEqual([]);
    expect(lint('> thanks for nothing').findings).toEqual([]);
  });

  it('inserts the thanks after the greeting, capitalising what follows on the same line', () => {
    const text = 'Hi Sam, the export works now.';
    const finding = lint(text).findings.find((f) => f.ruleId === 'require-thanks')!;
    expect(text.slice(finding.start, finding.end)).toBe('Hi Sam,');
    const [edit] = finding.suggestions[0].edits;
    expect(text.slice(0, edit.start) + edit.text + text.slice(edit.end)).toBe(
      'Hi Sam, thanks for writing in. The export works now.',
    );
  });

  it('thanks them for what the reply is about first: their report, their screenshots, their wait', () => {
    const offered = (text: string) =>
      lint(text).findings.find((f) => f.ruleId === 'require-thanks')!.suggestions.map((s) => s.title);
    expect(offered('Hi Sam, the crash you hit is fixed in 2.1.')).toEqual(['Add “Thanks for reporting this.”', 'Add “Thanks for writing in.”']);
    expect(offered('Hi Sam, your screenshots show the old version.')[0]).toBe('Add “Thanks for the screenshots.”');
    expect(offered('Sorry for the delay, Sam: the refund left today.')[0]).toBe('Add “Thanks for bearing with us.”');
  });

  it('lints a 1 MB reply without error', () => {
    const big = 'Thanks! We apologize for any inconvenience. '.repeat(25_000);
    const findings = lint(big).findings;
    expect(findings.filter((f) => f.ruleId === 'no-scripted-phrase')).toHaveLength(25_000);
  });
});

describe('removing flagged words leaves tidy text', () => {
  const removeFirst = (text: string, ruleId: string) => {
    const finding = lint(text).findings.find((f) => f.ruleId === ruleId)!;
    const removal = finding.suggestions.find((s) => s.title.startsWith('Remove'))!;
    return applyEditGroups(text, [removal.edits]).text;
  };

  it('takes the full stop and the space before when the sentence ends the line', () => {
    expect(removeFirst('Thanks! You were charged twice. We apologize for any inconvenience.\r\nLee', 'no-scripted-phrase')).toBe(
      'Thanks! You were charged twice.\r\nLee',
    );
  });

  it('takes the comma before a clause that ended its sentence', () => {
    expect(removeFirst('Fares are non-refundable, which you accepted at checkout. I can offer a voucher.', 'no-blame')).toBe(
      'Fares are non-refundable. I can offer a voucher.',
    );
  });

  it('capitalises what follows a removed opener', () => {
    expect(removeFirst('Thanks! As I already said, the refund takes 5 days.', 'no-defensive')).toBe(
      'Thanks! The refund takes 5 days.',
    );
  });
});

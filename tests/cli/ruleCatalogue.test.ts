// The whole rule catalogue through the CLI: the listing, presets, and the rules that read the
// reply's front matter (platform, channel) to decide what is wrong and how to fix it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson, runReplylint } from './cliProcess';

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

/** The rule ids of BRIEF §2, which tools and team rule files depend on. */
const BRIEF_RULE_IDS = [
  'no-scripted-phrase', 'no-blame', 'no-defensive', 'require-thanks', 'no-vague-commitment', 'no-buck-passing',
  'no-dead-end', 'no-impersonal-greeting', 'no-condescension', 'no-push-selling', 'limit-apologies',
  'valid-placeholders', 'limit-length',
];

/** 1-based line and column of `needle` in `text`, and of its end, as ESLint's JSON gives them. */
function rangeOf(text: string, needle: string) {
  const start = text.indexOf(needle);
  expect(start, `“${needle}” is in the fixture`).toBeGreaterThanOrEqual(0);
  const at = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const [from, to] = [at(start), at(start + needle.length)];
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

describe('--list-rules', () => {
  it('lists the 13 rules of the brief, each with its severity, preset and summary', () => {
    const folder = makeFolder();
    const { status, stdout } = runReplylint(['--list-rules'], { cwd: folder });
    expect(status).toBe(0);
    const rows = stdout.trim().split('\n').slice(1);
    expect(rows.map((row) => row.split(/\s+/)[0]).sort()).toEqual([...BRIEF_RULE_IDS].sort());
    for (const row of rows) expect(row).toMatch(/^[a-z-]+ +(?:info|warning|error) +(?:recommended|strict) +(?:-|fix|suggestions|fix, suggestions) +Flags \S/);
    expect(stdout).toMatch(/^no-push-selling +warning +strict +- +Flags an upsell/m);
    expect(stdout).toMatch(/^valid-placeholders +error +recommended +fix +Flags placeholders/m);
    expect(stdout).toMatch(/^no-impersonal-greeting +warning +recommended +fix +Flags greetings/m);
  });

  it('gives the same, as data, with --format json', () => {
    const folder = makeFolder();
    const { status, stdout } = runReplylint(['--list-rules', '--format', 'json'], { cwd: folder });
    expect(status).toBe(0);
    const listed = JSON.parse(stdout) as Array<{ id: string; severity: string; preset: string; summary: string }>;
    expect(listed).toHaveLength(13);
    expect(listed.find((rule) => rule.id === 'limit-length')).toMatchObject({ severity: 'error', preset: 'recommended', fixable: false });
  });
});

describe('--preset', () => {
  const UPSELL = 'Thanks, Jo. The charger ships today. Why not upgrade to our premium plan?\n';

  it('leaves the opt-in rules off under recommended, the default', () => {
    const folder = makeFolder({ 'upsell.reply': UPSELL });
    const { status, results } = runJson(['upsell.reply'], { cwd: folder });
    expect(status).toBe(0);
    expect(results[0].messages).toEqual([]);
  });

  it('turns them on with strict', () => {
    const folder = makeFolder({ 'upsell.reply': UPSELL });
    const { results } = runJson(['--preset', 'strict', 'upsell.reply'], { cwd: folder });
    expect(results[0].messages.map((message) => [message.ruleId, UPSELL.slice(message.column - 1, message.endColumn - 1)])).toEqual([
      ['no-push-selling', 'Why not upgrade to our premium plan'],
    ]);
  });

  it('a severity named with --rule turns an opt-in rule on under recommended too', () => {
    const folder = makeFolder({ 'upsell.reply': UPSELL });
    const { results } = runJson(['--rule', 'no-push-selling: error', 'upsell.reply'], { cwd: folder });
    expect(results[0].messages.map((message) => [message.ruleId, message.severity])).toEqual([['no-push-selling', 2]]);
  });

  it('refuses a preset that does not exist', () => {
    const folder = makeFolder();
    const { status, stderr } = runReplylint(['--preset', 'loose', '.'], { cwd: folder });
    expect(status).toBe(2);
    expect(stderr).toContain('unknown --preset "loose"; use one of recommended, strict');
  });
});

describe('valid-placeholders reads the platform from the front matter', () => {
  const REPLY = [
    '---',
    'platform: zendesk',
    '---',
    'Hi {%customer.firstName%}, thanks for the photos.',
    'I have refunded the order for [Customer Name] today.',
    '',
  ].join('\n');

  it('flags a Help Scout placeholder and a leftover blank in a Zendesk reply, at their exact ranges', () => {
    const folder = makeFolder({ 'refund.reply': REPLY });
    const { status, results } = runJson(['refund.reply'], { cwd: folder });
    expect(status).toBe(1);
    const findings = results[0].messages.filter((message) => message.ruleId === 'valid-placeholders');
    expect(findings.map(({ line, column, endLine, endColumn, severity }) => ({ line, column, endLine, endColumn, severity }))).toEqual([
      { ...rangeOf(REPLY, '{%customer.firstName%}'), severity: 2 },
      { ...rangeOf(REPLY, '[Customer Name]'), severity: 2 },
    ]);
    expect(findings[0].message).toMatch(/Help Scout way; Zendesk fills in only \{\{…\}\} placeholders/);
  });

  it('--fix puts in the Zendesk name placeholder for both', () => {
    const folder = makeFolder({ 'refund.reply': REPLY });
    runReplylint(['--fix', 'refund.reply'], { cwd: folder });
    expect(readFileSync(join(folder, 'refund.reply'), 'utf8')).toBe(
      REPLY.replace('{%customer.firstName%}', '{{ticket.requester.first_name}}').replace('[Customer Name]', '{{ticket.requester.first_name}}'),
    );
  });

  it('the same placeholder is right in a Help Scout reply once it has its fallback', () => {
    const reply = '---\nplatform: helpscout\n---\nHi {%customer.firstName,fallback=there%}, thanks for the photos.\n';
    const folder = makeFolder({ 'refund.reply': reply });
    const { results } = runJson(['refund.reply'], { cwd: folder });
    expect(results[0].messages.filter((message) => message.ruleId === 'valid-placeholders')).toEqual([]);
  });
});

describe('no-impersonal-greeting', () => {
  it('fixes "Dear valued customer," to a greeting with the Zendesk name placeholder', () => {
    const reply = '---\nplatform: zendesk\n---\nDear valued customer,\nthanks for the photos; the refund went out today.\n';
    const folder = makeFolder({ 'greeting.reply': reply });
    const linted = runJson(['greeting.reply'], { cwd: folder }).results[0];
    const finding = linted.messages.find((message) => message.ruleId === 'no-impersonal-greeting');
    expect(finding).toMatchObject(rangeOf(reply, 'Dear valued customer'));
    const { results } = runJson(['--fix-dry-run', 'greeting.reply'], { cwd: folder });
    expect(results[0].output).toBe(reply.replace('Dear valued customer', 'Hi {{ticket.requester.first_name}}'));
  });

  it('fixes to "Hi there" when the reply names no help desk', () => {
    const reply = 'Dear valued customer,\nthanks for the photos; the refund went out today.\n';
    const folder = makeFolder({ 'greeting.reply': reply });
    const { results } = runJson(['--fix-dry-run', 'greeting.reply'], { cwd: folder });
    expect(results[0].output).toBe(reply.replace('Dear valued customer', 'Hi there'));
  });
});

describe('limit-length reads the channel from the front matter', () => {
  const body = `Thanks for the photos, Sam. ${'The replacement ships today and arrives by Friday. '.repeat(6)}`.slice(0, 300);
  const reply = (channel: string) => `---\nchannel: ${channel}\n---\n${body}\n`;

  it('flags a 300-character social reply, marking the 20 characters past 280', () => {
    expect(body).toHaveLength(300);
    const folder = makeFolder({ 'long.reply': reply('social') });
    const { status, results } = runJson(['long.reply'], { cwd: folder });
    expect(status).toBe(1);
    const findings = results[0].messages.filter((message) => message.ruleId === 'limit-length');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 2, line: 4, column: 281, endLine: 4, endColumn: 301 });
    expect(findings[0].message).toBe('This reply is 300 characters; on social a reply holds 280. Cut 20: the part past the limit is marked.');
  });

  it('counts a text message as phones send it: 70 characters once one is outside the SMS alphabet', () => {
    const sms = '---\nchannel: sms\n---\nThanks Sam 😊 your table for four is booked for Friday at 7 pm. Reply here to move it.\n';
    const folder = makeFolder({ 'table.reply': sms, 'plain.reply': sms.replace(' 😊', ',') });
    const { results } = runJson(['table.reply', 'plain.reply'], { cwd: folder });
    const [withEmoji, plain] = ['table.reply', 'plain.reply'].map((name) => results.find((r) => r.filePath.endsWith(name))!.messages.filter((m) => m.ruleId === 'limit-length'));
    expect(withEmoji.map((m) => m.message)).toEqual([
      'This reply is 86 characters; on sms a reply holds 70 because “😊” is not in the SMS alphabet. Cut 16: the part past the limit is marked.',
    ]);
    expect(plain).toEqual([]);
  });

  it('leaves the same reply alone as an email', () => {
    const folder = makeFolder({ 'long.reply': reply('email') });
    const { results } = runJson(['long.reply'], { cwd: folder });
    expect(results[0].messages.filter((message) => message.ruleId === 'limit-length')).toEqual([]);
  });
});

describe('a rule file gives the context and the options', () => {
  const APOLOGETIC = 'Sorry the parcel is late, Sam. Sorry again! It ships today, sorry for the wait.\n';

  it('options.max of limit-apologies allows that many apologies before flagging', () => {
    const folder = makeFolder({
      '.replylint.yaml': 'root: true\nrules:\n  limit-apologies: { severity: warning, options: { max: 2 } }\n',
      'late.reply': APOLOGETIC,
    });
    const { results } = runJson(['late.reply'], { cwd: folder });
    const flagged = results[0].messages.filter((m) => m.ruleId === 'limit-apologies').map((m) => APOLOGETIC.slice(m.column - 1, m.endColumn - 1));
    expect(flagged).toEqual(['sorry']);
    const byDefault = runJson(['late.reply', '--no-config-lookup'], { cwd: folder }).results[0];
    expect(byDefault.messages.filter((m) => m.ruleId === 'limit-apologies').map((m) => APOLOGETIC.slice(m.column - 1, m.endColumn - 1))).toEqual(['Sorry', 'sorry']);
  });

  it('platform and a channel per folder reach the rules; a reply\'s own front matter still wins', () => {
    const text = `Hi [Customer Name], ${'your parcel left the warehouse today. '.repeat(8)}`.trimEnd();
    const folder = makeFolder({
      '.replylint.yaml': 'root: true\nplatform: zendesk\noverrides:\n  - files: ["social/**"]\n    channel: social\n',
      'social/late.reply': `${text}\n`,
      'email/late.reply': `${text}\n`,
      'social/as-email.reply': `---\nchannel: email\n---\n${text}\n`,
    });
    const { results } = runJson(['.'], { cwd: folder });
    const rules = (name: string) => results.find((r) => r.filePath.endsWith(name))!.messages.map((m) => m.ruleId).filter((id) => id === 'limit-length' || id === 'valid-placeholders');
    expect(rules('social/late.reply')).toEqual(['valid-placeholders', 'limit-length']);
    expect(rules('email/late.reply')).toEqual(['valid-placeholders']);
    expect(rules('social/as-email.reply')).toEqual(['valid-placeholders']);
    // the blank is fixed to the Zendesk placeholder the rule file's platform names
    runReplylint(['--fix', 'email/late.reply'], { cwd: folder });
    expect(readFileSync(join(folder, 'email/late.reply'), 'utf8')).toBe(`${text.replace('[Customer Name]', '{{ticket.requester.first_name}}')}\n`);
  });
});

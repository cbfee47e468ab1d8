// Front matter the CLI cannot read is reported like ESLint's parse errors; the reply is still linted.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson, runReplylint } from './cliProcess';

const PROSE = 'As I already said, the refund takes 5 days. Thanks for waiting.\n';
/** Expanding `tags` means 10,000 values from four short lines. */
const ALIAS_BOMB_REPLY = [
  '---',
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'tags: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  '---',
  PROSE,
].join('\n');
const INVALID_YAML_REPLY = `---\nchannel: email\ntitle: "Refund\n---\n${PROSE}`;

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

describe('front matter that cannot be read', () => {
  it('is a fatal error with no rule, at its line and column, and the prose is still linted', () => {
    const folder = makeFolder({ 'bomb.reply': ALIAS_BOMB_REPLY });
    const { status, stderr, results } = runJson(['bomb.reply'], { cwd: folder });
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const [problem, ...rest] = results[0].messages;
    expect(problem).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 5, column: 7 });
    expect(problem.message).toMatch(/^Front matter “tags” could not be read/);
    expect(rest.map((message) => message.ruleId)).toEqual(['no-defensive']);
    expect(results[0]).toMatchObject({ errorCount: 1, fatalErrorCount: 1, warningCount: 1 });
  });

  it('shows in the terminal as a row without a rule id', () => {
    const folder = makeFolder({ 'broken.reply': INVALID_YAML_REPLY });
    const { status, stdout, stderr } = runReplylint(['broken.reply'], { cwd: folder });
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const row = stdout.split('\n').find((line) => line.includes('Front matter is not valid YAML'));
    expect(row).toMatch(/^ {2}\d+:\d+ +error +Front matter is not valid YAML: [^\n]*[^ ]$/);
    expect(stdout).toMatch(/no-defensive\n/);
  });

  it('is not parsed past 64 KB, so 5 MB of it is reported at once rather than parsed for minutes', () => {
    const line = 'note: a line of front matter that goes on and on\n';
    const yaml = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const folder = makeFolder({ 'long.reply': `---\n${yaml}---\n${PROSE}` });
    const { status, stderr, results } = runJson(['long.reply'], { cwd: folder });
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(results[0].messages[0]).toMatchObject({ ruleId: null, fatal: true, line: 1, column: 1, endColumn: 4 });
    expect(results[0].messages[0].message).toMatch(/^Front matter is 5\d{3} KB; Replylint reads at most 64 KB/);
    expect(results[0].messages.slice(1).map((message) => message.ruleId)).toEqual(['no-defensive']);
  });
});

// What the CLI reports and how it exits, run as a real process.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson, runReplylint } from './cliProcess';

const DEFENSIVE = 'As I already said';
const BLAME = 'you should have cleared';
const SCRIPTED = 'We apologize for any inconvenience';
const FIRST_SENTENCE = 'As I already said, you should have cleared your cache.';
const BAD_REPLY = `${FIRST_SENTENCE} ${SCRIPTED}.`;
const CLEAN_REPLY = 'Hi Ana,\n\nThanks for sending the log. Clearing the app cache fixes this.\n\nMo\n';
/** only a warning: a scripted phrase, but thanks are there */
const WARNING_ONLY_REPLY = `${SCRIPTED}. Thanks for waiting.\n`;

/** ESLint's 1-based column of `phrase` in a one-line text, and the column just after it. */
function columnsOf(text: string, phrase: string): { column: number; endColumn: number } {
  const index = text.indexOf(phrase);
  expect(index, `"${phrase}" is in the text`).toBeGreaterThanOrEqual(0);
  return { column: index + 1, endColumn: index + phrase.length + 1 };
}

let folder: string;
beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

describe('replylint --format json', () => {
  it('reports each rule at the exact range of the flagged words and exits 1 on an error', () => {
    folder = makeFolder({ 'bad.reply': BAD_REPLY });
    const { status, results } = runJson(['bad.reply'], { cwd: folder });
    expect(status).toBe(1);
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result.filePath).toBe(`${folder}/bad.reply`);
    const byRule = Object.fromEntries(result.messages.map((m) => [m.ruleId, m]));
    expect(Object.keys(byRule).sort()).toEqual(['no-blame', 'no-defensive', 'no-scripted-phrase', 'require-thanks']);

    expect(byRule['no-blame']).toMatchObject({ severity: 2, line: 1, endLine: 1, ...columnsOf(BAD_REPLY, BLAME) });
    expect(byRule['no-defensive']).toMatchObject({ severity: 1, line: 1, endLine: 1, ...columnsOf(BAD_REPLY, DEFENSIVE) });
    expect(byRule['no-scripted-phrase']).toMatchObject({ severity: 1, line: 1, ...columnsOf(BAD_REPLY, SCRIPTED) });
    // A missing thanks is pinned on the first sentence, where the writer would add it.
    expect(byRule['require-thanks']).toMatchObject({ severity: 1, line: 1, ...columnsOf(BAD_REPLY, FIRST_SENTENCE) });

    expect(byRule['no-blame'].message).toContain(`“${BLAME}”`);
    // "As I already said," adds nothing but a rebuke: removing it is the one safe fix.
    expect(result).toMatchObject({ errorCount: 1, warningCount: 3, fixableErrorCount: 0, fixableWarningCount: 1 });
    expect(byRule['no-defensive'].fix).toEqual({ range: [0, FIRST_SENTENCE.indexOf('you') + 1], text: 'Y' });
    expect(result.source).toBe(BAD_REPLY);
  });

  it('gives suggestions as ESLint does: a description and a fix with a range into the file', () => {
    folder = makeFolder({ 'bad.reply': BAD_REPLY });
    const { results } = runJson(['bad.reply'], { cwd: folder });
    const blame = results[0].messages.find((m) => m.ruleId === 'no-blame')!;
    expect(blame.fix).toBeUndefined();
    expect(blame.suggestions?.length).toBeGreaterThan(0);
    const [suggestion] = blame.suggestions!;
    expect(suggestion.desc).toEqual(expect.any(String));
    const [start, end] = suggestion.fix.range;
    expect(BAD_REPLY.slice(start, end).startsWith(BLAME)).toBe(true);
    const rewritten = BAD_REPLY.slice(0, start) + suggestion.fix.text + BAD_REPLY.slice(end);
    expect(rewritten).not.toContain(BLAME);
  });

  it('exits 0 with no messages on a clean reply', () => {
    folder = makeFolder({ 'clean.reply': CLEAN_REPLY });
    const { status, results, stderr } = runJson(['clean.reply'], { cwd: folder });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(results[0]).toMatchObject({ messages: [], errorCount: 0, warningCount: 0 });
    expect(results[0].source).toBeUndefined();
  });
});

describe('replylint (stylish)', () => {
  it('names the file, each problem with its position and rule id, and sums them up', () => {
    folder = makeFolder({ 'bad.reply': BAD_REPLY });
    const { status, stdout } = runReplylint(['bad.reply'], { cwd: folder });
    expect(status).toBe(1);
    expect(stdout).toContain(`${folder}/bad.reply\n`);
    for (const rule of ['no-blame', 'no-defensive', 'no-scripted-phrase', 'require-thanks']) expect(stdout).toContain(rule);
    const { column } = columnsOf(BAD_REPLY, BLAME);
    expect(stdout).toMatch(new RegExp(`^  1:${column} +error +“you should have cleared”.* +no-blame$`, 'm'));
    expect(stdout).toContain('✖ 4 problems (1 error, 3 warnings)');
  });

  it('prints nothing for a clean run', () => {
    folder = makeFolder({ 'clean.reply': CLEAN_REPLY });
    expect(runReplylint([], { cwd: folder })).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('replylint --stdin', () => {
  it('lints piped text under the name given by --stdin-filename', () => {
    folder = makeFolder();
    const { status, results } = runJson(['--stdin', '--stdin-filename', 'x.reply'], { cwd: folder, input: BAD_REPLY });
    expect(status).toBe(1);
    expect(results[0].filePath).toBe(`${folder}/x.reply`);
    expect(results[0].messages.map((m) => m.ruleId)).toContain('no-blame');
  });

  it('refuses a folder as --stdin-filename with exit 2', () => {
    folder = makeFolder({ 'sub/a.reply': CLEAN_REPLY });
    const { status, stderr } = runReplylint(['--stdin', '--stdin-filename', 'sub'], { cwd: folder, input: BAD_REPLY });
    expect(status).toBe(2);
    expect(stderr).toContain(`${folder}/sub: --stdin-filename names a folder`);
  });
});

describe('severity options', () => {
  it('--rule turns a rule off, and that changes the exit code', () => {
    folder = makeFolder({ 'bad.reply': BAD_REPLY });
    expect(runReplylint(['bad.reply'], { cwd: folder }).status).toBe(1);
    const { status, results } = runJson(['--rule', 'no-blame: off', 'bad.reply'], { cwd: folder });
    expect(status).toBe(0);
    expect(results[0].messages.map((m) => m.ruleId)).not.toContain('no-blame');
  });

  it('--rule is repeatable and raises a warning to an error', () => {
    folder = makeFolder({ 'w.reply': WARNING_ONLY_REPLY });
    const args = ['--rule', 'no-blame: off', '--rule', 'no-scripted-phrase: error', 'w.reply'];
    const { status, results } = runJson(args, { cwd: folder });
    expect(status).toBe(1);
    expect(results[0].messages[0]).toMatchObject({ ruleId: 'no-scripted-phrase', severity: 2 });
  });

  it('rejects an unknown rule id or severity with exit 2 and says which', () => {
    folder = makeFolder({ 'w.reply': WARNING_ONLY_REPLY });
    const unknown = runReplylint(['--rule', 'no-blam: off', 'w.reply'], { cwd: folder });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "no-blam"');
    expect(unknown.stderr).toContain('did you mean "no-blame"');
    const badSeverity = runReplylint(['--rule', 'no-blame: loud', 'w.reply'], { cwd: folder });
    expect(badSeverity.status).toBe(2);
    expect(badSeverity.stderr).toContain('unknown severity "loud"');
  });

  it('--max-warnings 0 fails on one warning; --max-warnings 1 passes', () => {
    folder = makeFolder({ 'w.reply': WARNING_ONLY_REPLY });
    expect(runReplylint(['w.reply'], { cwd: folder }).status).toBe(0);
    const strict = runReplylint(['--max-warnings', '0', 'w.reply'], { cwd: folder });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('more than --max-warnings 0');
    expect(runReplylint(['--max-warnings', '1', 'w.reply'], { cwd: folder }).status).toBe(0);
    expect(runReplylint(['--max-warnings', 'many', 'w.reply'], { cwd: folder }).status).toBe(2);
  });

  it('--quiet reports errors only', () => {
    folder = makeFolder({ 'bad.reply': BAD_REPLY });
    const { status, results } = runJson(['--quiet', 'bad.reply'], { cwd: folder });
    expect(status).toBe(1);
    expect(results[0].messages.map((m) => m.ruleId)).toEqual(['no-blame']);
    expect(results[0].warningCount).toBe(0);
  });
});

describe('informational commands and usage errors', () => {
  it('--list-rules shows every rule with its default severity, preset, fixes and summary', () => {
    folder = makeFolder();
    const { status, stdout } = runReplylint(['--list-rules'], { cwd: folder });
    expect(status).toBe(0);
    expect(stdout).toMatch(/^no-blame +error +recommended +suggestions +Flags wording that puts the fault on the customer\.$/m);
    expect(stdout).toMatch(/^require-thanks +warning +recommended +suggestions/m);
    // Whether a rule fixes is read from its data: no-defensive removes "as I already said" unattended.
    expect(stdout).toMatch(/^no-defensive +warning +recommended +fix, suggestions/m);
  });

  it('--version and --help', () => {
    folder = makeFolder();
    expect(runReplylint(['--version'], { cwd: folder }).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = runReplylint(['--help'], { cwd: folder });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: replylint');
  });

  it.each([
    [['--format', 'xml'], 'unknown --format "xml"'],
    [['--no-such-option'], "Unknown option '--no-such-option'"],
    [['--fix', '--fix-dry-run'], 'not both'],
    [['--stdin', '--fix'], 'use --fix-dry-run'],
  ])('%j is a usage error (exit 2)', (args, expected) => {
    folder = makeFolder({ 'clean.reply': CLEAN_REPLY });
    const { status, stdout, stderr } = runReplylint(args, { cwd: folder });
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(expected);
    expect(stderr).toContain('replylint --help');
  });
});

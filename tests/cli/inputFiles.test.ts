// Which files the CLI finds, and how it copes with files that are not tidy UTF-8 text.
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson, runReplylint } from './cliProcess';

const CLEAN_REPLY = 'Hi Ana,\n\nThanks for sending the log. Clearing the app cache fixes this.\n\nMo\n';
const DEFENSIVE = 'As I already said';
const DEFENSIVE_REPLY = `${DEFENSIVE}, the refund takes 5 days. Thanks for waiting.\n`;

let folder: string;
beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

describe('finding files', () => {
  const tree = {
    'top.reply': CLEAN_REPLY,
    'nested/deeper/inner.reply': CLEAN_REPLY,
    'nested/notes.txt': DEFENSIVE_REPLY,
    'node_modules/pkg/dependency.reply': DEFENSIVE_REPLY,
    '.hidden/secret.reply': DEFENSIVE_REPLY,
  };

  it('walks folders for .reply files at any depth, sorted, skipping node_modules and hidden folders', () => {
    folder = makeFolder(tree);
    const { status, results } = runJson([], { cwd: folder });
    expect(status).toBe(0);
    expect(results.map((r) => r.filePath)).toEqual([join(folder, 'nested/deeper/inner.reply'), join(folder, 'top.reply')]);
  });

  it('lints a file named explicitly whatever its extension', () => {
    folder = makeFolder(tree);
    const { results } = runJson(['nested/notes.txt', 'top.reply'], { cwd: folder });
    expect(results.map((r) => r.filePath)).toEqual([join(folder, 'nested/notes.txt'), join(folder, 'top.reply')]);
    expect(results[0].messages.map((m) => m.ruleId)).toEqual(['no-defensive']);
  });

  it.each([
    ['**/*.reply', ['nested/deeper/inner.reply', 'top.reply']],
    ['nested/*/*.reply', ['nested/deeper/inner.reply']],
    ['nested/**', ['nested/deeper/inner.reply', 'nested/notes.txt']],
    ['to?.reply', ['top.reply']],
  ])('expands the glob %s', (pattern, expected) => {
    folder = makeFolder(tree);
    const { results } = runJson([pattern], { cwd: folder });
    expect(results.map((r) => r.filePath)).toEqual(expected.map((path) => join(folder, path)));
  });

  it('exits 2 naming a path that does not exist, or a glob that matches nothing', () => {
    folder = makeFolder(tree);
    const missing = runReplylint(['top.reply', 'nope.reply'], { cwd: folder });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file or folder: nope.reply');
    const unmatched = runReplylint(['**/*.macro'], { cwd: folder });
    expect(unmatched.status).toBe(2);
    expect(unmatched.stderr).toContain('no files match the pattern "**/*.macro"');
  });

  it.skipIf(process.getuid?.() === 0)('exits 2 naming a file it may not read, after linting the others', () => {
    folder = makeFolder({ 'a.reply': CLEAN_REPLY, 'locked.reply': CLEAN_REPLY });
    chmodSync(join(folder, 'locked.reply'), 0o000);
    const { status, stderr, results } = runJson([], { cwd: folder });
    expect(status).toBe(2);
    expect(stderr).toContain(`${join(folder, 'locked.reply')}: cannot read (EACCES)`);
    expect(results.map((r) => r.filePath)).toEqual([join(folder, 'a.reply')]);
  });
});

describe('untidy input', () => {
  it('lints an empty file as having nothing to flag', () => {
    folder = makeFolder({ 'empty.reply': '' });
    const { status, stderr, results } = runJson(['empty.reply'], { cwd: folder });
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(results[0].messages).toEqual([]);
  });

  it('skips a binary file with a message naming it, and exits 2: a file nobody read is not clean', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    folder = makeFolder({ 'logo.reply': png, 'ok.reply': CLEAN_REPLY });
    const { status, stderr, results } = runJson([], { cwd: folder });
    expect(status).toBe(2);
    expect(stderr).toBe(`${join(folder, 'logo.reply')}: looks binary (or UTF-16 without a byte-order mark), skipped\n`);
    expect(results.map((r) => r.filePath)).toEqual([join(folder, 'ok.reply')]);
  });

  it('reads a file that is not UTF-8 as windows-1252, warns, and lints it', () => {
    // "Café ’…": é is 0xE9 in Latin-1; 0x92 is windows-1252's curly apostrophe.
    const latin1 = Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(` `), Buffer.from([0x92]), Buffer.from(` ${DEFENSIVE_REPLY}`)]);
    folder = makeFolder({ 'old.reply': latin1 });
    const { status, stderr, results } = runJson(['old.reply'], { cwd: folder });
    expect(status).toBe(0);
    expect(stderr).toContain(`${join(folder, 'old.reply')}: warning: not valid UTF-8; read as windows-1252`);
    const source = `Café ’ ${DEFENSIVE_REPLY}`;
    expect(results[0].source).toBe(source);
    expect(results[0].messages[0]).toMatchObject({ ruleId: 'no-defensive', column: source.indexOf(DEFENSIVE) + 1 });
  });

  it('ignores a UTF-8 byte-order mark for columns and ranges, and leaves it in the file', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DEFENSIVE_REPLY)]);
    folder = makeFolder({ 'bom.reply': withBom });
    const { results } = runJson(['bom.reply'], { cwd: folder });
    const [message] = results[0].messages;
    expect(message).toMatchObject({ ruleId: 'no-defensive', line: 1, column: 1, endColumn: DEFENSIVE.length + 1 });
    // Ranges are offsets into the text without the mark, as ESLint's are.
    expect(message.suggestions?.[0].fix.range[0]).toBe(0);
    runReplylint(['--fix', 'bom.reply'], { cwd: folder });
    const fixed = readFileSync(join(folder, 'bom.reply'));
    expect([...fixed.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(fixed.subarray(3).toString('utf8')).not.toContain(DEFENSIVE);
  });

  it('counts columns in UTF-16 code units past emoji, and lines across CRLF', () => {
    const lines = ['Hi Sam 👋,', '', `🎉 ${DEFENSIVE}, the refund takes 5 days. Thanks!`, ''];
    const text = lines.join('\r\n');
    folder = makeFolder({ 'emoji.reply': text });
    const { results } = runJson(['emoji.reply'], { cwd: folder });
    const [message] = results[0].messages;
    const column = lines[2].indexOf(DEFENSIVE) + 1; // 🎉 is two UTF-16 code units
    expect(message).toMatchObject({ ruleId: 'no-defensive', line: 3, column, endLine: 3, endColumn: column + DEFENSIVE.length });
    const [start] = message.suggestions![0].fix.range;
    expect(start).toBe(text.indexOf(DEFENSIVE));
  });

  it('lints a 5 MB reply without crashing', () => {
    const paragraph = `Hi Ana,\r\n\r\nThanks for the log 🙏. ${DEFENSIVE}, the refund takes 5 days. We apologize for any inconvenience.\r\n\r\n`;
    const text = paragraph.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(paragraph)));
    folder = makeFolder({ 'huge.reply': text });
    const started = performance.now();
    const { status, stderr, results } = runJson(['huge.reply'], { cwd: folder });
    const seconds = (performance.now() - started) / 1000;
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const paragraphs = text.length / paragraph.length;
    expect(results[0].messages.filter((m) => m.ruleId === 'no-defensive')).toHaveLength(paragraphs);
    const last = results[0].messages.at(-1)!;
    expect(last.line).toBe(paragraphs * 4 - 1);
    console.info(`5 MB reply: ${results[0].messages.length} findings in ${seconds.toFixed(2)} s`);
  }, 120_000);
});

describe('--output-file', () => {
  it('writes the report to the file, not to stdout, and leaves no temp file behind', () => {
    folder = makeFolder({ 'd.reply': DEFENSIVE_REPLY });
    const { status, stdout } = runReplylint(['--format', 'json', '--output-file', 'report.json', 'd.reply'], { cwd: folder });
    expect(status).toBe(0);
    expect(stdout).toBe('');
    const report = JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'));
    expect(report[0].messages[0].ruleId).toBe('no-defensive');
    expect(readdirSync(folder).sort()).toEqual(['d.reply', 'report.json']);
  });

  it('exits 2 when the report cannot be written', () => {
    folder = makeFolder({ 'd.reply': DEFENSIVE_REPLY, 'out/keep': '' });
    const { status, stderr } = runReplylint(['--output-file', 'out', 'd.reply'], { cwd: folder });
    expect(status).toBe(2);
    expect(stderr).toContain(`${join(folder, 'out')}: cannot write the report`);
    expect(readdirSync(folder).sort()).toEqual(['d.reply', 'out']);
  });
});

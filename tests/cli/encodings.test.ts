// Replies in the encodings an editor opens as text are linted, and fixed back in the same bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson } from './cliProcess';

const DEFENSIVE = 'As I already said';
const REPLY = `Hi Sam 👋,\r\n\r\n${DEFENSIVE}, the refund takes 5 days. Thanks for waiting.\r\n`;
const FIXED = 'Hi Sam 👋,\r\n\r\nThe refund takes 5 days. Thanks for waiting.\r\n';

function utf16(text: string, order: 'le' | 'be', bom = true): Buffer {
  const little = Buffer.from(text, 'utf16le');
  const bytes = order === 'le' ? little : Buffer.from(little).swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
}

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

describe.each(['le', 'be'] as const)('UTF-16 %s with a byte-order mark', (order) => {
  it('is linted as text, with columns as in any other reply', () => {
    const folder = makeFolder({ 'wide.reply': utf16(REPLY, order) });
    const { status, stderr, results } = runJson(['wide.reply'], { cwd: folder });
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(results[0].messages.map((message) => message.ruleId)).toEqual(['no-defensive']);
    expect(results[0].messages[0]).toMatchObject({ line: 3, column: 1, endColumn: DEFENSIVE.length + 1 });
  });

  it('is fixed in place and stays UTF-16 with its mark and CRLF', () => {
    const folder = makeFolder({ 'wide.reply': utf16(REPLY, order) });
    const { status, stderr } = runJson(['--fix', 'wide.reply'], { cwd: folder });
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(join(folder, 'wide.reply')).equals(utf16(FIXED, order))).toBe(true);
  });
});

describe('text that is not tidy', () => {
  it('lints a reply with a NUL in it, and warns', () => {
    const folder = makeFolder({ 'nul.reply': `${DEFENSIVE}, the refund\u0000 takes 5 days. Thanks for waiting.\n` });
    const { status, stderr, results } = runJson(['nul.reply'], { cwd: folder });
    expect(status).toBe(0);
    expect(stderr).toBe(`${join(folder, 'nul.reply')}: warning: a NUL character in the text; linted as text\n`);
    expect(results[0].messages.map((message) => message.ruleId)).toEqual(['no-defensive']);
  });

  it('skips UTF-16 without a byte-order mark, saying why, and exits 2', () => {
    const folder = makeFolder({ 'bare.reply': utf16(REPLY, 'le', false) });
    const { status, stderr, results } = runJson(['bare.reply'], { cwd: folder });
    expect(status).toBe(2);
    expect(stderr).toBe(`${join(folder, 'bare.reply')}: looks binary (or UTF-16 without a byte-order mark), skipped\n`);
    expect(results).toEqual([]);
  });

  it('does not write fixes into UTF-16 that does not read back to its own bytes, and exits 2', () => {
    // An odd byte count: the last byte is half a character, which no decoder can give back.
    const original = Buffer.concat([utf16(REPLY, 'le'), Buffer.from([0x41])]);
    const folder = makeFolder({ 'odd.reply': original });
    const { status, stderr } = runJson(['--fix', 'odd.reply'], { cwd: folder });
    expect(status).toBe(2);
    expect(stderr).toBe(`${join(folder, 'odd.reply')}: fixes not written: the file does not read back byte for byte as utf-16le\n`);
    expect(readFileSync(join(folder, 'odd.reply')).equals(original)).toBe(true);
  });
});

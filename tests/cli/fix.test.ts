// --fix and --fix-dry-run. Only safe fixes are ever applied; tone rewrites are suggestions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Linter, type RuleDefinition } from '../../shared';
import { writeFileAtomic } from '../../server/cli/atomicWrite';
import { lintReply } from '../../server/cli/lintReply';
import { decodeReply, encodeReply, type DecodedReply } from '../../server/cli/replyEncoding';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson } from './cliProcess';

const BAD_REPLY = 'As I already said, you should have cleared your cache. We apologize for any inconvenience.\n';

let folder: string;
beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

describe('replylint --fix with the built-in rules', () => {
  const FIXED_REPLY = 'You should have cleared your cache. We apologize for any inconvenience.\n';

  it('applies only the safe fix, keeps CRLF, and a second run changes nothing, with no temp file left', () => {
    folder = makeFolder({ 'bad.reply': Buffer.from(BAD_REPLY.replace(/\n/g, '\r\n')) });
    const expected = Buffer.from(FIXED_REPLY.replace(/\n/g, '\r\n'));
    for (let run = 0; run < 2; run++) {
      const { status, results } = runJson(['--fix', 'bad.reply'], { cwd: folder });
      // The blame is a tone rewrite, a suggestion only: it stays, and it is an error.
      expect(status).toBe(1);
      expect(results[0].messages.map((m) => m.ruleId)).not.toContain('no-defensive');
      expect(results[0].messages.map((m) => m.ruleId)).toContain('no-blame');
      expect(readFileSync(join(folder, 'bad.reply')).equals(expected)).toBe(true);
      expect(readdirSync(folder)).toEqual(['bad.reply']);
    }
  });

  it('--fix-dry-run reports the fixed text as output and writes nothing', () => {
    folder = makeFolder({ 'bad.reply': BAD_REPLY });
    const { status, results } = runJson(['--fix-dry-run', 'bad.reply'], { cwd: folder });
    expect(status).toBe(1);
    expect(results[0].output).toBe(FIXED_REPLY);
    expect(readFileSync(join(folder, 'bad.reply'), 'utf8')).toBe(BAD_REPLY);
  });

  it('--fix-dry-run works on piped text', () => {
    folder = makeFolder();
    const { status, results } = runJson(['--stdin', '--fix-dry-run'], { cwd: folder, input: BAD_REPLY });
    expect(status).toBe(1);
    expect(results[0].filePath).toBe('<text>');
  });
});

/**
 * The fix pipeline itself, with a team rule that has a safe fix (BRIEF §4's acme/no-kindly):
 * BOM, CRLF and windows-1252 round trips.
 */
describe('fixing a reply the way it was written', () => {
  const noKindly: RuleDefinition = {
    id: 'acme/no-kindly',
    kind: 'substitute',
    message: '“{match}” sounds stiff; say “please”.',
    swap: { kindly: 'please' },
  };
  const linter = new Linter({ custom: [noKindly] });
  const fixBytes = (bytes: Uint8Array) => {
    const decoded = decodeReply(bytes);
    if (decoded.kind !== 'text') throw new Error('expected text');
    const linted = lintReply(decoded.reply, linter, true);
    return { linted, bytes: linted.output === undefined ? undefined : encodeReply(linted.output, decoded.reply) };
  };

  it('applies the safe fix, keeps the BOM and CRLF, and reports what is left', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const original = Buffer.concat([bom, Buffer.from('Thanks, Sam 👋.\r\nKindly restart the app.\r\n')]);
    const { linted, bytes } = fixBytes(original);
    expect(Buffer.from(bytes!).equals(Buffer.concat([bom, Buffer.from('Thanks, Sam 👋.\r\nPlease restart the app.\r\n')]))).toBe(true);
    expect(linted.findings.filter((f) => f.ruleId === 'acme/no-kindly')).toEqual([]);
    // Idempotent: the fixed bytes have nothing left to fix.
    expect(fixBytes(bytes!).bytes).toBeUndefined();
  });

  it('writes a windows-1252 file back in windows-1252', () => {
    const original = Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9, 0x92]), Buffer.from(' thanks. Kindly wait.')]);
    const { bytes } = fixBytes(original);
    expect(Buffer.from(bytes!).equals(Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9, 0x92]), Buffer.from(' thanks. Please wait.')]))).toBe(true);
  });

  it('refuses to encode a fix windows-1252 cannot hold', () => {
    const reply: DecodedReply = { text: 'x', bom: false, encoding: 'windows-1252', crlf: false };
    expect(encodeReply('thanks 🙏', reply)).toBeUndefined();
    expect(encodeReply('€ ’ é', reply)).toEqual(Uint8Array.from([0x80, 0x20, 0x92, 0x20, 0xe9]));
  });

  it('decodes every windows-1252 byte and encodes it back to itself', () => {
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i).filter((byte) => byte !== 0xc3); // keep it from being valid UTF-8 by accident
    // Inside a reply's worth of text: 30 control bytes on their own read as binary.
    const bytes = Uint8Array.from([...Buffer.from('Thanks for waiting. '.repeat(200)), ...everyByte]);
    const decoded = decodeReply(bytes);
    expect(decoded.kind === 'text' && decoded.reply.encoding).toBe('windows-1252');
    if (decoded.kind !== 'text') return;
    expect(decoded.reply.text.charCodeAt(bytes.indexOf(0x92))).toBe(0x2019);
    expect(encodeReply(decoded.reply.text, decoded.reply)).toEqual(bytes);
  });

  it('writes atomically: the new contents, the old permissions, no temp file', () => {
    folder = makeFolder({ 'a.reply': 'old' });
    const file = join(folder, 'a.reply');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(folder)).toEqual(['a.reply']);
  });
});

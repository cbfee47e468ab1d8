// --fix on shared files and as root: it writes only what the command line put in reach, and
// leaves each file its owner, group, mode and links. Run as a process, as CI runs it.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson } from './cliProcess';

const FIXABLE = 'As I already said, the refund takes 5 days. Thanks for waiting.\n';
const FIXED = 'The refund takes 5 days. Thanks for waiting.\n';
const isRoot = process.getuid?.() === 0;

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

/** The pid of a process that has exited, so a temp file named for it is a leftover. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('--fix and links', () => {
  it('fixes the file a link inside the linted folder points to, and the link stays a link', () => {
    const folder = makeFolder({ 'replies/real.reply': FIXABLE });
    symlinkSync('real.reply', join(folder, 'replies/linked.reply'));
    const { status, stderr } = runJson(['--fix', 'replies/linked.reply'], { cwd: folder });
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(join(folder, 'replies/real.reply'), 'utf8')).toBe(FIXED);
    expect(lstatSync(join(folder, 'replies/linked.reply')).isSymbolicLink()).toBe(true);
  });

  it('never writes through a link to a file outside the linted folders, whatever its extension', () => {
    const folder = makeFolder({ 'outside/notes.txt': FIXABLE, 'replies/ok.reply': FIXABLE });
    symlinkSync(join(folder, 'outside/notes.txt'), join(folder, 'replies/escape.reply'));
    const { status, stderr, results } = runJson(['--fix', 'replies'], { cwd: folder });
    expect(status).toBe(2);
    expect(stderr).toBe(
      `${join(folder, 'replies/escape.reply')}: fixes not written: it is a link to ${join(folder, 'outside/notes.txt')}, outside the folders being linted\n`,
    );
    expect(readFileSync(join(folder, 'outside/notes.txt'), 'utf8')).toBe(FIXABLE);
    expect(readFileSync(join(folder, 'replies/ok.reply'), 'utf8')).toBe(FIXED);
    // What is reported for the refused file is what is still in it.
    expect(results.find((result) => result.filePath.endsWith('escape.reply'))?.messages[0].ruleId).toBe('no-defensive');
  });
});

describe('--fix and permissions', () => {
  it('refuses a read-only file with exit 2 and a clear message, even as root', () => {
    const folder = makeFolder({ 'locked.reply': FIXABLE });
    chmodSync(join(folder, 'locked.reply'), 0o444);
    const { status, stderr } = runJson(['--fix', 'locked.reply'], { cwd: folder });
    expect(status).toBe(2);
    expect(stderr).toBe(`${join(folder, 'locked.reply')}: fixes not written: the file is read-only\n`);
    expect(readFileSync(join(folder, 'locked.reply'), 'utf8')).toBe(FIXABLE);
    expect(statSync(join(folder, 'locked.reply')).mode & 0o7777).toBe(0o444);
  });

  it.skipIf(!isRoot)('as root, keeps the owner, group and mode of a file someone else owns', () => {
    const folder = makeFolder({ 'theirs.reply': FIXABLE });
    const file = join(folder, 'theirs.reply');
    chownSync(file, 4321, 8765);
    chmodSync(file, 0o2640);
    const { status, stderr } = runJson(['--fix', 'theirs.reply'], { cwd: folder });
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    const after = statSync(file);
    expect({ uid: after.uid, gid: after.gid, mode: after.mode & 0o7777 }).toEqual({ uid: 4321, gid: 8765, mode: 0o2640 });
  });

  it('refuses a file with other hard links rather than split it from them', () => {
    const folder = makeFolder({ 'a.reply': FIXABLE });
    mkdirSync(join(folder, 'elsewhere'));
    linkSync(join(folder, 'a.reply'), join(folder, 'elsewhere/b.reply'));
    const { status, stderr } = runJson(['--fix', 'a.reply'], { cwd: folder });
    expect(status).toBe(2);
    expect(stderr).toBe(`${join(folder, 'a.reply')}: fixes not written: it has 2 hard links, which a fixed copy would split apart\n`);
    expect(statSync(join(folder, 'a.reply')).ino).toBe(statSync(join(folder, 'elsewhere/b.reply')).ino);
    expect(readFileSync(join(folder, 'a.reply'), 'utf8')).toBe(FIXABLE);
  });
});

describe('--fix after an interrupted run', () => {
  it('removes the temp files a killed run left, says so, and leaves those of a live run', () => {
    const dead = `.a.reply.replylint-${deadPid()}-0badf00d.tmp`;
    const live = `.a.reply.replylint-${process.pid}-0badf00d.tmp`;
    const folder = makeFolder({ 'a.reply': FIXABLE, [dead]: 'half a rep', [live]: 'being written' });
    const { status, stderr } = runJson(['--fix', '.'], { cwd: folder });
    expect(status).toBe(0);
    expect(stderr).toBe(`${folder}: removed 1 temp file left by an interrupted --fix\n`);
    expect(readdirSync(folder).sort()).toEqual([live, 'a.reply'].sort());
  });

  it('leaves them alone without --fix', () => {
    const dead = `.a.reply.replylint-${deadPid()}-0badf00d.tmp`;
    const folder = makeFolder({ 'a.reply': FIXABLE, [dead]: 'half a rep' });
    runJson(['.'], { cwd: folder });
    expect(readdirSync(folder).sort()).toEqual([dead, 'a.reply'].sort());
  });
});

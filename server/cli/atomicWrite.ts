import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Hidden, beside the file, and named for the process that wrote it: `.a.reply.replylint-1234-9f3a0c1e.tmp`. */
const TEMP_FILE = /^\..+\.replylint-(\d+)-[0-9a-f]{8}\.tmp$/;

/**
 * Replaces a file's contents so that a reader (or a crash) only ever sees the old
 * file or the new one, never half of each: write a temp file in the same folder
 * (a rename is only atomic within one file system), flush it, then rename it over.
 * An existing file keeps its owner, group and mode: they are set on the temp file
 * before the rename, so the new file never exists with other ones, not even briefly.
 */
export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  // Write through a symlink rather than replacing the link with a plain file.
  const file = realpathOrSelf(target);
  const temp = join(dirname(file), `.${basename(file)}.replylint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const existing = statOrUndefined(file);
  // Private until it has the file's owner and mode; a new file gets the usual 0666 less the umask.
  const fd = openSync(temp, 'wx', existing ? 0o600 : 0o666);
  try {
    try {
      if (existing) {
        // Owner first: chown clears the setuid and setgid bits that the mode then puts back.
        // Only when it differs: a user may not "change" a file to a group they are not in, even its own.
        const made = fstatSync(fd);
        if (made.uid !== existing.uid || made.gid !== existing.gid) fchownSync(fd, existing.uid, existing.gid);
        fchmodSync(fd, existing.mode & 0o7777);
      }
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Removes the temp files an interrupted run left in `folder` (a SIGKILL between writing
 * and renaming): those named for a process that no longer runs. A live process's temp
 * file is another run at work, and is left alone. Returns the names removed.
 */
export function removeStaleTempFiles(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    // Our own pid can only be a leftover of an earlier process that had it: this run has written nothing yet.
    if (pid !== process.pid && isRunning(pid)) continue;
    const path = join(folder, name);
    try {
      // Only a plain file: never follow or remove a link or a folder that happens to have such a name.
      if (!lstatSync(path).isFile()) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      // gone already, or not ours to remove: leave it
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function statOrUndefined(file: string): { uid: number; gid: number; mode: number } | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

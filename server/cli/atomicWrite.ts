import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's contents so that a reader (or a crash) only ever sees the old
 * file or the new one, never half of each: write a temp file in the same folder
 * (a rename is only atomic within one file system), flush it, then rename it over.
 */
export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  // Write through a symlink rather than replacing the link with a plain file.
  const file = realpathOrSelf(target);
  const temp = join(dirname(file), `.${basename(file)}.replylint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const mode = existingMode(file);
  const fd = openSync(temp, 'wx', mode ?? 0o666);
  try {
    try {
      // The umask applied at open; a fixed file keeps exactly the permissions it had.
      if (mode !== undefined) fchmodSync(fd, mode);
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

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function existingMode(file: string): number | undefined {
  try {
    return statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { writeFileAtomic } from './atomicWrite';

/** Why `--fix` leaves a file as it is: said on stderr, and the run exits 2. */
export class FixRefused extends Error {}

/**
 * Writes the fixed bytes of a linted file, or refuses with the reason. `--fix` may run as
 * root over files other people own, so it writes only what the command line put in reach:
 *
 * - never through a link to a file outside the folders the command line names (`roots`):
 *   a reply linked to `/etc/…` is linted, never rewritten;
 * - never a read-only file: no write bit at all, or not writable by the user running it.
 *   A rename needs only the folder's permission, so without this check a read-only file
 *   would be replaced (ESLint refuses too);
 * - never a file with other hard links: the rename would give this name the fixed text and
 *   leave the others the old one, silently splitting what was one file. Writing in place
 *   instead would keep the links but lose the all-or-nothing write, so it is refused;
 * - as someone other than its owner, only as root: the replacement keeps owner, group and
 *   mode (see writeFileAtomic); a user cannot give a file to someone else.
 *
 * The checks read the path once and the write follows: a folder swapped for a link in
 * between is not caught (Node has no openat), so do not run --fix as root in a folder
 * that someone who wishes you harm can write to while it runs.
 */
export function writeFixedFile(file: string, bytes: Uint8Array, roots: readonly string[]): void {
  const real = realpathSync(file);
  if (!roots.some((root) => isInside(real, root))) {
    throw new FixRefused(`fixes not written: it is a link to ${real}, outside the folders being linted`);
  }
  const stat = statSync(real);
  if (stat.nlink > 1) {
    throw new FixRefused(`fixes not written: it has ${stat.nlink} hard links, which a fixed copy would split apart`);
  }
  if ((stat.mode & 0o222) === 0) throw new FixRefused('fixes not written: the file is read-only');
  try {
    accessSync(real, constants.W_OK);
  } catch {
    throw new FixRefused('fixes not written: the file is read-only to you');
  }
  const euid = process.geteuid?.();
  if (euid !== undefined && euid !== 0 && stat.uid !== euid) {
    throw new FixRefused('fixes not written: the file belongs to another user, and a fixed copy would belong to you');
  }
  writeFileAtomic(real, bytes);
}

/** The real folders whose stale temp files a --fix run clears before it writes: those of the files it may write. */
export function foldersOf(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    try {
      folders.add(dirname(realpathSync(file)));
    } catch {
      // unreadable: reported when it is linted
    }
  }
  return [...folders];
}

function isInside(path: string, folder: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder !== '' && fromFolder !== '..' && !fromFolder.startsWith(`..${sep}`) && !isAbsolute(fromFolder);
}

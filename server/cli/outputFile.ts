import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { writeFileAtomic } from './atomicWrite';

/** The process's own streams, under the names a shell user gives them. */
const STANDARD_STREAM_PATHS: Record<string, 'stdout' | 'stderr'> = {
  '/dev/stdout': 'stdout',
  '/dev/fd/1': 'stdout',
  '/proc/self/fd/1': 'stdout',
  '/dev/stderr': 'stderr',
  '/dev/fd/2': 'stderr',
  '/proc/self/fd/2': 'stderr',
};

/**
 * Writes the report of `--output-file`. A regular file (or a new one) is replaced atomically,
 * so a reader never sees half a report. Anything else is written in place, as a shell's `>`
 * would: renaming over `/dev/null` would turn the device into a file holding the report,
 * and over a FIFO would leave its reader waiting. `/dev/stdout` and `/dev/stderr` are the
 * streams this process already holds (reopening them fails on a socket and truncates a file
 * opened for appending).
 */
export function writeReportFile(target: string, report: string, streams: { stdout: (text: string) => void; stderr: (text: string) => void }): void {
  const stream = STANDARD_STREAM_PATHS[target];
  if (stream) {
    streams[stream](report);
    return;
  }
  if (isRegularOrMissing(target)) {
    writeFileAtomic(target, report);
    return;
  }
  const fd = openSync(target, 'w');
  try {
    const bytes = Buffer.from(report, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
}

function isRegularOrMissing(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch (error) {
    // A dangling link or a missing file is created; anything else (EACCES, ELOOP) fails the write below.
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

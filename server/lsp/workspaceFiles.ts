import { basename, relative, sep } from 'node:path';
import { findReplyFiles, isLibraryCandidate, LIBRARY_EXTENSIONS } from '../cli/findReplyFiles';
import { globMatcher } from '../cli/globPattern';

export interface WorkspaceFiles {
  /** absolute paths, sorted */
  files: string[];
  /** files found by a library extension: linted only when they hold a macro library */
  libraryCandidates: Set<string>;
  /** folders that could not be read, for the log */
  unreadable: string[];
}

/**
 * The files a workspace lint reads in one folder: exactly what `replylint <folder>` lints
 * (the CLI's folder search, `findReplyFiles`, so the macro-library formats it learns are
 * found here too), minus what the editor excludes (`files.exclude` patterns such as
 * `**\/archive`). The one place to change what "every reply in the workspace" means.
 */
export function findWorkspaceFiles(folder: string, exclude: readonly string[] = []): WorkspaceFiles {
  const search = findReplyFiles([folder], folder);
  const excluded = exclusionTest(exclude);
  return {
    files: search.files.filter((file) => !excluded(relative(folder, file).split(sep).join('/'))),
    libraryCandidates: search.libraryCandidates,
    unreadable: search.unreadable,
  };
}

/**
 * Whether a file that appears on disk later is one the folder search would have found.
 * Keep in step with the CLI's folder search (findReplyFiles), which this mirrors by name.
 */
export function isWorkspaceFileName(path: string): boolean {
  // WORKSPACE_FILE_GLOB below says the same to the client's file watcher.
  const name = basename(path);
  return !name.startsWith('.') && (name.toLowerCase().endsWith('.reply') || isLibraryCandidate(name));
}

/** The files whose changes on disk a workspace lint follows (workspace/didChangeWatchedFiles). */
export const WORKSPACE_FILE_GLOB = `**/*.{reply,${LIBRARY_EXTENSIONS.map((extension) => extension.slice(1)).join(',')}}`;

/**
 * Whether a path relative to the folder is excluded: a pattern excludes the paths it
 * matches and everything under a folder it matches, as `files.exclude` does.
 */
export function exclusionTest(patterns: readonly string[]): (relativePath: string) => boolean {
  const matchers = patterns
    .map((pattern) => pattern.trim().replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((pattern) => pattern !== '' && !/[{}[\]]/.test(pattern))
    .map((pattern) => globMatcher(pattern.split('/')));
  // Brace and bracket patterns ({a,b}, [ab]) are not in the glob subset the CLI reads; they are skipped.
  if (matchers.length === 0) return () => false;
  return (relativePath) => {
    const segments = relativePath.split('/');
    for (let length = 1; length <= segments.length; length++) {
      const prefix = segments.slice(0, length).join('/');
      if (matchers.some((matches) => matches(prefix))) return true;
    }
    return false;
  };
}

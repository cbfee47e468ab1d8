import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { globMatcher, isGlob, splitGlob } from './globPattern';

/** Folders that never hold a team's replies, and would cost a long walk. */
const SKIPPED_FOLDERS = new Set(['node_modules']);
const REPLY_EXTENSION = '.reply';
/**
 * Extensions a macro library is exported in. A folder search reads these files too, but
 * lints one only when its content is a library by its shape (`ReplyDocument.recognised`:
 * a help-desk export, saved replies, a CSV with a body column): a README.md or a
 * package.json beside the macros is not a reply. Markdown and HTML are here so that the
 * editor and the workspace lint see them; by content they never qualify on their own.
 */
export const LIBRARY_EXTENSIONS = ['.json', '.yaml', '.yml', '.md', '.markdown', '.html', '.htm', '.csv', '.tsv', '.txt'];
const SEPARATORS = sep === '\\' ? /[\\/]/ : /\//;

export interface FileSearch {
  /** absolute paths, sorted, each once */
  files: string[];
  /**
   * The files among `files` that a folder search found by a library extension: linted only
   * when their content turns out to be a macro library. The rest were named (a path, a glob
   * match) or are `.reply` files, and are linted whatever they hold.
   */
  libraryCandidates: Set<string>;
  /** the files the command line names literally: one that holds no reply is a mistake worth failing on */
  named: Set<string>;
  /** the command line names something that is not there: nothing should be linted */
  missing: string[];
  /** something exists but could not be read (a folder without permission) */
  unreadable: string[];
  /**
   * The folders the command line names, as real paths: each folder, each glob's fixed base,
   * and the folder of each file. `--fix` writes nowhere else, whatever a link points to.
   */
  roots: string[];
}

/**
 * Turns the command line's paths and globs into the files to lint. A folder gives its
 * `.reply` files at any depth, and its files with a library extension (`libraryCandidates`:
 * linted when their content is a macro library); a file named explicitly is linted
 * whatever its extension (the user asked for it); a glob gives the files it matches.
 */
export function findReplyFiles(patterns: string[], cwd: string): FileSearch {
  const found = new Set<string>();
  const search: FileSearch = { files: [], libraryCandidates: new Set(), named: new Set(), missing: [], unreadable: [], roots: [] };
  const addRoot = (folder: string) => {
    const real = realpathOrUndefined(folder);
    if (real !== undefined && !search.roots.includes(real)) search.roots.push(real);
  };
  for (const pattern of patterns) {
    if (isGlob(pattern)) {
      if (!addGlobMatches(pattern, cwd, found, search)) search.missing.push(`no files match the pattern "${pattern}"`);
      else addRoot(resolve(cwd, splitGlob(pattern, SEPARATORS).base));
      continue;
    }
    const path = resolve(cwd, pattern);
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') search.missing.push(`no such file or folder: ${pattern}`);
      else search.unreadable.push(`${path}: cannot read (${code ?? String(error)})`);
      continue;
    }
    if (isFolder) {
      walk(path, search, (file) => {
        if (found.has(file)) return;
        if (file.toLowerCase().endsWith(REPLY_EXTENSION)) found.add(file);
        else if (isLibraryCandidate(file)) {
          found.add(file);
          search.libraryCandidates.add(file);
        }
      });
    } else {
      found.add(path);
      search.named.add(path);
      // Named explicitly: linted whatever it holds, even if a folder search also found it.
      search.libraryCandidates.delete(path);
    }
    addRoot(isFolder ? path : dirname(path));
  }
  // Code-unit order, not locale order: the same on every machine and in every CI.
  search.files = [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return search;
}

function addGlobMatches(pattern: string, cwd: string, found: Set<string>, search: FileSearch): boolean {
  const { base, rest } = splitGlob(pattern, SEPARATORS);
  const root = resolve(cwd, base);
  const matches = globMatcher(rest);
  let matched = false;
  try {
    if (!statSync(root).isDirectory()) return false;
  } catch {
    return false;
  }
  walk(root, search, (file) => {
    if (!matches(relative(root, file).split(sep).join('/'))) return;
    found.add(file);
    search.libraryCandidates.delete(file);
    matched = true;
  });
  return matched;
}

/** Visits every file under `folder`, in sorted order, skipping hidden entries and dependency folders. */
function walk(folder: string, search: FileSearch, visit: (file: string) => void): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    search.unreadable.push(`${folder}: cannot read folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // Hidden files and folders (.git, .cache, editors' backups) are never a team's replies.
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(path, search, visit);
    } else if (entry.isFile()) {
      visit(path);
    } else if (entry.isSymbolicLink() && isFileBehindLink(path)) {
      // Linked files are followed; linked folders are not, so a link loop cannot trap the walk.
      visit(path);
    }
  }
}

/** Whether a folder search reads this file to see if it holds a macro library. */
export function isLibraryCandidate(file: string): boolean {
  const lower = file.toLowerCase();
  return LIBRARY_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

function isFileBehindLink(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

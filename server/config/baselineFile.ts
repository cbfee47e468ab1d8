import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { LineIndex } from '../../shared/index';
import { parseBaseline, serialiseBaseline, type BaselineData, type BaselineEntry } from '../../shared/config/baseline';
import { writeFileAtomic } from '../cli/atomicWrite';

/** The baseline file the editor's "Ignore this finding" writes, at the root of the workspace folder. */
export const DEFAULT_BASELINE_NAME = '.replylint-baseline.json';

export type LoadedBaseline = { data: BaselineData } | { missing: true } | { error: { line: number; column: number; message: string } };

/** Reads a baseline file: its data, that there is none, or what is wrong where (1-based line and column). */
export function readBaselineFile(path: string): LoadedBaseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { missing: true };
    return { error: { line: 1, column: 1, message: `cannot read the baseline (${code ?? String(error)})` } };
  }
  const parsed = parseBaseline(text);
  if (parsed.data) return { data: parsed.data };
  const problem = parsed.problem!;
  const at = new LineIndex(text).positionAt(problem.start);
  return { error: { line: at.line + 1, column: at.character + 1, message: problem.message } };
}

/** How a baseline names a linted file: relative to the baseline's folder, with "/"; undefined outside it. */
export function baselineKey(baselinePath: string, filePath: string): string | undefined {
  const path = relative(dirname(baselinePath), filePath);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

/**
 * Writes a baseline: `replaced` holds the entries of the files linted now (an empty list drops a
 * file); the entries of other files stay as they were, so a baseline of part of a library does
 * not forget the rest. Written whole or not at all.
 */
export function writeBaselineFile(path: string, previous: BaselineData | undefined, replaced: Map<string, BaselineEntry[]>): number {
  const files: Record<string, BaselineEntry[]> = { ...(previous?.files ?? {}) };
  for (const [file, entries] of replaced) {
    if (entries.length > 0) files[file] = entries;
    else delete files[file];
  }
  // entries of files that are gone would never match again
  for (const file of Object.keys(files)) if (!replaced.has(file) && !existsSync(`${dirname(path)}/${file}`)) delete files[file];
  writeFileAtomic(path, serialiseBaseline({ files }));
  return Object.values(files).reduce((sum, entries) => sum + entries.reduce((count, entry) => count + entry.count, 0), 0);
}

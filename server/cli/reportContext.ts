import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FindingSeverity } from '../../shared';

/** What a formatter knows besides the results: where the run started, and the rules it ran. */
export interface ReportContext {
  /** paint the stylish report */
  color: boolean;
  /** the folder the command ran in: paths in CI formats are relative to it */
  cwd: string;
  /** the rules that ran, with the severity they ran at (SARIF lists them with their docs) */
  rules: ReportRule[];
  version: string;
}

export interface ReportRule {
  id: string;
  severity: FindingSeverity;
  summary: string;
  docs?: string;
  fixable: boolean;
}

/** A file as CI tools name it: relative to the folder the command ran in, with forward slashes. */
export function relativePath(filePath: string, cwd: string): string {
  const path = relative(cwd, filePath);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return filePath.split(sep).join('/');
  return path.split(sep).join('/');
}

/** Whether the file is under `cwd`, so a relative URI names it. */
export function isUnder(filePath: string, cwd: string): boolean {
  const path = relative(cwd, filePath);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

/** A relative URI reference for a path under the folder: each segment percent-encoded. */
export function relativeUri(filePath: string, cwd: string): string {
  return relative(cwd, filePath).split(sep).map(encodeURIComponent).join('/');
}

export function fileUrl(path: string, folder = false): string {
  const href = pathToFileURL(path).href;
  return folder && !href.endsWith('/') ? `${href}/` : href;
}

import { createTwoFilesPatch } from 'diff';
import type { FileReport } from './eslintResult';
import { relativePath, type ReportContext } from './reportContext';

/**
 * What the safe fixes change, as a unified diff (`git apply` and `patch -p1` read it): the
 * files `--fix` rewrote, or, without `--fix`, would rewrite. Files with nothing to fix print nothing.
 */
export function formatDiff(reports: FileReport[], context: ReportContext): string {
  let output = '';
  for (const report of reports) {
    const { output: fixed } = report.result;
    if (fixed === undefined || report.original === undefined || fixed === report.original) continue;
    const file = relativePath(report.result.filePath, context.cwd);
    output += createTwoFilesPatch(`a/${file}`, `b/${file}`, report.original, fixed, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
  }
  return output;
}

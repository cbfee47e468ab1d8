import type { FileReport } from './eslintResult';
import type { OutputFormat } from './cliOptions';
import { formatDiff } from './formatDiff';
import { formatGithub } from './formatGithub';
import { formatJunit } from './formatJunit';
import { formatSarif } from './formatSarif';
import { formatStylish } from './formatStylish';
import type { ReportContext } from './reportContext';
import { terminalSafeJson } from './terminalText';

/** A result as JSON; one from the cache as it was kept, with its source put back as the last field (where ESLint has it). */
function resultJson(report: FileReport): string {
  const { cached } = report;
  if (!cached) return JSON.stringify(report.result);
  return cached.source === undefined ? cached.resultJson : `${cached.resultJson.slice(0, -1)},"source":${JSON.stringify(cached.source)}}`;
}

export function formatReport(reports: FileReport[], format: OutputFormat, context: ReportContext): string {
  switch (format) {
    case 'json':
      // ESLint's JSON formatter: the array of results, on one line.
      return `${terminalSafeJson(`[${reports.map(resultJson).join(',')}]`)}\n`;
    case 'stylish':
      return formatStylish(reports, context.color);
    case 'sarif':
      return terminalSafeJson(formatSarif(reports, context));
    case 'github':
      return formatGithub(reports, context);
    case 'junit':
      return formatJunit(reports, context);
    case 'diff':
      return formatDiff(reports, context);
  }
}

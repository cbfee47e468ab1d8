import type { FileReport } from './eslintResult';
import type { OutputFormat } from './cliOptions';
import { formatDiff } from './formatDiff';
import { formatGithub } from './formatGithub';
import { formatJunit } from './formatJunit';
import { formatSarif } from './formatSarif';
import { formatStylish } from './formatStylish';
import type { ReportContext } from './reportContext';
import { terminalSafeJson } from './terminalText';

export function formatReport(reports: FileReport[], format: OutputFormat, context: ReportContext): string {
  switch (format) {
    case 'json':
      // ESLint's JSON formatter: the array of results, on one line.
      return `${terminalSafeJson(JSON.stringify(reports.map((report) => report.result)))}\n`;
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

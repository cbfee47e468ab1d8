import type { FileReport } from './eslintResult';
import type { OutputFormat } from './cliOptions';
import { formatStylish } from './formatStylish';
import { terminalSafeJson } from './terminalText';

export function formatReport(reports: FileReport[], format: OutputFormat, color: boolean): string {
  switch (format) {
    case 'json':
      // ESLint's JSON formatter: the array of results, on one line.
      return `${terminalSafeJson(JSON.stringify(reports.map((report) => report.result)))}\n`;
    case 'stylish':
      return formatStylish(reports, color);
  }
}

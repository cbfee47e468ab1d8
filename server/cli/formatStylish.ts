import type { FileReport } from './eslintResult';
import { terminalText } from './terminalText';

/**
 * ESLint's default terminal format: a header per file, one aligned row per problem
 * (`line:col  severity  message  rule-id`), then a summary. Clean runs print nothing.
 */
export function formatStylish(reports: FileReport[], color: boolean): string {
  const paint = painter(color);
  let output = '';
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const { result, severities } of reports) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    fixable += result.fixableErrorCount + result.fixableWarningCount;
    const rows = result.messages.map((message, i) => ({
      position: `${message.line}:${message.column}`,
      severity: severities[i] ?? (message.severity === 2 ? 'error' : 'warning'),
      // As ESLint: a row reads better without the message's closing full stop.
      message: terminalText(message.message.replace(/([^ ])\.$/u, '$1')),
      ruleId: message.ruleId ?? '',
    }));
    const positionWidth = Math.max(...rows.map((row) => row.position.length));
    const severityWidth = Math.max(...rows.map((row) => row.severity.length));
    const messageWidth = Math.max(...rows.map((row) => row.message.length));
    output += `\n${paint.underline(terminalText(result.filePath))}\n`;
    for (const row of rows) {
      const severity = paint.severity(row.severity, row.severity.padEnd(severityWidth));
      // A problem with the file itself has no rule, as ESLint's parse errors: the row ends at the message.
      const rule = row.ruleId === '' ? '' : `${' '.repeat(messageWidth - row.message.length)}  ${paint.dim(row.ruleId)}`;
      output += `  ${paint.dim(row.position.padEnd(positionWidth))}  ${severity}  ${row.message}${rule}\n`;
    }
  }
  const total = errors + warnings;
  if (total === 0) return output;
  const summary = `✖ ${total} ${plural(total, 'problem')} (${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')})`;
  output += `\n${paint.severity(errors > 0 ? 'error' : 'warning', summary)}\n`;
  if (fixable > 0) output += `  ${fixable} fixable with --fix\n`;
  return `${output}\n`;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

function painter(color: boolean) {
  const wrap = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  const red = wrap(31, 39);
  const yellow = wrap(33, 39);
  const blue = wrap(34, 39);
  return {
    underline: wrap(4, 24),
    dim: wrap(2, 22),
    severity: (severity: string, text: string) => (severity === 'error' ? red : severity === 'info' ? blue : yellow)(text),
  };
}

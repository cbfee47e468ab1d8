import type { FileReport } from './eslintResult';
import { terminalText } from './terminalText';

/**
 * ESLint's default terminal format: a header per file, one aligned row per problem
 * (`line:col  severity  message  rule-id`), then a summary. Clean runs print nothing.
 * In a macro library the rows are grouped under each macro's title and place in the file.
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
      item: message.item,
    }));
    const positionWidth = Math.max(...rows.map((row) => row.position.length));
    const severityWidth = Math.max(...rows.map((row) => row.severity.length));
    const messageWidth = Math.max(...rows.map((row) => row.message.length));
    output += `\n${paint.underline(terminalText(result.filePath))}\n`;
    // In a library, the rows of one macro sit under its title, indented one step more, in file order.
    const library = rows.some((row) => row.item !== undefined);
    let currentItem: number | undefined;
    for (const row of rows) {
      if (row.item && row.item.index !== currentItem) {
        currentItem = row.item.index;
        output += `  ${paint.bold(terminalText(row.item.title) || '(untitled)')} ${paint.dim(`(macro ${row.item.index + 1})`)}\n`;
      } else if (!row.item) {
        currentItem = undefined;
      }
      const indent = library && row.item ? '    ' : '  ';
      const severity = paint.severity(row.severity, row.severity.padEnd(severityWidth));
      // A problem with the file itself has no rule, as ESLint's parse errors: the row ends at the message.
      const rule = row.ruleId === '' ? '' : `${' '.repeat(messageWidth - row.message.length)}  ${paint.dim(row.ruleId)}`;
      output += `${indent}${paint.dim(row.position.padEnd(positionWidth))}  ${severity}  ${row.message}${rule}\n`;
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
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    severity: (severity: string, text: string) => (severity === 'error' ? red : severity === 'info' ? blue : yellow)(text),
  };
}

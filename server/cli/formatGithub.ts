import type { FileReport } from './eslintResult';
import { relativePath, type ReportContext } from './reportContext';

/**
 * GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding,
 * which the run shows as an annotation on the file's line in the pull request. Paths are
 * relative to the folder the command ran in (the checkout, in a workflow).
 */
export function formatGithub(reports: FileReport[], context: ReportContext): string {
  let output = '';
  for (const { result, severities } of reports) {
    const file = relativePath(result.filePath, context.cwd);
    result.messages.forEach((message, i) => {
      const command = severities[i] === 'info' ? 'notice' : message.severity === 2 ? 'error' : 'warning';
      const rule = message.ruleId ?? 'syntax';
      const title = message.item ? `replylint ${rule} in “${message.item.title}”` : `replylint ${rule}`;
      const properties = [
        `file=${property(file)}`,
        `line=${message.line}`,
        `endLine=${message.endLine}`,
        `col=${message.column}`,
        `endColumn=${message.endColumn}`,
        `title=${property(title)}`,
      ].join(',');
      output += `::${command} ${properties}::${data(message.message)}\n`;
    });
  }
  return output;
}

/** The escapes the runner reads back in a command's message. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** In a property value `:` and `,` end the value, so they are escaped too. */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

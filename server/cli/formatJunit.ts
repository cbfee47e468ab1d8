import type { FileReport } from './eslintResult';
import { relativePath, type ReportContext } from './reportContext';

/**
 * JUnit XML, as ESLint's junit formatter writes it, for CI dashboards that read test
 * reports: one test suite per file, one failing test case per finding (an `<error>` when the
 * file could not be read as intended), and one passing case for a clean file, so every
 * linted file shows up.
 */
export function formatJunit(reports: FileReport[], context: ReportContext): string {
  let output = '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n';
  for (const { result } of reports) {
    const file = relativePath(result.filePath, context.cwd);
    const failures = result.messages.filter((message) => !message.fatal).length;
    const errors = result.messages.length - failures;
    const tests = Math.max(1, result.messages.length);
    output += `<testsuite package="replylint" time="0" tests="${tests}" failures="${failures}" errors="${errors}" name="${attribute(file)}">\n`;
    if (result.messages.length === 0) output += `<testcase time="0" name="replylint" classname="${attribute(file)}" />\n`;
    for (const message of result.messages) {
      const rule = message.ruleId ?? 'syntax';
      const where = message.item ? `${file} › ${message.item.title}` : file;
      const severity = message.severity === 2 ? 'Error' : 'Warning';
      const detail = `line ${message.line}, col ${message.column}, ${severity} - ${message.message} (${rule})`;
      const element = message.fatal ? 'error' : 'failure';
      output +=
        `<testcase time="0" name="replylint.${attribute(rule)}" classname="${attribute(where)}">` +
        `<${element} message="${attribute(message.message)}" type="${severity.toLowerCase()}"><![CDATA[${cdata(detail)}]]></${element}>` +
        '</testcase>\n';
    }
    output += '</testsuite>\n';
  }
  return `${output}</testsuites>\n`;
}

/** Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/F), shown as their code. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlText(text: string): string {
  return text.replace(NOT_XML, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function attribute(text: string): string {
  return xmlText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** `]]>` would end the section: split it across two. */
function cdata(text: string): string {
  return xmlText(text).replace(/]]>/g, ']]]]><![CDATA[>');
}

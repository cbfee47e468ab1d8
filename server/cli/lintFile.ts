import { detectFormat, fixDocument, isLintedLibrary, lintDocumentWithProblems, readDocument, type DocumentFinding, type DocumentFormat, type Linter } from '../../shared';
import { lintReply } from './lintReply';
import { keepLineEndings, type DecodedReply } from './replyEncoding';

export interface LintedFile {
  format: DocumentFormat;
  /** the file is a macro library: several titled replies, each finding carrying its `item` */
  isLibrary: boolean;
  /** how many replies the file holds (a `.reply` file is one) */
  replies: number;
  /** the text the findings point into: the fixed text when fixes applied */
  text: string;
  findings: DocumentFinding[];
  /** set only when fixing changed the text */
  output?: string;
}

/**
 * Lints one decoded file in the format a rule file names for it (`format:`), or else the
 * one its name and content say: a `.reply` file as one
 * reply, a library as one reply per macro with every position in the file's own
 * characters. With `fix`, safe fixes are applied first, inside the file's syntax (escaped,
 * quoted, indented as the container needs: `fixDocument`), and what is reported is what
 * is left. Returns undefined for a file that `onlyLibrary` asks to skip because it holds no
 * macro library (a README beside the macros), before anything is fixed.
 */
export function lintFile(
  reply: DecodedReply,
  filePath: string,
  linter: Linter,
  options: { fix: boolean; onlyLibrary?: boolean; format?: DocumentFormat },
): LintedFile | undefined {
  const format = options.format ?? detectFormat(filePath, reply.text);
  if (format === 'reply') {
    if (options.onlyLibrary) return undefined;
    return { format, isLibrary: false, replies: 1, ...lintReply(reply, linter, options.fix) };
  }
  const read = readDocument(reply.text, format);
  if (options.onlyLibrary && !isLintedLibrary(read, options.format !== undefined)) return undefined;
  if (options.fix) {
    const fixed = keepLineEndings(fixDocument(reply.text, format, linter).text, reply);
    if (fixed !== reply.text) {
      const document = readDocument(fixed, format);
      return { format, isLibrary: document.isLibrary, replies: document.replies.length, text: fixed, findings: lintDocumentWithProblems(document, linter), output: fixed };
    }
  }
  return { format, isLibrary: read.isLibrary, replies: read.replies.length, text: reply.text, findings: lintDocumentWithProblems(read, linter) };
}

import { linterFor, type DocumentFinding, type Finding, type LintConfig, type Platform } from '../../shared';
import { toFileReport, type FileReport } from './eslintResult';
import { lintFile } from './lintFile';
import { countNuls, decodeReply, encodeReply, type DecodedReply } from './replyEncoding';
import { terminalText } from './terminalText';

/** How a folder search found a file (see LintRun.lintFile). */
export type FoundAs = 'named' | 'matched' | 'candidate';

/**
 * The work of one file, as data, so it runs the same on the main thread and in a worker
 * (`--concurrency`): its configuration is resolved from the rule files beforehand.
 */
export interface FileTask {
  filePath: string;
  how: FoundAs;
  config: LintConfig;
  /** apply safe fixes (--fix, --fix-dry-run, --format diff) */
  fixing: boolean;
  /** --fix: the fixed bytes are wanted, to be written by the main thread */
  writeFixes: boolean;
  /** the main thread makes the report itself (it filters the findings through a baseline first) */
  keepFindings?: boolean;
}

/** A line for stderr; `fails` makes the run exit 2. */
export interface Note {
  text: string;
  fails: boolean;
}

/** What linting one file came to. Plain data: it crosses threads and is what the cache keeps. */
export interface FileOutcome {
  notes: Note[];
  /** undefined when the file is not reported (not a library, binary, nothing in it) */
  report?: FileReport;
  /** the fixed file, to write (only with `writeFixes`) */
  write?: Uint8Array;
  /** with `keepFindings`, in place of `report`: what the report is made of */
  linted?: { text: string; findings: DocumentFinding[]; output?: string; original: string };
}

/** Warnings about how a file was read: worth saying, not failing for. */
export function decodingNotes(filePath: string, reply: DecodedReply): Note[] {
  const notes: Note[] = [];
  if (reply.encoding === 'windows-1252') notes.push({ text: `${terminalText(filePath)}: warning: not valid UTF-8; read as windows-1252`, fails: false });
  const nuls = countNuls(reply.text);
  if (nuls > 0) {
    notes.push({ text: `${terminalText(filePath)}: warning: ${nuls === 1 ? 'a NUL character' : `${nuls} NUL characters`} in the text; linted as text`, fails: false });
  }
  return notes;
}

/** Lints one file's bytes. Never throws: an engine failure is a failing note about that file. */
export function runFileTask(task: FileTask, bytes: Uint8Array): FileOutcome {
  const { filePath, how } = task;
  const notes: Note[] = [];
  try {
    const decoded = decodeReply(bytes);
    if (decoded.kind === 'binary') {
      if (how === 'candidate') return { notes };
      // Not linted is not clean: the exit code must say so, or CI passes a file nobody read.
      notes.push({ text: `${terminalText(filePath)}: looks binary (or UTF-16 without a byte-order mark), skipped`, fails: true });
      return { notes };
    }
    const { reply } = decoded;
    const linter = linterFor(task.config);
    notes.push(...decodingNotes(filePath, reply));
    const format = task.config.format;
    let linted = lintFile(reply, filePath, linter, { fix: task.fixing, onlyLibrary: how === 'candidate', format });
    if (linted === undefined) return { notes };
    if (linted.replies === 0 && linted.findings.length === 0) {
      // A file the user named that holds nothing to lint would otherwise pass CI unread.
      if (how === 'named') {
        const what = linted.format === 'json' || linted.format === 'yaml' || linted.format === 'csv' ? `macro library Replylint reads (${linted.format})` : 'reply';
        notes.push({ text: `${terminalText(filePath)}: no replies found: not a ${what}`, fails: true });
      }
      return { notes };
    }
    let write: Uint8Array | undefined;
    if (task.writeFixes && linted.output !== undefined) {
      // A file that does not read back to its own bytes (UTF-16 with an odd byte count) would be
      // changed outside the fixes too: leave it as it is.
      const fixed = encodeReply(linted.output, reply);
      if (!Buffer.from(bytes).equals(encodeReply(reply.text, reply) ?? Buffer.alloc(0))) {
        notes.push({ text: `${terminalText(filePath)}: fixes not written: the file does not read back byte for byte as ${reply.encoding}`, fails: true });
      } else if (fixed === undefined) {
        notes.push({ text: `${terminalText(filePath)}: fixes not written: they add characters ${reply.encoding} cannot hold`, fails: true });
      } else {
        write = fixed;
      }
      if (write === undefined) linted = lintFile(reply, filePath, linter, { fix: false, format })!;
    }
    const written = write === undefined ? {} : { write };
    if (task.keepFindings) {
      return { notes, ...written, linted: { text: linted.text, findings: linted.findings, output: linted.output, original: reply.text } };
    }
    return { notes, ...written, report: toFileReport(filePath, linted.text, linted.findings, linted.output, reply.text) };
  } catch (error) {
    notes.push({ text: `${terminalText(filePath)}: internal error while linting: ${(error as Error).stack ?? String(error)}`, fails: true });
    return { notes };
  }
}

/** The text of one reply of a large library, sent on its own to a worker (see LintRun.lintLargeLibrary). */
export interface ReplyText {
  text: string;
  platform?: Platform;
  channel?: 'chat';
}

/** Lints replies of one library, each in its own offsets; the main thread maps them to the file. */
export function lintReplyTexts(config: LintConfig, replies: ReplyText[]): Finding[][] {
  const linter = linterFor(config);
  return replies.map((reply) => linter.lint(reply.text, { platform: reply.platform, channel: reply.channel }).findings);
}

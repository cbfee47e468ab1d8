import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinRules, fixCapabilities, type Linter } from '../../shared';
import { version } from '../../package.json';
import { removeStaleTempFiles } from './atomicWrite';
import { FixRefused, foldersOf, writeFixedFile } from './fixWriter';
import { writeReportFile } from './outputFile';
import { terminalText } from './terminalText';
import { parseCliOptions, UsageError, type CliOptions } from './cliOptions';
import { toFileReport, type FileReport } from './eslintResult';
import { findReplyFiles } from './findReplyFiles';
import { formatReport } from './formatReport';
import type { ReportRule } from './reportContext';
import { HELP_TEXT } from './helpText';
import { lintFile } from './lintFile';
import { countNuls, decodeReply, encodeReply, type DecodedReply } from './replyEncoding';
import { formatRuleListing, listRules } from './ruleListing';
import { CliRuleFiles, printConfig } from './ruleFiles';
import { testRules } from './testRules';
import { CliBaseline } from './cliBaseline';
import { initRuleFile } from './initRuleFile';

/** What the CLI needs from its process, so tests can run it in-process too. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Uint8Array>;
  /** paint the stylish report (stdout is a terminal and NO_COLOR is unset) */
  color: boolean;
  /** asks the user a question and returns the answer; only when someone is at a terminal */
  ask?: (question: string) => Promise<string>;
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TROUBLE = 2;

/** Runs one command line and returns its exit code. Never throws. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  try {
    const options = parseCliOptions(args);
    switch (options.action) {
      case 'help':
        io.stdout(HELP_TEXT);
        return EXIT_CLEAN;
      case 'version':
        io.stdout(`${version}\n`);
        return EXIT_CLEAN;
      case 'list-rules': {
        const listings = listRules(builtinRules());
        io.stdout(options.format === 'json' ? `${JSON.stringify(listings, null, 2)}\n` : formatRuleListing(listings));
        return EXIT_CLEAN;
      }
      case 'print-config':
        return printConfig(options, io.cwd, io.stdout, io.stderr);
      case 'test-rules':
        return testRules(options, io.cwd, io.stdout, io.stderr);
      case 'init':
        return await initRuleFile(io);
      case 'lint':
        return await lintCommand(options, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`replylint: ${error.message}\nRun "replylint --help" for usage.\n`);
    } else {
      io.stderr(`replylint: internal error: ${(error as Error).stack ?? String(error)}\n`);
    }
    return EXIT_TROUBLE;
  }
}

async function lintCommand(options: CliOptions, io: CliIo): Promise<number> {
  const baseline = CliBaseline.open(options, io.cwd);
  if (baseline && 'problem' in baseline) {
    io.stderr(`${baseline.problem}\n`);
    return EXIT_TROUBLE;
  }
  const run = new LintRun(options, io, baseline);
  if (options.stdin) {
    const filePath = options.stdinFilename === undefined ? '<text>' : resolve(io.cwd, options.stdinFilename);
    if (options.stdinFilename !== undefined && isFolder(filePath)) {
      io.stderr(`${terminalText(filePath)}: --stdin-filename names a folder; give the file name the text will have\n`);
      return EXIT_TROUBLE;
    }
    run.lintBytes(filePath, await io.readStdin(), false, 'named');
  } else {
    const search = findReplyFiles(options.patterns, io.cwd);
    if (search.missing.length > 0) {
      for (const problem of search.missing) io.stderr(`replylint: ${terminalText(problem)}\n`);
      return EXIT_TROUBLE;
    }
    run.roots = search.roots;
    if (options.fix) {
      for (const folder of foldersOf(search.files)) {
        const removed = removeStaleTempFiles(folder).length;
        if (removed > 0) io.stderr(`${terminalText(folder)}: removed ${removed} temp ${removed === 1 ? 'file' : 'files'} left by an interrupted --fix\n`);
      }
    }
    for (const problem of search.unreadable) run.fail(terminalText(problem));
    for (const file of search.files) run.lintFile(file, search.libraryCandidates.has(file) ? 'candidate' : search.named.has(file) ? 'named' : 'matched');
    if (run.reports.length === 0 && search.unreadable.length === 0 && !run.troubledRun) {
      io.stderr(`replylint: no replies or macro libraries found in ${terminalText(options.patterns.join(' '))}\n`);
    }
  }

  if (baseline) {
    try {
      for (const line of baseline.finish()) io.stderr(`${line}\n`);
    } catch (error) {
      run.fail(`${terminalText(baseline.path)}: cannot write the baseline (${errorCode(error)})`);
    }
  }
  const reportText = formatReport(run.reports, options.format, {
    color: io.color && options.outputFile === undefined,
    cwd: io.cwd,
    rules: run.rules(),
    version,
  });
  if (options.outputFile !== undefined) {
    const target = resolve(io.cwd, options.outputFile);
    try {
      writeReportFile(target, reportText, io);
    } catch (error) {
      io.stderr(`${terminalText(target)}: cannot write the report (${errorCode(error)})\n`);
      return EXIT_TROUBLE;
    }
  } else {
    io.stdout(reportText);
  }
  return run.exitCode();
}

type FoundAs = 'named' | 'matched' | 'candidate';

/** The files of one run: their reports, and whether anything went wrong outside the findings. */
class LintRun {
  readonly reports: FileReport[] = [];
  /** the real folders the command line names: --fix writes nowhere else */
  roots: readonly string[] = [];
  private troubled = false;
  private readonly ruleFiles: CliRuleFiles;
  /** the configurations files were linted with: SARIF lists their rules */
  private readonly linters = new Set<Linter>();

  constructor(
    private readonly options: CliOptions,
    private readonly io: CliIo,
    private readonly baseline?: CliBaseline,
  ) {
    this.ruleFiles = new CliRuleFiles(options, io.cwd, (line) => this.fail(line));
  }

  get troubledRun(): boolean {
    return this.troubled;
  }

  fail(message: string): void {
    this.troubled = true;
    this.io.stderr(`${message}\n`);
  }

  /**
   * `how` the search found the file: named on the command line (a file with no reply in it
   * is then a mistake), matched by a glob, or a candidate of a folder search (linted only
   * when it holds a macro library).
   */
  lintFile(file: string, how: FoundAs): void {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      this.fail(`${terminalText(file)}: cannot read (${errorCode(error)})`);
      return;
    }
    this.lintBytes(file, bytes, this.options.fix, how);
  }

  lintBytes(filePath: string, bytes: Uint8Array, writeFixes: boolean, how: FoundAs): void {
    try {
      // A rule file is the team's settings, never a macro library, wherever a folder search finds it.
      if (how === 'candidate' && (this.ruleFiles.isRuleFile(filePath) || filePath === this.baseline?.path)) return;
      // <text> (stdin without a name) is linted with the rule files of the current folder
      const configured = this.ruleFiles.linterFor(filePath === '<text>' ? resolve(this.io.cwd, '<text>') : filePath);
      if (!('linter' in configured)) return;
      const { linter } = configured;
      this.linters.add(linter);
      const decoded = decodeReply(bytes);
      if (decoded.kind === 'binary') {
        if (how === 'candidate') return;
        // Not linted is not clean: the exit code must say so, or CI passes a file nobody read.
        this.fail(`${terminalText(filePath)}: looks binary (or UTF-16 without a byte-order mark), skipped`);
        return;
      }
      const { reply } = decoded;
      if (reply.encoding === 'windows-1252') {
        this.io.stderr(`${terminalText(filePath)}: warning: not valid UTF-8; read as windows-1252\n`);
      }
      const nuls = countNuls(reply.text);
      if (nuls > 0) {
        this.io.stderr(`${terminalText(filePath)}: warning: ${nuls === 1 ? 'a NUL character' : `${nuls} NUL characters`} in the text; linted as text\n`);
      }
      const fixing = this.options.fix || this.options.fixDryRun;
      let linted = lintFile(reply, filePath, linter, { fix: fixing, onlyLibrary: how === 'candidate' });
      if (linted === undefined) return;
      if (linted.replies === 0 && linted.findings.length === 0) {
        // A file the user named that holds nothing to lint would otherwise pass CI unread.
        if (how === 'named') this.fail(`${terminalText(filePath)}: no replies found: not a ${linted.format === 'json' || linted.format === 'yaml' || linted.format === 'csv' ? `macro library Replylint reads (${linted.format})` : 'reply'}`);
        return;
      }
      if (writeFixes && linted.output !== undefined) {
        const written = this.writeFixes(filePath, linted.output, reply, bytes);
        if (!written) linted = lintFile(reply, filePath, linter, { fix: false })!;
      }
      const findings = this.baseline ? this.baseline.filter(filePath, linted.text, linted.findings) : linted.findings;
      this.reports.push(toFileReport(filePath, linted.text, findings, linted.output, reply.text));
    } catch (error) {
      this.fail(`${terminalText(filePath)}: internal error while linting: ${(error as Error).stack ?? String(error)}`);
    }
  }

  private writeFixes(filePath: string, output: string, reply: DecodedReply, original: Uint8Array): boolean {
    // A file that does not read back to its own bytes (UTF-16 with an odd byte count) would be
    // changed outside the fixes too: leave it as it is.
    if (!Buffer.from(original).equals(encodeReply(reply.text, reply) ?? Buffer.alloc(0))) {
      this.fail(`${terminalText(filePath)}: fixes not written: the file does not read back byte for byte as ${reply.encoding}`);
      return false;
    }
    const bytes = encodeReply(output, reply);
    if (bytes === undefined) {
      this.fail(`${terminalText(filePath)}: fixes not written: they add characters ${reply.encoding} cannot hold`);
      return false;
    }
    try {
      writeFixedFile(filePath, bytes, this.roots);
      return true;
    } catch (error) {
      if (error instanceof FixRefused) this.fail(`${terminalText(filePath)}: ${terminalText(error.message)}`);
      else this.fail(`${terminalText(filePath)}: fixes not written (${errorCode(error)})`);
      return false;
    }
  }

  /** Every rule that ran on some file, at the severity it first ran at, in rule order. */
  rules(): ReportRule[] {
    const rules = new Map<string, ReportRule>();
    for (const linter of this.linters) {
      for (const rule of linter.rules) {
        if (rules.has(rule.definition.id)) continue;
        rules.set(rule.definition.id, {
          id: rule.definition.id,
          severity: rule.severity,
          summary: rule.definition.summary ?? '',
          docs: rule.definition.docs,
          fixable: fixCapabilities(rule.definition).fixable,
        });
      }
    }
    return [...rules.values()];
  }

  exitCode(): number {
    if (this.troubled) return EXIT_TROUBLE;
    const errors = this.reports.reduce((sum, report) => sum + report.result.errorCount, 0);
    const warnings = this.reports.reduce((sum, report) => sum + report.result.warningCount, 0);
    if (errors > 0) return EXIT_FINDINGS;
    const { maxWarnings } = this.options;
    if (maxWarnings !== undefined && warnings > maxWarnings) {
      this.io.stderr(`replylint: ${warnings} warnings, more than --max-warnings ${maxWarnings} allows\n`);
      return EXIT_FINDINGS;
    }
    return EXIT_CLEAN;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message ?? String(error);
}

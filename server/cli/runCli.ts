import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { builtinRules, detectFormat, documentFindings, fixCapabilities, readDocument, withProblems, type Finding, type Linter } from '../../shared';
import { version } from '../../package.json';
import { removeStaleTempFiles } from './atomicWrite';
import { FixRefused, foldersOf, writeFixedFile } from './fixWriter';
import { writeReportFile } from './outputFile';
import { terminalText } from './terminalText';
import { parseCliOptions, UsageError, type CliOptions } from './cliOptions';
import { CliBaseline } from './cliBaseline';
import { initRuleFile } from './initRuleFile';
import { countsOf, toFileReport, type FileReport } from './eslintResult';
import { findReplyFiles } from './findReplyFiles';
import { formatReport } from './formatReport';
import type { ReportRule } from './reportContext';
import { HELP_TEXT } from './helpText';
import { decodingNotes, runFileTask, type FileOutcome, type FileTask, type FoundAs } from './fileTask';
import { LintCache } from './lintCache';
import { LintPool } from './lintPool';
import { ProgressLine } from './progressLine';
import { decodeReply } from './replyEncoding';
import { formatRuleListing, listRules } from './ruleListing';
import { CliRuleFiles, printConfig } from './ruleFiles';
import { testRules } from './testRules';

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
  /** show a progress line on stderr (a terminal, not CI) */
  progress?: boolean;
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
    run.lintBytes(filePath, await io.readStdin(), 'named');
  } else {
    const search = findReplyFiles(options.patterns, io.cwd);
    if (search.missing.length > 0) {
      for (const problem of search.missing) io.stderr(`replylint: ${terminalText(problem)}\n`);
      return EXIT_TROUBLE;
    }
    run.roots = search.roots;
    const files = options.shard ? shardOf(search.files, options.shard) : search.files;
    if (options.fix) {
      for (const folder of foldersOf(files)) {
        const removed = removeStaleTempFiles(folder).length;
        if (removed > 0) io.stderr(`${terminalText(folder)}: removed ${removed} temp ${removed === 1 ? 'file' : 'files'} left by an interrupted --fix\n`);
      }
    }
    for (const problem of search.unreadable) run.fail(terminalText(problem));
    await run.lintFiles(files.map((file) => ({ path: file, how: search.libraryCandidates.has(file) ? 'candidate' : search.named.has(file) ? 'named' : 'matched' })));
    // An empty shard of a library is normal in a job matrix; an empty search is not.
    if (run.reports.length === 0 && search.unreadable.length === 0 && !run.troubledRun && !(options.shard && search.files.length > 0)) {
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

/**
 * `--shard i/n`: every n-th file of the sorted list, starting at the i-th. Sorted by path in
 * code-unit order, so every job of a matrix draws the same lines on every machine, and the
 * parts differ by one file at most.
 */
function shardOf(files: string[], shard: { index: number; count: number }): string[] {
  return files.filter((_, position) => position % shard.count === shard.index - 1);
}

/** What the main thread knows of a file before linting it. */
type Prepared = { outcome: FileOutcome } | { task: FileTask; bytes: Uint8Array; cacheKey?: string };

/** The files of one run: their reports, and whether anything went wrong outside the findings. */
class LintRun {
  readonly reports: FileReport[] = [];
  /** the real folders the command line names: --fix writes nowhere else */
  roots: readonly string[] = [];
  private troubled = false;
  private readonly ruleFiles: CliRuleFiles;
  /** the configurations files were linted with: SARIF lists their rules */
  private readonly linters = new Set<Linter>();
  private readonly cache: LintCache | undefined;
  private readonly progress: ProgressLine;

  constructor(
    private readonly options: CliOptions,
    private readonly io: CliIo,
    private readonly baseline?: CliBaseline,
  ) {
    this.ruleFiles = new CliRuleFiles(options, io.cwd, (line) => this.fail(line));
    // A baseline is matched against every finding of every file linted (and says which of its
    // entries matched none), so with one the cache stands aside.
    if (options.cache && !options.stdin && !baseline) {
      const { cache, warning } = LintCache.load(cacheLocation(options, io.cwd), version);
      if (warning) io.stderr(`${terminalText(cache.location)}: ${warning}\n`);
      this.cache = cache;
    }
    this.progress = new ProgressLine(io.progress ? io.stderr : undefined);
  }

  get troubledRun(): boolean {
    return this.troubled;
  }

  fail(message: string): void {
    this.troubled = true;
    this.progress.clear();
    this.io.stderr(`${message}\n`);
  }

  /**
   * Lints the files found, in order. `how` the search found each: named on the command line
   * (a file with no reply in it is then a mistake), matched by a glob, or a candidate of a
   * folder search (linted only when it holds a macro library). With --concurrency the linting
   * happens in worker threads; the outcomes are taken in file order here, where stderr, writes,
   * the cache and the report are.
   */
  async lintFiles(files: Array<{ path: string; how: FoundAs }>): Promise<void> {
    const threads = threadCount(
      this.options.concurrency,
      files.map((file) => file.path),
    );
    // Started at the first file the cache does not hold: a warm run starts no thread.
    let pool: LintPool | undefined;
    const poolNow = () => (pool ??= new LintPool(__filename, threads));
    // With many files every thread has whole files to lint; splitting one by macro would only
    // move its reading and mapping onto this thread.
    const fewFiles = files.length < 4 * threads;
    this.progress.start(files.length);
    try {
      const outcomes: Array<{ file: string; prepared: Prepared; outcome: Promise<FileOutcome> | FileOutcome }> = [];
      for (const { path, how } of files) {
        const prepared = this.prepare(path, readFileSync, how);
        if (!prepared) continue;
        if (threads > 1 && 'task' in prepared) {
          const { task, bytes } = prepared;
          // A large library is split by macro over the threads; anything else goes whole to one.
          const outcome =
            fewFiles && splitsByMacro(task, bytes) ? this.lintLargeLibrary(poolNow(), task, bytes, threads) : poolNow().run(task, bytes);
          outcomes.push({ file: path, prepared, outcome: outcome.then(this.progress.ticker()) });
          continue;
        }
        const outcome = 'outcome' in prepared ? prepared.outcome : runFileTask(prepared.task, prepared.bytes);
        this.progress.tick();
        // On one thread each file is taken as it comes; with workers, behind those still running.
        if (threads > 1) outcomes.push({ file: path, prepared, outcome });
        else this.accept(path, prepared, outcome);
      }
      for (const { file, prepared, outcome } of outcomes) this.accept(file, prepared, await outcome);
    } finally {
      this.progress.clear();
      await (pool as LintPool | undefined)?.close();
      this.cache?.save();
    }
  }

  /**
   * One large library over every thread: read here, its macros linted in parts on the workers,
   * their findings mapped back to the file here. Found as a whole-file task would find it, so
   * the outcome is the same; whatever is not a library goes to one worker whole.
   */
  private async lintLargeLibrary(pool: LintPool, task: FileTask, bytes: Uint8Array, threads: number): Promise<FileOutcome> {
    const decoded = decodeReply(bytes);
    if (decoded.kind === 'binary') return pool.run(task, bytes);
    const { reply } = decoded;
    const format = task.config.format ?? detectFormat(task.filePath, reply.text);
    const document = format === 'reply' ? undefined : readDocument(reply.text, format);
    if (!document?.isLibrary || document.replies.length < 2 * threads) return pool.run(task, bytes);
    const replies = document.replies.map((item) => ({ text: item.body.text, platform: item.platform, channel: item.channel }));
    // Several parts per thread, so a thread that finishes early takes another.
    const size = Math.ceil(replies.length / (threads * 4));
    const parts: Array<Promise<Finding[][]>> = [];
    for (let start = 0; start < replies.length; start += size) parts.push(pool.lintReplies(task.config, replies.slice(start, start + size), task.filePath));
    try {
      const findings = withProblems(document, documentFindings(document, (await Promise.all(parts)).flat()));
      return { notes: decodingNotes(task.filePath, reply), report: toFileReport(task.filePath, reply.text, findings) };
    } catch (error) {
      return { notes: [{ text: `${terminalText(task.filePath)}: internal error while linting: ${(error as Error).message}`, fails: true }] };
    }
  }

  /** Lints text that is already here (--stdin). */
  lintBytes(filePath: string, bytes: Uint8Array, how: FoundAs): void {
    const prepared = this.prepare(filePath, () => bytes, how);
    if (!prepared) return;
    this.accept(filePath, prepared, 'outcome' in prepared ? prepared.outcome : runFileTask(prepared.task, prepared.bytes));
  }

  /** The configuration and bytes of a file, or its outcome when that is already known (cached, or unreadable). */
  private prepare(filePath: string, read: (path: string) => Uint8Array, how: FoundAs): Prepared | undefined {
    // A rule file is the team's settings, never a macro library, wherever a folder search finds it.
    if (how === 'candidate' && (this.ruleFiles.isRuleFile(filePath) || filePath === this.baseline?.path)) return undefined;
    // <text> (stdin without a name) is linted with the rule files of the current folder
    const configured = this.ruleFiles.linterFor(filePath === '<text>' ? resolve(this.io.cwd, '<text>') : filePath);
    if (!('linter' in configured)) return undefined;
    this.linters.add(configured.linter);
    let bytes: Uint8Array;
    try {
      bytes = read(filePath);
    } catch (error) {
      return { outcome: { notes: [{ text: `${terminalText(filePath)}: cannot read (${errorCode(error)})`, fails: true }] } };
    }
    const fixing = this.options.fix || this.options.fixDryRun;
    const task: FileTask = {
      filePath,
      how,
      config: configured.config,
      fixing,
      writeFixes: this.options.fix && !this.options.stdin,
      keepFindings: this.baseline !== undefined,
    };
    if (!this.cache) return { task, bytes };
    const cacheKey = this.cache.keyOf(bytes, configured.config, how);
    const cached = this.cache.get(filePath, cacheKey, fixing, () => {
      // The cache keeps no copy of the text; a result with messages carries it, as ESLint's does.
      const decoded = decodeReply(bytes);
      return decoded.kind === 'text' ? decoded.reply.text : undefined;
    });
    return cached ? { outcome: cached } : { task, bytes, cacheKey };
  }

  /** Takes one file's outcome: its notes to stderr, its fixes to disk, its result to the report and the cache. */
  private accept(filePath: string, prepared: Prepared, taken: FileOutcome): void {
    let outcome = taken;
    for (const note of outcome.notes) {
      if (note.fails) this.fail(note.text);
      else {
        this.progress.clear();
        this.io.stderr(`${note.text}\n`);
      }
    }
    let { report } = outcome;
    if (outcome.write !== undefined && 'task' in prepared) {
      if (!this.writeFixes(filePath, outcome.write)) {
        outcome = runFileTask({ ...prepared.task, fixing: false, writeFixes: false }, prepared.bytes);
        report = outcome.report;
      }
    } else if ('task' in prepared && prepared.cacheKey !== undefined) {
      this.cache?.set(filePath, prepared.cacheKey, outcome);
    }
    if (outcome.linted && this.baseline) {
      const { text, findings, output, original } = outcome.linted;
      report = toFileReport(filePath, text, this.baseline.filter(filePath, text, findings), output, original);
    }
    if (report) this.reports.push(report);
  }

  private writeFixes(filePath: string, bytes: Uint8Array): boolean {
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
    const errors = this.reports.reduce((sum, report) => sum + countsOf(report).errorCount, 0);
    const warnings = this.reports.reduce((sum, report) => sum + countsOf(report).warningCount, 0);
    if (errors > 0) return EXIT_FINDINGS;
    const { maxWarnings } = this.options;
    if (maxWarnings !== undefined && warnings > maxWarnings) {
      this.io.stderr(`replylint: ${warnings} warnings, more than --max-warnings ${maxWarnings} allows\n`);
      return EXIT_FINDINGS;
    }
    return EXIT_CLEAN;
  }
}

/**
 * Past this size a library's macros are shared out over the threads when there are few files
 * (a single export of 100,000 macros is one file), not linted by one. Not when fixing (fixes are applied file-wide,
 * pass after pass) nor with a baseline (it filters whole files).
 */
const SPLIT_BYTES = 512 * 1024;

function splitsByMacro(task: FileTask, bytes: Uint8Array): boolean {
  return bytes.length >= SPLIT_BYTES && !task.fixing && !task.keepFindings;
}

/**
 * `--concurrency auto`: a thread per core, but no more threads than files, and none for a
 * handful, unless one of them is a library large enough to share out by macro.
 */
function threadCount(concurrency: number | 'auto', files: string[]): number {
  if (concurrency === 1) return 1;
  const large = files.some((file) => sizeOf(file) >= SPLIT_BYTES);
  if (concurrency !== 'auto') return large ? concurrency : Math.min(concurrency, Math.max(1, files.length));
  if (files.length < 4 && !large) return 1;
  return Math.max(1, large ? availableParallelism() : Math.min(availableParallelism(), files.length));
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** `--cache-location`: a file, or a folder (existing, or written with a trailing slash) to keep `.replylintcache` in. */
function cacheLocation(options: CliOptions, cwd: string): string {
  const given = options.cacheLocation;
  if (given === undefined) return resolve(cwd, '.replylintcache');
  const path = resolve(cwd, given);
  return /[\\/]$/.test(given) || isFolder(path) ? resolve(path, '.replylintcache') : path;
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

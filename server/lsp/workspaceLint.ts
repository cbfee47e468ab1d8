import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type TextDocuments,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectFormat, isLintedLibrary, LineIndex, lintDocumentWithProblems, linterFor, readDocument } from '../../shared/index';
import { decodeReply } from '../cli/replyEncoding';
import { toDiagnostics } from './diagnostics';
import { lintConfigFor, type ReplylintSettings } from './settings';
import { describe, type SettingsStore } from './settingsStore';
import { findWorkspaceFiles, isWorkspaceFileName } from './workspaceFiles';
import type { EditorRuleFiles } from './editorRuleFiles';

/**
 * `replylint/lintWorkspace`: lints every reply and macro library under the workspace folders,
 * including files no editor has open, and publishes their diagnostics, so Problems lists
 * them all. Reports `window/workDoneProgress` (on the client's token, or one the server
 * creates) and stops when the request or the progress is cancelled; what was linted by then
 * stays published. A server request, not a VS Code command, so any LSP client can offer it.
 */
export const LINT_WORKSPACE_REQUEST = 'replylint/lintWorkspace';

export interface LintWorkspaceResult {
  /** files linted (open documents count, with their live findings) */
  files: number;
  /** files found, linted or not (a file found by a library extension counts only when it holds a library) */
  total: number;
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
  /** workspace folders that are not on disk (virtual workspaces) and were skipped */
  skippedFolders: string[];
}

/** A cancellation that is either the request's or the progress's. */
type Cancelled = () => boolean;

const PROGRESS_INTERVAL_MS = 100;
/**
 * Files between two round trips to the client. Diagnostics are notifications: a server can
 * send thousands faster than an editor takes them in, and a cancellation then arrives only
 * after the whole backlog, when the lint is long over. Waiting for an answer every so many
 * files keeps the server close behind the client.
 */
const FILES_PER_ROUND_TRIP = 100;

export class WorkspaceLint {
  /** the files whose diagnostics the last workspace lint published, by URI */
  private published = new Set<string>();
  private ran = false;
  /** a new run supersedes the one in flight */
  private generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly folders: () => string[],
    private readonly canPullSettings: () => boolean,
    private readonly ruleFiles?: Pick<EditorRuleFiles, 'configFor' | 'isRuleFile'>,
  ) {}

  /** One round trip to a client that answers workspace/configuration; nothing for one that does not. */
  private async roundTrip(): Promise<void> {
    if (!this.canPullSettings()) return;
    try {
      await this.connection.workspace.getConfiguration({ section: 'replylint' });
    } catch {
      // pacing only
    }
  }

  async run(progress: WorkDoneProgressReporter, isCancelled: Cancelled): Promise<LintWorkspaceResult> {
    const generation = ++this.generation;
    const cancelled = () => isCancelled() || generation !== this.generation;
    const started = performance.now();
    progress.begin('Replylint: linting the workspace', 0, 'finding replies…', true);
    const result: LintWorkspaceResult = { files: 0, total: 0, findings: 0, filesWithFindings: 0, cancelled: false, skippedFolders: [] };
    try {
      const work: Array<{ uri: string; path: string; settings: ReplylintSettings; onlyLibrary: boolean }> = [];
      for (const folderUri of this.folders()) {
        if (cancelled()) break;
        if (!folderUri.startsWith('file:')) {
          result.skippedFolders.push(folderUri);
          continue;
        }
        const folder = fileURLToPath(folderUri);
        const settings = await this.settings.get(folderUri);
        if (!settings.enable) continue;
        const found = findWorkspaceFiles(folder, await this.excludePatterns(folderUri));
        for (const problem of found.unreadable) this.connection.console.warn(`Replylint workspace lint: ${problem}`);
        for (const path of found.files) work.push({ uri: pathToFileURL(path).href, path, settings, onlyLibrary: found.libraryCandidates.has(path) });
      }
      result.total = work.length;
      const stillPublished = new Set<string>();
      let reported = performance.now();
      for (const [index, file] of work.entries()) {
        if (cancelled()) break;
        const count = await this.lintFile(file.uri, file.path, file.settings, file.onlyLibrary);
        // Found by its extension, but not a macro library: not a file of the workspace's replies.
        if (count === null) result.total--;
        if (count !== undefined && count !== null) {
          result.files++;
          result.findings += count;
          if (count > 0) result.filesWithFindings++;
          stillPublished.add(file.uri);
        }
        if (performance.now() - reported > PROGRESS_INTERVAL_MS) {
          reported = performance.now();
          progress.report((100 * (index + 1)) / work.length, `${index + 1} of ${work.length} files`);
        }
        // Lets a cancellation, a keystroke or a hover in between.
        await new Promise((resolve) => setImmediate(resolve));
        if ((index + 1) % FILES_PER_ROUND_TRIP === 0) await this.roundTrip();
      }
      result.cancelled = cancelled();
      if (!result.cancelled) {
        // Files gone since the last run, or now excluded: their findings go too.
        for (const uri of this.published) {
          if (!stillPublished.has(uri) && !this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
        }
        this.published = stillPublished;
      } else {
        for (const uri of stillPublished) this.published.add(uri);
      }
      this.ran = true;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      this.connection.console.info(
        `Replylint ${result.cancelled ? 'stopped the workspace lint after' : 'linted the workspace:'} ${result.files} of ${result.total} files, ` +
          `${result.findings} findings in ${result.filesWithFindings} files (${seconds} s).`,
      );
      return result;
    } finally {
      progress.done();
    }
  }

  /** Whether a workspace lint has published findings that a later change must keep true. */
  get active(): boolean {
    return this.ran;
  }

  /** Settings changed: the files of the last workspace lint are linted again, quietly. */
  settingsChanged(): void {
    if (!this.ran) return;
    void this.run({ begin: () => undefined, report: () => undefined, done: () => undefined }, () => false).catch((error: unknown) =>
      this.connection.console.error(`Replylint could not lint the workspace again: ${describe(error)}`),
    );
  }

  /**
   * A document of the workspace lint was closed: what the editor showed was its unsaved text;
   * what Problems should show now is the file on disk.
   */
  async closed(uri: string): Promise<void> {
    if (!this.published.has(uri)) return;
    await this.relint(uri);
  }

  /** A file changed, appeared or went away on disk (workspace/didChangeWatchedFiles). */
  async changedOnDisk(uri: string, deleted: boolean): Promise<void> {
    if (!this.ran || this.documents.get(uri)) return;
    if (deleted) {
      if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    if (!this.published.has(uri) && !this.isWorkspaceFile(uri)) return;
    await this.relint(uri);
  }

  /** A new file is linted when a workspace lint would have found it: under a folder, with a name the search takes. */
  private isWorkspaceFile(uri: string): boolean {
    if (!uri.startsWith('file:')) return false;
    const path = fileURLToPath(uri);
    if (!isWorkspaceFileName(path)) return false;
    return this.folders().some((folderUri) => folderUri.startsWith('file:') && isInside(path, fileURLToPath(folderUri)));
  }

  private async relint(uri: string): Promise<void> {
    if (this.documents.get(uri)) return;
    const settings = await this.settings.get(uri);
    const path = fileURLToPath(uri);
    const onlyLibrary = !path.toLowerCase().endsWith('.reply');
    const count = settings.enable ? await this.lintFile(uri, path, settings, onlyLibrary) : undefined;
    if (count === undefined || count === null) {
      this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    } else {
      this.published.add(uri);
    }
  }

  /**
   * Lints one file and publishes its diagnostics; returns how many, undefined when it could
   * not be read, or null when `onlyLibrary` and it holds no macro library (a README beside
   * the macros, found by its extension). An open document keeps its live diagnostics and is only counted.
   */
  private async lintFile(uri: string, path: string, settings: ReplylintSettings, onlyLibrary: boolean): Promise<number | undefined | null> {
    const open = this.documents.get(uri);
    const team = this.ruleFiles?.configFor(uri);
    if (team?.effective.ignored || this.ruleFiles?.isRuleFile(uri)) return null;
    const config = lintConfigFor(settings, team?.lintConfig);
    const linter = linterFor(config);
    if (open) {
      const document = readDocument(open.getText(), config.format ?? detectFormat(path, open.getText()));
      if (onlyLibrary && !isLintedLibrary(document, config.format !== undefined)) return null;
      return lintDocumentWithProblems(document, linter).length;
    }
    let text: string;
    try {
      const decoded = decodeReply(await readFile(path));
      if (decoded.kind === 'binary') return undefined;
      text = decoded.reply.text;
    } catch (error) {
      this.connection.console.warn(`Replylint workspace lint: cannot read ${path}: ${describe(error)}`);
      return undefined;
    }
    try {
      // A rule file's `format:` for the file's glob, or what its name and content say.
      const document = readDocument(text, config.format ?? detectFormat(path, text));
      if (onlyLibrary && !isLintedLibrary(document, config.format !== undefined)) return null;
      const findings = lintDocumentWithProblems(document, linter);
      const docs = new Map(linter.rules.map((rule) => [rule.definition.id, rule.definition.docs]));
      // Version 0: no editor version has it, so code actions wait for the lint of the opened document.
      const diagnostics: Diagnostic[] = toDiagnostics(findings, new LineIndex(text), 0, (ruleId) => docs.get(ruleId));
      void this.connection.sendDiagnostics({ uri, diagnostics });
      return diagnostics.length;
    } catch (error) {
      this.connection.console.error(`Replylint could not lint ${path}: ${describe(error)}`);
      return undefined;
    }
  }

  /** `files.exclude` of the folder, from a client that answers for it (VS Code does); none otherwise. */
  private async excludePatterns(folderUri: string): Promise<string[]> {
    if (!this.canPullSettings()) return [];
    try {
      const value: unknown = await this.connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'files.exclude' });
      if (!value || typeof value !== 'object') return [];
      return Object.entries(value as Record<string, unknown>)
        .filter(([, on]) => on === true)
        .map(([pattern]) => pattern);
    } catch {
      return [];
    }
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The request's cancellation, or the server-created progress's, whichever comes. */
export function eitherCancelled(...tokens: Array<CancellationToken | undefined>): Cancelled {
  return () => tokens.some((token) => token?.isCancellationRequested === true);
}

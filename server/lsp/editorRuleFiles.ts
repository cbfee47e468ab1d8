import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EffectiveConfig } from '../../shared/config/cascade';
import type { LintConfig } from '../../shared/index';
import { readRuleFileFromDisk, RuleFileResolver, type ConfigError } from '../config/ruleFileResolver';
import { BaselineMatcher, findingFingerprint, type BaselineData } from '../../shared/config/baseline';
import { baselineKey, DEFAULT_BASELINE_NAME, readBaselineFile, writeBaselineFile } from '../config/baselineFile';
import { SOURCE } from './diagnostics';
import { describe } from './settingsStore';

/** `.replylint.yaml` and a shared `team.replylint.yaml`: rule files by name. */
const RULE_FILE_NAME = /(?:^|\.)replylint\.(?:ya?ml|json)$/i;
/** Folders watched when the client sends no file events: the path of a reply up to the root, bounded. */
const MAX_WATCHED_DEPTH = 16;
const MAX_WATCHED_FOLDERS = 256;
/** Typing in a rule file re-lints every reply it governs: wait for a pause, well within a second. */
const RULE_FILE_DEBOUNCE_MS = 150;

/** What a reply is linted with from the team's rule files, and the findings its baseline accepts. */
export interface DocumentRuleFiles {
  lintConfig: LintConfig;
  effective: EffectiveConfig;
  /** the findings left once the team's baseline (.replylint-baseline.json) took the ones it accepts */
  notAccepted?: <T extends { ruleId: string | null; start: number; end: number }>(text: string, findings: T[]) => T[];
}

/**
 * The team's rule files, as the editor sees them: the text of an open rule file is its unsaved
 * buffer, so a reply follows the rule file as it is typed; a rule file with problems keeps
 * what it said when it last had none, and shows its problems as diagnostics on itself. Each
 * reply resolves its own cascade from its own folder, so every root of a multi-root workspace
 * gets its own rule files.
 */
export class EditorRuleFiles {
  private readonly resolver: RuleFileResolver;
  /** rule files with diagnostics published, and what was published, to clear or skip repeats */
  private readonly published = new Map<string, string>();
  /** rule files some open reply's cascade read: a change to any of them re-lints the replies */
  private readonly dependencies = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** baseline files by path: their data, or null when there is none (or it cannot be read) */
  private readonly baselines = new Map<string, BaselineData | null>();
  /** called when rule files changed: every open reply must be linted again */
  onChange: () => void = () => {};
  /** folders watched by this process, for clients that do not send workspace/didChangeWatchedFiles */
  private readonly folderWatchers = new Map<string, FSWatcher>();
  private watchFoldersOurselves = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    /** the workspace folders' URIs: the editor's baseline is at the root of the folder a reply is in */
    private readonly folders: () => string[] = () => [],
  ) {
    this.resolver = new RuleFileResolver({
      lookup: true,
      cwd: process.cwd(),
      keepLastGood: true,
      read: (path) => this.openText(path) ?? readRuleFileFromDisk(path),
    });
  }

  /**
   * For a client that cannot be asked for file events (no dynamic registration of
   * workspace/didChangeWatchedFiles, as Neovim on Linux): watch the folders a reply's rule files
   * could be in, so saving, creating or deleting one still reloads within a second.
   */
  watchFilesOurselves(): void {
    this.watchFoldersOurselves = true;
  }

  dispose(): void {
    for (const watcher of this.folderWatchers.values()) watcher.close();
    this.folderWatchers.clear();
  }

  /** Whether a document is a rule file (never linted as a reply). */
  isRuleFile(uri: string): boolean {
    const path = filePath(uri);
    if (path === undefined) return false;
    return RULE_FILE_NAME.test(basename(path)) || this.dependencies.has(path);
  }

  /** The rule-file configuration of a reply, or undefined when it is not a file on disk (untitled). */
  configFor(uri: string): DocumentRuleFiles | undefined {
    const path = filePath(uri);
    if (path === undefined) return undefined;
    try {
      const resolved = this.resolver.resolve(path);
      let added = false;
      for (const file of resolved.dependencies) {
        if (!this.dependencies.has(file)) added = this.dependencies.add(file) !== undefined;
      }
      if (added || resolved.errors.length > 0) this.publishSoon();
      if (this.watchFoldersOurselves) this.watchAround(path, resolved.dependencies);
      const baselinePath = this.baselinePathFor(path);
      const baseline = this.baselineAt(baselinePath);
      const key = baselineKey(baselinePath, path);
      const notAccepted =
        baseline && key !== undefined && baseline.files[key]
          ? <T extends { ruleId: string | null; start: number; end: number }>(text: string, findings: T[]) => new BaselineMatcher(baseline).filter(key, text, findings)
          : undefined;
      return { lintConfig: resolved.lintConfig, effective: resolved.effective, notAccepted };
    } catch (error) {
      // A rule file must never stop replies being linted: lint with the defaults and say why.
      this.connection.console.error(`Replylint could not read the rule files for ${uri}: ${describe(error)}`);
      return undefined;
    }
  }

  /** An open rule file was typed in, opened or closed: its buffer (or the disk) is the rule file now. */
  bufferChanged(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reload();
    }, RULE_FILE_DEBOUNCE_MS);
  }

  /** Files changed on disk (workspace/didChangeWatchedFiles): reload when a rule file or a baseline is among them. */
  changedOnDisk(uris: string[]): void {
    if (uris.some((uri) => this.isRuleFile(uri) || this.isBaseline(uri))) this.reload();
  }

  isBaseline(uri: string): boolean {
    const path = filePath(uri);
    return path !== undefined && basename(path) === DEFAULT_BASELINE_NAME;
  }

  /**
   * "Ignore this finding": records the finding in the team's baseline (the same file
   * `replylint --baseline` reads), by rule and the fingerprint of its sentence, then re-lints.
   * Returns the baseline's path.
   */
  ignoreFinding(uri: string, text: string, ruleId: string, start: number, end: number): string {
    const path = filePath(uri);
    if (path === undefined) throw new Error('only a file on disk can have findings ignored in the team baseline');
    const baselinePath = this.baselinePathFor(path);
    const key = baselineKey(baselinePath, path)!;
    const loaded = readBaselineFile(baselinePath);
    if ('error' in loaded) throw new Error(`${baselinePath}:${loaded.error.line}:${loaded.error.column}: ${loaded.error.message}`);
    const previous = 'data' in loaded ? loaded.data : undefined;
    const entries = (previous?.files[key] ?? []).map((entry) => ({ ...entry }));
    const print = findingFingerprint(ruleId, text, start, end);
    const known = entries.find((entry) => entry.rule === ruleId && entry.fingerprint === print);
    if (known) known.count++;
    else entries.push({ rule: ruleId, fingerprint: print, count: 1 });
    writeBaselineFile(baselinePath, previous, new Map([[key, entries]]));
    this.reload();
    return baselinePath;
  }

  /** The baseline of a file: at the root of its workspace folder, or beside it outside any. */
  private baselinePathFor(path: string): string {
    const roots = this.folders()
      .map(filePath)
      .filter((root): root is string => root !== undefined && (path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)))
      .sort((a, b) => b.length - a.length);
    return join(roots[0] ?? dirname(path), DEFAULT_BASELINE_NAME);
  }

  private baselineAt(path: string): BaselineData | null {
    let known = this.baselines.get(path);
    if (known === undefined) {
      const loaded = readBaselineFile(path);
      if ('error' in loaded) this.connection.console.warn(`Replylint: the baseline ${path}:${loaded.error.line}:${loaded.error.column}: ${loaded.error.message}; not used`);
      known = 'data' in loaded ? loaded.data : null;
      this.baselines.set(path, known);
    }
    return known;
  }

  /** The folders from the reply's up to the root (where a rule file may appear), and those of its rule files. */
  private watchAround(path: string, dependencies: string[]): void {
    const folders = new Set(dependencies.map((file) => dirname(file)));
    let folder = dirname(path);
    for (let depth = 0; depth < MAX_WATCHED_DEPTH; depth++) {
      folders.add(folder);
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
    for (const watched of folders) {
      if (this.folderWatchers.has(watched) || this.folderWatchers.size >= MAX_WATCHED_FOLDERS) continue;
      try {
        const watcher = watch(watched, { persistent: false }, (_event, name) => {
          const file = name ? join(watched, String(name)) : undefined;
          if (file === undefined || RULE_FILE_NAME.test(basename(file)) || this.dependencies.has(file) || basename(file) === DEFAULT_BASELINE_NAME) {
            this.bufferChanged();
          }
        });
        watcher.on('error', () => {
          watcher.close();
          this.folderWatchers.delete(watched);
        });
        this.folderWatchers.set(watched, watcher);
      } catch {
        // a folder that cannot be watched (gone, no permission): the editor's own events still work
      }
    }
  }

  private reload(): void {
    this.baselines.clear();
    this.resolver.invalidate();
    this.onChange();
    this.publishSoon();
  }

  private publishPending = false;

  /** Rule-file diagnostics, once the replies linting now have resolved their cascades. */
  private publishSoon(): void {
    if (this.publishPending) return;
    this.publishPending = true;
    setImmediate(() => {
      this.publishPending = false;
      try {
        this.publishDiagnostics();
      } catch (error) {
        this.connection.console.error(`Replylint could not check its rule files: ${describe(error)}`);
      }
    });
  }

  private publishDiagnostics(): void {
    const byFile = new Map<string, ConfigError[]>();
    const add = (error: ConfigError) => {
      const list = byFile.get(error.file) ?? [];
      if (!list.some((known) => known.start === error.start && known.message === error.message)) list.push(error);
      byFile.set(error.file, list);
    };
    const ruleFiles = new Set(this.dependencies);
    for (const document of this.documents.all()) {
      const path = filePath(document.uri);
      if (path === undefined) continue;
      if (this.isRuleFile(document.uri)) ruleFiles.add(path);
      else for (const error of this.resolver.resolve(path).errors) add(error);
    }
    for (const file of ruleFiles) {
      byFile.set(file, byFile.get(file) ?? []);
      for (const error of this.resolver.problemsOf(file)) add(error);
    }
    for (const file of this.published.keys()) if (!byFile.has(file)) byFile.set(file, []);
    for (const [file, errors] of byFile) {
      const diagnostics = errors.map(toDiagnostic);
      const key = JSON.stringify(diagnostics);
      if ((this.published.get(file) ?? '[]') === key) continue;
      if (diagnostics.length === 0) this.published.delete(file);
      else this.published.set(file, key);
      void this.connection.sendDiagnostics({ uri: this.uriOf(file), diagnostics });
    }
  }

  /** The URI the client knows the file by, when it has it open (its spelling wins), else file://. */
  private uriOf(path: string): string {
    return this.documents.all().find((document) => filePath(document.uri) === path)?.uri ?? pathToFileURL(path).href;
  }

  private openText(path: string): string | undefined {
    return this.documents.all().find((document) => filePath(document.uri) === path)?.getText();
  }
}

function toDiagnostic(error: ConfigError): Diagnostic {
  return {
    range: {
      start: { line: error.line - 1, character: error.column - 1 },
      end: { line: error.endLine - 1, character: error.endColumn - 1 },
    },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message: error.message,
    ...(error.replacement ? { data: { replacement: error.replacement } } : {}),
  };
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

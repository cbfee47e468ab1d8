import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EffectiveConfig } from '../../shared/config/cascade';
import type { LintConfig } from '../../shared/index';
import { readRuleFileFromDisk, RuleFileResolver, type ConfigError } from '../config/ruleFileResolver';
import { SOURCE } from './diagnostics';
import { describe } from './settingsStore';

/** `.replylint.yaml` and a shared `team.replylint.yaml`: rule files by name. */
const RULE_FILE_NAME = /(?:^|\.)replylint\.(?:ya?ml|json)$/i;
/** Typing in a rule file re-lints every reply it governs: wait for a pause, well within a second. */
const RULE_FILE_DEBOUNCE_MS = 150;

/** What a reply is linted with from the team's rule files. */
export interface DocumentRuleFiles {
  lintConfig: LintConfig;
  effective: EffectiveConfig;
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
  /** called when rule files changed: every open reply must be linted again */
  onChange: () => void = () => {};

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {
    this.resolver = new RuleFileResolver({
      lookup: true,
      cwd: process.cwd(),
      keepLastGood: true,
      read: (path) => this.openText(path) ?? readRuleFileFromDisk(path),
    });
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
      return { lintConfig: resolved.lintConfig, effective: resolved.effective };
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

  /** Files changed on disk (workspace/didChangeWatchedFiles): reload when a rule file is among them. */
  changedOnDisk(uris: string[]): void {
    if (uris.some((uri) => this.isRuleFile(uri))) this.reload();
  }

  private reload(): void {
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

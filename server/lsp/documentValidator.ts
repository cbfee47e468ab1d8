import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, linterFor, type Finding, type Linter } from '../../shared/index';
import { toDiagnostics } from './diagnostics';
import type { ReportStatus } from './lintStatus';
import { lintConfigFor, type ReplylintSettings } from './settings';
import { describe, type SettingsStore } from './settingsStore';

/** Why a document is being linted: typing is debounced and respects `run: onSave`; the rest is immediate. */
export type LintTrigger = 'open' | 'change' | 'save' | 'settings';

/** The last lint of one document version, kept so hovers and code actions need not lint again. */
export interface LintedVersion {
  version: number;
  linter: Linter;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

const TYPING_DEBOUNCE_MS = 100;
/** Past this, one lint blocks the server long enough that typing must wait longer between lints. */
const MAX_DEBOUNCE_MS = 3000;
const SLOW_LINT_MS = 2000;

/**
 * Lints open documents and publishes their diagnostics. Every lint reads the document
 * as it is *now*, after the only await (settings), so what is published is always the
 * newest version; a settings change in between drops the run, since its own re-lint follows.
 */
export class DocumentValidator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly linted = new Map<string, LintedVersion>();
  private readonly lastLintMs = new Map<string, number>();
  private readonly publishedVersion = new Map<string, number>();
  private settingsEpoch = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly reportStatus: ReportStatus = () => undefined,
  ) {}

  request(uri: string, trigger: LintTrigger): void {
    this.cancelTimer(uri);
    if (trigger !== 'change') {
      void this.validate(uri, trigger);
      return;
    }
    // Debounced per document; a document that lints slowly waits as long as its last lint took.
    const delay = Math.min(MAX_DEBOUNCE_MS, Math.max(TYPING_DEBOUNCE_MS, this.lastLintMs.get(uri) ?? 0));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri, trigger);
      }, delay),
    );
  }

  /** Settings changed: what was linted with the old ones is stale; lint every open document again. */
  settingsChanged(): void {
    this.settingsEpoch++;
    for (const document of this.documents.all()) this.request(document.uri, 'settings');
  }

  closed(uri: string): void {
    this.cancelTimer(uri);
    this.linted.delete(uri);
    this.lastLintMs.delete(uri);
    this.publishedVersion.delete(uri);
    this.settings.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.reportStatus({ uri, state: 'closed' });
  }

  /** The lint of the document's current version: the cached one, or a fresh one. Undefined when disabled. */
  async current(uri: string): Promise<(LintedVersion & { document: TextDocument }) | undefined> {
    const settings = await this.settings.get(uri);
    const document = this.documents.get(uri);
    if (!document || !settings.enable) return undefined;
    return { ...this.lintOrReuse(document, settings), document };
  }

  private async validate(uri: string, trigger: LintTrigger): Promise<void> {
    const epoch = this.settingsEpoch;
    let version: number | undefined;
    try {
      const settings = await this.settings.get(uri);
      const document = this.documents.get(uri);
      if (!document || epoch !== this.settingsEpoch) return;
      if (trigger === 'change' && settings.run === 'onSave') return;
      version = document.version;
      if (!settings.enable) {
        this.linted.delete(uri);
        this.publish(uri, version, []);
        this.reportStatus({ uri, state: 'off' });
        return;
      }
      const { diagnostics } = this.lintOrReuse(document, settings);
      this.publish(uri, version, diagnostics);
      this.reportStatus({ uri, state: 'linted', version, findings: diagnostics.length });
    } catch (error) {
      // One document that breaks the engine must not take the server, or the other documents, down.
      this.linted.delete(uri);
      this.connection.console.error(`Replylint could not lint ${uri}: ${describe(error)}`);
      if (version !== undefined) this.publish(uri, version, []);
      this.reportStatus({ uri, state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Linting is the expensive part: a hover, a code action and the publish share one lint per version and settings. */
  private lintOrReuse(document: TextDocument, settings: ReplylintSettings): LintedVersion {
    const linter = linterFor(lintConfigFor(settings));
    const cached = this.linted.get(document.uri);
    if (cached && cached.version === document.version && cached.linter === linter) return cached;
    return this.lint(document, linter);
  }

  private lint(document: TextDocument, linter: Linter): LintedVersion {
    const text = document.getText();
    const started = performance.now();
    const { findings } = linter.lint(text);
    const docs = new Map(linter.rules.map((rule) => [rule.definition.id, rule.definition.docs]));
    const diagnostics = toDiagnostics(findings, new LineIndex(text), document.version, (ruleId) => docs.get(ruleId));
    const elapsed = performance.now() - started;
    this.lastLintMs.set(document.uri, elapsed);
    if (elapsed > SLOW_LINT_MS) {
      this.connection.console.warn(
        `Replylint took ${Math.round(elapsed)} ms to lint ${document.uri} (${text.length} characters, ${findings.length} findings).`,
      );
    }
    const result: LintedVersion = { version: document.version, linter, findings, diagnostics };
    this.linted.set(document.uri, result);
    return result;
  }

  private publish(uri: string, version: number, diagnostics: Diagnostic[]): void {
    // Belt and braces: never replace newer diagnostics with those of an older version.
    if (version < (this.publishedVersion.get(uri) ?? -Infinity)) return;
    this.publishedVersion.set(uri, version);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private cancelTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }
}

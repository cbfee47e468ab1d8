import { CancellationTokenSource, type CancellationToken, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { linterFor, type DocumentFormat, type Finding, type LintConfig, type Linter } from '../../shared/index';
import type { Fixer } from './codeActions';
import { lintForEditor, type EditorLint } from './editorLint';
import type { DocumentRuleFiles } from './editorRuleFiles';
import { formatOfDocument } from './documentFormat';
import { fixAllOfDocument } from './fixAll';
import { JobCancelled, type LintWorker } from './lintWorker';
import type { ReportStatus } from './lintStatus';
import { lintConfigFor, type ReplylintSettings } from './settings';
import { describe, type SettingsStore } from './settingsStore';

/** Why a document is being linted: typing respects `run: onSave` and `lintDelay`; the rest is immediate. */
export type LintTrigger = 'open' | 'change' | 'save' | 'settings';

/** The last lint of one document version, kept so hovers and code actions need not lint again. */
export interface LintedVersion {
  version: number;
  linter: Linter;
  config: LintConfig;
  /** how the document holds its replies: fixes go back through the same format */
  format: DocumentFormat;
  /** the findings that have a diagnostic (at most MAX_DIAGNOSTICS_PER_DOCUMENT) */
  findings: Finding[];
  /** how many findings the lint made, shown or not */
  total: number;
  diagnostics: Diagnostic[];
}

/**
 * A document whose last lint in process took less than this is linted at once on every
 * keystroke (after the notifications already queued, so a burst is linted once). One that
 * took longer blocks hovers for that long: typing waits as long as the last lint took.
 * Large documents lint in the worker and never block, so they never wait.
 */
const FAST_LINT_MS = 50;
const MAX_TYPING_WAIT_MS = 3000;
const SLOW_LINT_MS = 2000;
/**
 * Documents up to this many UTF-16 code units are linted on the thread that answers the
 * client: a few milliseconds, with no copy to a worker. Longer ones go to the lint worker,
 * so hovers, code actions and small documents are answered while they lint.
 */
export const LARGE_DOCUMENT = 32_000;

/** A lint under way, shared by the publish and any hover or code action that needs the same version. */
interface LintInFlight {
  version: number;
  linter: Linter;
  result: Promise<LintedVersion>;
  cancel: CancellationTokenSource;
}

/**
 * Lints open documents and publishes their diagnostics. Every lint reads the document
 * as it is when it starts, and a newer version cancels the lint of an older one, so what
 * is published is the newest version; a settings change in between drops the run, since
 * its own re-lint follows.
 */
export class DocumentValidator {
  /** per document: cancels the lint scheduled for typing */
  private readonly scheduled = new Map<string, () => void>();
  /** per document: counts typing requests, so a request whose settings arrive late knows it is stale */
  private readonly typing = new Map<string, number>();
  private readonly linted = new Map<string, LintedVersion>();
  private readonly inFlight = new Map<string, LintInFlight>();
  private readonly lastLintMs = new Map<string, number>();
  private readonly publishedVersion = new Map<string, number>();
  private settingsEpoch = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly worker: LintWorker,
    private readonly reportStatus: ReportStatus = () => undefined,
    /** the team's rule files for a document; undefined: none apply (an untitled draft) */
    private readonly ruleFiles: (uri: string) => DocumentRuleFiles | undefined = () => undefined,
    /** documents that are not replies (the team's rule files): never linted, never published here */
    private readonly notAReply: (uri: string) => boolean = () => false,
  ) {}

  request(uri: string, trigger: LintTrigger): void {
    this.cancelTimer(uri);
    // the rule file's own diagnostics are published by EditorRuleFiles; an empty lint here would wipe them
    if (this.notAReply(uri)) return;
    const request = (this.typing.get(uri) ?? 0) + 1;
    this.typing.set(uri, request);
    if (trigger !== 'change') {
      void this.validate(uri, trigger);
      return;
    }
    // Settings are cached per document after the first read, so this resolves on the next turn.
    void this.settings.get(uri).then(
      (settings) => {
        if (this.typing.get(uri) !== request) return;
        const lastLint = this.lastLintMs.get(uri) ?? 0;
        const inProcess = (this.documents.get(uri)?.getText().length ?? 0) <= LARGE_DOCUMENT;
        const wait = Math.max(settings.lintDelay, inProcess && lastLint >= FAST_LINT_MS ? Math.min(MAX_TYPING_WAIT_MS, lastLint) : 0);
        const run = () => {
          this.scheduled.delete(uri);
          void this.validate(uri, trigger);
        };
        if (wait === 0) {
          // after the notifications already read: of a burst of keystrokes, only the last is linted
          const immediate = setImmediate(run);
          this.scheduled.set(uri, () => clearImmediate(immediate));
        } else {
          const timer = setTimeout(run, wait);
          this.scheduled.set(uri, () => clearTimeout(timer));
        }
      },
      () => undefined,
    );
  }

  /** Settings changed: what was linted with the old ones is stale; lint every open document again. */
  settingsChanged(): void {
    this.settingsEpoch++;
    for (const document of this.documents.all()) this.request(document.uri, 'settings');
  }

  /** Settings for one document arrived (late): lint it again with them. */
  settingsArrived(uri: string): void {
    if (this.documents.get(uri)) this.request(uri, 'settings');
  }

  closed(uri: string): void {
    this.cancelTimer(uri);
    this.typing.delete(uri);
    this.inFlight.get(uri)?.cancel.cancel();
    this.inFlight.delete(uri);
    this.linted.delete(uri);
    this.lastLintMs.delete(uri);
    this.publishedVersion.delete(uri);
    this.settings.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.reportStatus({ uri, state: 'closed' });
  }

  /**
   * The lint of the document's current version: the cached one, the one under way, or a fresh
   * one. Undefined when disabled, or when the document changed while it linted (the client asks
   * again for the new version). Rejects with JobCancelled when `token` is cancelled first.
   */
  async current(uri: string, token?: CancellationToken): Promise<(LintedVersion & { document: TextDocument }) | undefined> {
    const settings = await untilCancelled(this.settings.get(uri), token);
    const document = this.documents.get(uri);
    if (!document || !settings.enable || this.ruleFiles(uri)?.effective.ignored) return undefined;
    const linted = await untilCancelled(this.lintOrReuse(document, settings), token);
    return document.version === linted.version ? { ...linted, document } : undefined;
  }

  /** Computes fix-all texts for code actions: in process for a small document, in the worker for a large one. */
  fixer(linted: LintedVersion, token?: CancellationToken): Fixer {
    const { linter, config, format } = linted;
    const large = (text: string) => text.length > LARGE_DOCUMENT;
    return {
      fixAll: async (text) => {
        if (large(text)) return this.worker.run({ kind: 'fixAll', config, text, format }, token);
        if (token?.isCancellationRequested) throw new JobCancelled();
        return fixAllOfDocument(linter, text, format, undefined, config.format !== undefined);
      },
      fixAllOfRule: async (text, ruleId) => {
        if (large(text)) return this.worker.run({ kind: 'fixAllOfRule', config, text, ruleId, format }, token);
        if (token?.isCancellationRequested) throw new JobCancelled();
        return fixAllOfDocument(linter, text, format, ruleId, config.format !== undefined);
      },
    };
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
      if (!settings.enable || this.ruleFiles(uri)?.effective.ignored) {
        this.linted.delete(uri);
        this.publish(uri, version, []);
        this.reportStatus({ uri, state: 'off' });
        return;
      }
      const linted = await this.lintOrReuse(document, settings);
      this.publish(uri, linted.version, linted.diagnostics);
      this.reportStatus({ uri, state: 'linted', version: linted.version, findings: linted.total });
    } catch (error) {
      // A newer version (or a close) cancelled this lint; the lint that replaced it publishes.
      if (error instanceof JobCancelled) return;
      // One document that breaks the engine must not take the server, or the other documents, down.
      this.linted.delete(uri);
      this.connection.console.error(`Replylint could not lint ${uri}: ${describe(error)}`);
      if (version !== undefined) this.publish(uri, version, []);
      this.reportStatus({ uri, state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Linting is the expensive part: a hover, a code action and the publish share one lint per version and settings. */
  private lintOrReuse(document: TextDocument, settings: ReplylintSettings): Promise<LintedVersion> {
    const config = lintConfigFor(settings, this.ruleFiles(document.uri)?.lintConfig);
    const linter = linterFor(config);
    const cached = this.linted.get(document.uri);
    if (cached && cached.version === document.version && cached.linter === linter) return Promise.resolve(cached);
    const running = this.inFlight.get(document.uri);
    if (running && running.version === document.version && running.linter === linter) return running.result;
    // An older version, or other settings: nobody will read that lint now.
    running?.cancel.cancel();
    this.inFlight.delete(document.uri);
    return this.lint(document, linter, config);
  }

  private lint(document: TextDocument, linter: Linter, config: LintConfig): Promise<LintedVersion> {
    const { uri, version } = document;
    const text = document.getText();
    // A rule file's `format:` for the document's glob, or what its name and content say.
    const format = config.format ?? formatOfDocument(document);
    const started = performance.now();
    const notAccepted = this.ruleFiles(uri)?.notAccepted;
    const keep = (lint: EditorLint): LintedVersion => {
      // The team's baseline takes the findings it accepts; a finding and its diagnostic share an index.
      const { findings, total, diagnostics } = notAccepted ? withoutAccepted(lint, notAccepted(text, lint.findings)) : lint;
      const elapsed = performance.now() - started;
      this.lastLintMs.set(uri, elapsed);
      if (elapsed > SLOW_LINT_MS) {
        this.connection.console.warn(
          `Replylint took ${Math.round(elapsed)} ms to lint ${uri} (${text.length} characters, ${total} findings).`,
        );
      }
      const result: LintedVersion = { version, linter, config, format, findings, total, diagnostics };
      this.linted.set(uri, result);
      return result;
    };
    if (text.length <= LARGE_DOCUMENT) {
      try {
        return Promise.resolve(keep(lintForEditor(linter, text, version, format, config.format !== undefined)));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const cancel = new CancellationTokenSource();
    const result = this.worker.run({ kind: 'lint', config, text, version, format }, cancel.token).then(keep);
    const run: LintInFlight = { version, linter, result, cancel };
    this.inFlight.set(uri, run);
    const settle = () => {
      if (this.inFlight.get(uri) === run) this.inFlight.delete(uri);
      cancel.dispose();
    };
    result.then(settle, settle);
    return result;
  }

  /** Forget every lint: the baseline changed, and findings must be filtered again. */
  forgetLints(): void {
    this.linted.clear();
  }

  private publish(uri: string, version: number, diagnostics: Diagnostic[]): void {
    // Belt and braces: never replace newer diagnostics with those of an older version.
    if (version < (this.publishedVersion.get(uri) ?? -Infinity)) return;
    this.publishedVersion.set(uri, version);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private cancelTimer(uri: string): void {
    this.scheduled.get(uri)?.();
    this.scheduled.delete(uri);
  }
}

function withoutAccepted(lint: EditorLint, kept: Finding[]): EditorLint {
  if (kept.length === lint.findings.length) return lint;
  const keep = new Set(kept);
  const indexes = lint.findings.map((finding, i) => (keep.has(finding) ? i : -1)).filter((i) => i >= 0);
  // past the findings: the line saying how many more there are
  const rest = lint.diagnostics.slice(lint.findings.length);
  return {
    findings: kept,
    total: lint.total - (lint.findings.length - kept.length),
    diagnostics: [...indexes.map((i) => lint.diagnostics[i]), ...rest],
  };
}

/** `promise`, or a JobCancelled rejection as soon as `token` is cancelled, whichever comes first. */
export function untilCancelled<T>(promise: Promise<T>, token?: CancellationToken): Promise<T> {
  if (!token) return promise;
  if (token.isCancellationRequested) return Promise.reject(new JobCancelled());
  return new Promise((resolve, reject) => {
    const listener = token.onCancellationRequested(() => reject(new JobCancelled()));
    promise.then(
      (value) => {
        listener.dispose();
        resolve(value);
      },
      (error: unknown) => {
        listener.dispose();
        reject(error);
      },
    );
  });
}

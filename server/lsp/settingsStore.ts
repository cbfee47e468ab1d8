import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, normaliseSettings, type ReplylintSettings } from './settings';
import { UnknownRuleIds } from './unknownRuleIds';

/**
 * Settings per document. With a client that answers `workspace/configuration` they are
 * pulled per resource (a folder can turn Replylint off) and cached until the client says
 * they changed. A client without it (plain Neovim) gets whatever it pushed in
 * `didChangeConfiguration`, or the defaults.
 */
export class SettingsStore {
  private readonly perDocument = new Map<string, Promise<ReplylintSettings>>();
  private pushed: ReplylintSettings = DEFAULT_SETTINGS;
  private readonly unknownRuleIds: UnknownRuleIds;
  /** told when settings for a document arrive after the defaults were used for it */
  onLateSettings: (uri: string) => void = () => {};

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    /** how long a `workspace/configuration` request may take before the defaults stand in */
    private readonly answerWithinMs = CONFIGURATION_TIMEOUT_MS,
  ) {
    this.unknownRuleIds = new UnknownRuleIds(connection);
  }

  get(uri: string): Promise<ReplylintSettings> {
    if (!this.canPull()) return Promise.resolve(this.pushed);
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.pull(uri);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /** Called on `workspace/didChangeConfiguration`: forget what was pulled; keep what was pushed. */
  changed(pushedSettings: unknown): void {
    this.perDocument.clear();
    if (!this.canPull() && pushedSettings && typeof pushedSettings === 'object') {
      const section = (pushedSettings as Record<string, unknown>).replylint;
      if (section !== undefined) this.pushed = this.normalise(section);
    }
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  private async pull(uri: string): Promise<ReplylintSettings> {
    try {
      const request = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'replylint' }) as Promise<unknown>;
      const answer = await answeredWithin(request, this.answerWithinMs);
      if (answer.late) {
        // A client that never answers must not hold diagnostics and hovers forever: lint with the
        // defaults now, and again with the real settings if they come.
        this.connection.console.warn(
          `Replylint: the client did not answer workspace/configuration for ${uri} within ${this.answerWithinMs} ms; using the defaults until it does.`,
        );
        const pending = this.perDocument.get(uri);
        void request.then(
          (section) => {
            if (pending === undefined || this.perDocument.get(uri) !== pending) return;
            this.perDocument.set(uri, Promise.resolve(this.normalise(section, uri)));
            this.onLateSettings(uri);
          },
          () => {},
        );
        return DEFAULT_SETTINGS;
      }
      return this.normalise(answer.value, uri);
    } catch (error) {
      // A client that advertised configuration but fails the request must not stop linting.
      this.connection.console.error(`Replylint could not read settings for ${uri}: ${describe(error)}`);
      this.perDocument.delete(uri);
      return DEFAULT_SETTINGS;
    }
  }

  private normalise(section: unknown, uri?: string): ReplylintSettings {
    const { settings, problems } = normaliseSettings(section);
    for (const problem of problems) this.connection.console.warn(`Replylint settings: ${problem}`);
    this.unknownRuleIds.check(settings.rules, uri);
    return settings;
  }
}

/** VS Code answers in milliseconds; a client that has not answered in this long may never answer. */
const CONFIGURATION_TIMEOUT_MS = 2000;

function answeredWithin<T>(request: Promise<T>, ms: number): Promise<{ late: false; value: T } | { late: true }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((resolve) => {
    timer = setTimeout(() => resolve({ late: true }), ms);
  });
  return Promise.race([request.then((value) => ({ late: false as const, value })), late]).finally(() => clearTimeout(timer));
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

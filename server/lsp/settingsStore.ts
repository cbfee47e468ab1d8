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

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
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
      const section: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'replylint' });
      return this.normalise(section, uri);
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

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

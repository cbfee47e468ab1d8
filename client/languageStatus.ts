// The language status item (the `{}` beside the language name in the status bar, as vscode-eslint
// and cspell show theirs): starting, off for this folder, the count of findings, or an error with
// a link to the output. The count is shown only for a document the server said it linted, so
// nothing claims "no findings" when nothing ran.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

const SOURCE = 'replylint';
/** server/lsp/lintStatus.ts, the other end */
const STATUS_NOTIFICATION = 'replylint/status';
type LintStatus =
  | { uri: string; state: 'linted'; version: number; findings: number }
  | { uri: string; state: 'off' }
  | { uri: string; state: 'error'; message: string }
  | { uri: string; state: 'closed' };

/** What the item shows, as data: read by the end-to-end tests through the extension's exports. */
export interface StatusView {
  state: 'starting' | 'linting' | 'off' | 'findings' | 'error';
  text: string;
  detail: string;
  severity: 'information' | 'error';
  busy: boolean;
  command?: string;
}

export class LanguageStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly perDocument = new Map<string, LintStatus>();
  private readonly subscriptions: vscode.Disposable[];
  private clientSubscriptions: vscode.Disposable[] = [];
  private serverState: State = State.Starting;
  private startFailed = false;
  private readonly changed = new vscode.EventEmitter<StatusView>();
  /** fires whenever what the item shows changes */
  readonly onDidChange = this.changed.event;
  current: StatusView;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('replylint.status', selector);
    this.item.name = 'Replylint';
    this.current = this.view();
    this.subscriptions = [
      this.item,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.update();
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) this.update();
      }),
    ];
    this.update();
  }

  /** Follows a (new) client: its state, and the server's word on each document. */
  watch(client: LanguageClient): void {
    for (const subscription of this.clientSubscriptions) subscription.dispose();
    this.perDocument.clear();
    this.startFailed = false;
    this.serverState = client.state;
    this.clientSubscriptions = [
      client.onDidChangeState((event) => {
        this.serverState = event.newState;
        if (event.newState !== State.Running) this.perDocument.clear();
        this.update();
      }),
      client.onNotification(STATUS_NOTIFICATION, (status: LintStatus) => {
        if (status.state === 'closed') this.perDocument.delete(status.uri);
        else this.perDocument.set(status.uri, status);
        this.update();
      }),
    ];
    this.update();
  }

  /** The client could not start the server at all. */
  failedToStart(): void {
    this.startFailed = true;
    this.update();
  }

  private update(): void {
    const view = this.view();
    this.item.text = view.text;
    this.item.detail = view.detail;
    this.item.busy = view.busy;
    this.item.severity = view.severity === 'error' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    this.item.command = view.command ? { title: COMMAND_TITLES[view.command] ?? view.command, command: view.command, arguments: COMMAND_ARGUMENTS[view.command] } : undefined;
    this.item.accessibilityInformation = { label: `Replylint: ${view.text.replace(/\$\([^)]*\)\s*/g, '')}, ${view.detail}` };
    if (JSON.stringify(view) !== JSON.stringify(this.current)) {
      this.current = view;
      this.changed.fire(view);
    }
  }

  private view(): StatusView {
    if (this.startFailed || this.serverState === State.Stopped) {
      return {
        state: 'error',
        text: '$(error) Replylint stopped',
        detail: 'the server is not running',
        severity: 'error',
        busy: false,
        command: 'replylint.showOutput',
      };
    }
    if (this.serverState === State.Starting) {
      return { state: 'starting', text: 'Replylint', detail: 'starting…', severity: 'information', busy: true };
    }
    const document = vscode.window.activeTextEditor?.document;
    const status = document ? this.perDocument.get(document.uri.toString()) : undefined;
    if (!document || !status || status.state === 'closed') {
      return { state: 'linting', text: 'Replylint', detail: 'linting…', severity: 'information', busy: true };
    }
    if (status.state === 'off') {
      return {
        state: 'off',
        text: '$(circle-slash) Replylint off',
        detail: 'replylint.enable is off for this folder',
        severity: 'information',
        busy: false,
        command: 'workbench.action.openSettings',
      };
    }
    if (status.state === 'error') {
      return {
        state: 'error',
        text: '$(error) Replylint failed',
        detail: 'could not lint this reply',
        severity: 'error',
        busy: false,
        command: 'replylint.showOutput',
      };
    }
    // The diagnostics VS Code holds, so the count always agrees with the Problems panel.
    const count = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === SOURCE).length;
    // With run: onSave, edits since the last save are not linted yet: say so rather than imply they were.
    const onSave = vscode.workspace.getConfiguration('replylint', document).get('run') === 'onSave';
    const stale = onSave && status.version < document.version;
    return {
      state: 'findings',
      text: count === 0 ? '$(check) Replylint: no findings' : `$(warning) Replylint: ${count} finding${count === 1 ? '' : 's'}`,
      detail: stale ? 'as of the last save' : 'in this reply',
      severity: 'information',
      busy: false,
      command: 'workbench.actions.view.problems',
    };
  }

  dispose(): void {
    for (const subscription of [...this.clientSubscriptions, ...this.subscriptions]) subscription.dispose();
  }
}

const COMMAND_TITLES: Record<string, string> = {
  'workbench.actions.view.problems': 'Problems',
  'workbench.action.openSettings': 'Settings',
  'replylint.showOutput': 'Show Output',
};
const COMMAND_ARGUMENTS: Record<string, unknown[]> = {
  'workbench.action.openSettings': ['replylint.enable'],
};

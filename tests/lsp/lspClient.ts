/**
 * A real LSP client for contract tests: spawns `node dist/server.js --stdio` and speaks
 * JSON-RPC to it. Tests wait for events (a diagnostics notification for a version),
 * never for a fixed time; the only timers here are guards that turn a hang into a
 * readable failure.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  ConfigurationParams,
  Diagnostic,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const SERVER_PATH = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

export interface ClientOptions {
  /** answer `workspace/configuration`; false acts like a client without it (plain Neovim) */
  configuration?: false | ((params: ConfigurationParams) => unknown[] | Promise<unknown[]>);
  /** advertise versioned `documentChanges` in workspace edits */
  documentChanges?: boolean;
  /** sent as `initializationOptions` */
  initializationOptions?: unknown;
  /** workspace folder URIs sent in `initialize` */
  workspaceFolders?: string[];
  /** advertise window.workDoneProgress (and answer window/workDoneProgress/create) */
  workDoneProgress?: boolean;
}

interface Waiter {
  matches: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

/** A notification other than diagnostics, as it arrived. */
export interface ReceivedNotification {
  method: string;
  /** whatever the server sent; each test reads the fields it expects */
  params: any;
}

interface NotificationWaiter {
  matches: (notification: ReceivedNotification) => boolean;
  resolve: (notification: ReceivedNotification) => void;
}

export class LspTestClient {
  /** every diagnostics notification, in arrival order, with the time it arrived */
  readonly published: Array<PublishDiagnosticsParams & { receivedAt: number }> = [];
  /** window/logMessage lines and stderr, shown when a wait fails */
  readonly log: string[] = [];
  initializeResult!: InitializeResult;
  private readonly waiters = new Set<Waiter>();
  /** every other notification (window/logMessage, window/showMessage, $/progress, …), in arrival order */
  readonly notifications: ReceivedNotification[] = [];
  private readonly notificationWaiters = new Set<NotificationWaiter>();
  /** tokens of the progress the server asked to create */
  readonly createdProgress: Array<string | number> = [];
  private readonly texts = new Map<string, TextDocument>();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push({ ...params, receivedAt: performance.now() });
      for (const waiter of [...this.waiters]) {
        if (waiter.matches(params)) {
          this.waiters.delete(waiter);
          waiter.resolve(params);
        }
      }
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.log.push(params.message);
      this.received({ method: 'window/logMessage', params });
    });
    connection.onNotification((method: string, params: unknown) => this.received({ method, params }));
    // $/progress goes to progress handlers by token; with none registered, it arrives here.
    connection.onUnhandledProgress((params) => this.received({ method: '$/progress', params }));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.createdProgress.push(params.token);
      return null;
    });
    child.stderr.on('data', (chunk: Buffer) => this.log.push(`stderr: ${chunk.toString()}`));
  }

  static async start(options: ClientOptions = {}): Promise<LspTestClient> {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run \`node esbuild.mjs\` (or \`npm test\`) first.`);
    const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection);
    const configuration = options.configuration ?? (() => []);
    if (configuration) connection.onRequest('workspace/configuration', (params: ConfigurationParams) => configuration(params));
    connection.listen();
    const capabilities: ClientCapabilities = {
      window: { workDoneProgress: options.workDoneProgress ?? false },
      workspace: {
        workspaceFolders: options.workspaceFolders !== undefined,
        configuration: configuration !== false,
        didChangeConfiguration: { dynamicRegistration: configuration !== false },
        workspaceEdit: { documentChanges: options.documentChanges ?? false },
      },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    };
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder ${i + 1}` })) ?? null,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  version(uri: string): number {
    return this.document(uri).version;
  }

  /** Sends didOpen; returns when it was sent, for latency measurements. */
  async open(uri: string, text: string, version = 1, languageId = 'service-script'): Promise<number> {
    this.texts.set(uri, TextDocument.create(uri, languageId, version, text));
    const sentAt = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
    return sentAt;
  }

  /**
   * Applies edits the way an editor does and sends them as incremental changes.
   * Sent last-first, so each range still means the text the server has when it applies it.
   */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<number> {
    const ordered = [...edits].sort((a, b) => comparePositions(b.range.start, a.range.start));
    const changes: TextDocumentContentChangeEvent[] = ordered.map((edit) => ({ range: edit.range, text: edit.newText }));
    return this.change(uri, changes);
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = this.version(uri) + 1;
    this.texts.set(uri, TextDocument.update(this.document(uri), changes, version));
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async configurationChanged(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  /**
   * The first diagnostics for `uri` that match, whether they already arrived or arrive later.
   * `after` skips notifications that arrived before an index into `published`; `withinMs`
   * widens the guard for a document that takes long to lint.
   */
  diagnostics(
    uri: string,
    matches: (params: PublishDiagnosticsParams) => boolean = () => true,
    after = 0,
    withinMs?: number,
  ): Promise<PublishDiagnosticsParams> {
    const accept = (params: PublishDiagnosticsParams) => params.uri === uri && matches(params);
    const already = this.published.slice(after).find(accept);
    if (already) return Promise.resolve(already);
    return this.guard(
      new Promise((resolvePromise) => this.waiters.add({ matches: accept, resolve: resolvePromise })),
      `diagnostics for ${uri}`,
      withinMs,
    );
  }

  /** The first notification of `method` that matches, whether it already arrived or arrives later. */
  notification(method: string, matches: (params: any) => boolean = () => true): Promise<ReceivedNotification> {
    const accept = (notification: ReceivedNotification) => notification.method === method && matches(notification.params);
    const already = this.notifications.find(accept);
    if (already) return Promise.resolve(already);
    return this.guard(
      new Promise((resolvePromise) => this.notificationWaiters.add({ matches: accept, resolve: resolvePromise })),
      `a ${method} notification`,
    );
  }

  private received(notification: ReceivedNotification): void {
    this.notifications.push(notification);
    for (const waiter of [...this.notificationWaiters]) {
      if (waiter.matches(notification)) {
        this.notificationWaiters.delete(waiter);
        waiter.resolve(notification);
      }
    }
  }

  /** Diagnostics published for exactly this document version. */
  diagnosticsFor(uri: string, version: number, after = 0, withinMs?: number): Promise<PublishDiagnosticsParams> {
    return this.diagnostics(uri, (params) => params.version === version, after, withinMs);
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.guard(
      this.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: only ? { diagnostics, only } : { diagnostics },
      }),
      `code actions for ${uri}`,
    );
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.guard(this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }), `hover on ${uri}`);
  }

  async stop(): Promise<void> {
    try {
      await this.guard(this.connection.sendRequest('shutdown'), 'shutdown', 5000);
      await this.connection.sendNotification('exit');
    } catch {
      // the server is already gone; killing it below is all that is left to do
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private document(uri: string): TextDocument {
    const document = this.texts.get(uri);
    if (!document) throw new Error(`${uri} is not open in the test client`);
    return document;
  }

  /** Turns a promise that never settles into a failure that shows what the server said. */
  private guard<T>(promise: Promise<T>, what: string, ms = 15000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`No ${what} within ${ms} ms. Published: ${this.summary()}\nServer log:\n${this.log.join('\n')}`)),
        ms,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private summary(): string {
    const last = this.published.slice(-20).map((p) => ({ uri: p.uri, version: p.version, count: p.diagnostics.length }));
    return `${this.published.length} notifications; the last ${last.length}: ${JSON.stringify(last)}`;
  }
}

/** The edits of a workspace edit for one document, whichever form the server chose. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  if (edit.changes) return edit.changes[uri] ?? [];
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) {
      edits.push(...change.edits.filter((e): e is TextEdit => 'range' in e && 'newText' in e));
    }
  }
  return edits;
}

/** What the text becomes after the edits, computed independently of the server. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('memory://x', 'service-script', 0, text), edits);
}

/**
 * The LSP range of the `occurrence`-th appearance of `needle` in `text`, found by counting
 * lines and UTF-16 units here rather than with the engine's LineIndex, so the two can disagree.
 */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`"${needle}" does not occur ${occurrence + 1} time(s) in the fixture`);
  }
  return { start: positionOf(text, start), end: positionOf(text, start + needle.length) };
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

let nextDocument = 0;
/** A fresh document URI per test, so tests sharing a server never see each other's diagnostics. */
export function uniqueUri(name: string): string {
  return `file:///replylint-tests/${name}-${++nextDocument}.reply`;
}

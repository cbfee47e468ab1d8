import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { linterFor } from '../../shared/index';
import { buildCodeActions, FIX_ALL_KIND } from './codeActions';
import { formatOfDocument } from './documentFormat';
import { documentSymbols } from './documentSymbols';
import { DocumentValidator } from './documentValidator';
import { JobCancelled, LintWorker } from './lintWorker';
import { buildHover } from './hover';
import { placeholderCompletions } from './placeholderCompletion';
import { statusReporter } from './lintStatus';
import { lintConfigFor, DEFAULT_SETTINGS } from './settings';
import { describe, SettingsStore } from './settingsStore';
import { startupLine, transportOf } from './startupLine';
import { eitherCancelled, LINT_WORKSPACE_REQUEST, WorkspaceLint } from './workspaceLint';
import { WORKSPACE_FILE_GLOB } from './workspaceFiles';
import { EditorRuleFiles } from './editorRuleFiles';
import { ruleFileQuickFixes } from './ruleFileQuickFixes';
import { IGNORE_FINDING_COMMAND, ignoreFindingActions, type IgnoreFindingArguments } from './ignoreFinding';
import { CREATE_RULE_FILE_REQUEST, createRuleFileRequest, type CreateRuleFileParams } from './createRuleFileRequest';

/** Rule files by name, and the shared files they extend, which may be called anything. */
const RULE_FILE_WATCH_GLOB = '**/*.{yaml,yml,json}';

/** What the client told us it can do, read once at `initialize`. */
interface ClientSupport {
  configuration: boolean;
  dynamicConfigurationRegistration: boolean;
  documentChanges: boolean;
  clientInfo?: { name: string; version?: string };
  /** `initializationOptions.status`: the client shows replylint/status */
  status: boolean;
  /** `initializationOptions.ruleDocumentationCommand`: hovers link to the rule's page through this client command */
  ruleDocumentationCommand?: string;
  workspaceFolderChanges: boolean;
  dynamicWatchedFilesRegistration: boolean;
}

/**
 * Wires one connection: documents, settings, diagnostics, code actions and hovers.
 * Each handler catches its own errors, logs them and answers "nothing", so no request
 * about one document can bring the server down.
 */
export function startLanguageServer(connection: Connection, serverVersion: string): void {
  const documents = new TextDocuments(TextDocument);
  const support: ClientSupport = {
    configuration: false,
    dynamicConfigurationRegistration: false,
    documentChanges: false,
    status: false,
    workspaceFolderChanges: false,
    dynamicWatchedFilesRegistration: false,
  };
  const settings = new SettingsStore(connection, () => support.configuration);
  // The lint worker runs this same bundle (see server.ts).
  const worker = new LintWorker(__filename, (message) => connection.console.error(message));
  const ruleFiles = new EditorRuleFiles(connection, documents, () => folders);
  const validator = new DocumentValidator(
    connection,
    documents,
    settings,
    worker,
    statusReporter(connection, () => support.status),
    (uri) => ruleFiles.configFor(uri),
    (uri) => ruleFiles.isRuleFile(uri),
  );
  settings.onLateSettings = (uri) => validator.settingsArrived(uri);
  connection.onExit(() => {
    worker.dispose();
    ruleFiles.dispose();
  });
  let folders: string[] = [];
  const workspace = new WorkspaceLint(connection, documents, settings, () => folders, () => support.configuration, ruleFiles);
  // A rule file changed (typed, saved, created, deleted): every open reply is linted again with it.
  ruleFiles.onChange = () => {
    validator.forgetLints();
    validator.settingsChanged();
    workspace.settingsChanged();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    support.configuration = capabilities.workspace?.configuration === true;
    support.dynamicConfigurationRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    support.documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    support.clientInfo = params.clientInfo;
    const options = (params.initializationOptions ?? {}) as { status?: unknown; ruleDocumentationCommand?: unknown };
    support.status = options.status === true;
    if (typeof options.ruleDocumentationCommand === 'string') support.ruleDocumentationCommand = options.ruleDocumentationCommand;
    support.workspaceFolderChanges = capabilities.workspace?.workspaceFolders === true;
    support.dynamicWatchedFilesRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
          resolveProvider: false,
        },
        hoverProvider: true,
        executeCommandProvider: { commands: [IGNORE_FINDING_COMMAND] },
        documentSymbolProvider: { label: 'Replylint macros' },
        completionProvider: { triggerCharacters: ['{', '%', '$'], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'replylint-ls', version: serverVersion },
    };
  });

  connection.onInitialized(() => {
    connection.console.info(
      startupLine({
        version: serverVersion,
        node: process.version,
        transport: transportOf(process.argv.slice(2)),
        client: support.clientInfo,
        pullsSettings: support.configuration,
      }),
    );
    if (support.configuration && support.dynamicConfigurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'replylint' });
    }
    // Rule files saved, created or deleted outside the editor; a shared file may have any name.
    if (support.dynamicWatchedFilesRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: RULE_FILE_WATCH_GLOB }] });
    } else {
      ruleFiles.watchFilesOurselves();
    }
    if (support.workspaceFolderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const gone = new Set(removed.map((folder) => folder.uri));
        folders = [...folders.filter((uri) => !gone.has(uri)), ...added.map((folder) => folder.uri)];
      });
    }
    // Compile the default rule set now rather than on the first keystroke.
    try {
      linterFor(lintConfigFor(DEFAULT_SETTINGS)).lint('');
    } catch (error) {
      connection.console.error(`Replylint could not compile its rules: ${describe(error)}`);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    validator.settingsChanged();
    workspace.settingsChanged();
  });

  let watchingFiles = false;
  connection.onRequest(LINT_WORKSPACE_REQUEST, async (params: WorkDoneProgressParams | undefined, token) => {
    // The client's progress token (VS Code shows it as a cancellable notification and cancels
    // the request), or one the server creates (a client that shows $/progress and sends
    // window/workDoneProgress/cancel), or none.
    const progress =
      params?.workDoneToken !== undefined
        ? connection.window.attachWorkDoneProgress(params.workDoneToken)
        : await connection.window.createWorkDoneProgress();
    const progressToken = 'token' in progress ? (progress.token as CancellationToken) : undefined;
    const result = await workspace.run(progress, eitherCancelled(token, progressToken));
    // From now on, files changing on disk keep Problems true.
    if (!watchingFiles && support.dynamicWatchedFilesRegistration) {
      watchingFiles = true;
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WORKSPACE_FILE_GLOB }] });
    }
    return result;
  });
  connection.onExecuteCommand((params) => {
    if (params.command !== IGNORE_FINDING_COMMAND) return null;
    const [args] = (params.arguments ?? []) as IgnoreFindingArguments[];
    const document = args && documents.get(args.uri);
    if (!document || document.version !== args.version || typeof args.ruleId !== 'string') {
      throw new ResponseError(ErrorCodes.InvalidParams, 'The reply changed since this finding was shown; try again on the finding as it is now.');
    }
    try {
      const text = document.getText();
      return { baseline: ruleFiles.ignoreFinding(args.uri, text, args.ruleId, document.offsetAt(args.range.start), document.offsetAt(args.range.end)) };
    } catch (error) {
      connection.console.error(`Replylint could not record the finding in the baseline: ${describe(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `Replylint could not record the finding in the baseline: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  connection.onRequest(CREATE_RULE_FILE_REQUEST, (params: CreateRuleFileParams) => {
    try {
      const result = createRuleFileRequest(params);
      // the new file governs the open replies of its folder from now on
      ruleFiles.changedOnDisk([result.uri]);
      return result;
    } catch (error) {
      throw new ResponseError(ErrorCodes.InvalidRequest, `Replylint could not create the rule file: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    ruleFiles.changedOnDisk(changes.map((change) => change.uri));
    for (const change of changes) {
      if (!ruleFiles.isRuleFile(change.uri)) void workspace.changedOnDisk(change.uri, change.type === FileChangeType.Deleted);
    }
  });

  // TextDocuments fires onDidChangeContent right after onDidOpen for the same document;
  // the open is linted at once, so that echo must not also start a debounced lint.
  const justOpened = new Set<string>();
  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    // A rule file is the team's settings, not a reply: its buffer becomes the rule file.
    if (ruleFiles.isRuleFile(event.document.uri)) ruleFiles.bufferChanged();
    else validator.request(event.document.uri, 'open');
  });
  documents.onDidChangeContent((event) => {
    if (justOpened.delete(event.document.uri)) return;
    if (ruleFiles.isRuleFile(event.document.uri)) ruleFiles.bufferChanged();
    else validator.request(event.document.uri, 'change');
  });
  documents.onDidSave((event) => {
    if (!ruleFiles.isRuleFile(event.document.uri)) validator.request(event.document.uri, 'save');
  });
  documents.onDidClose((event) => {
    if (ruleFiles.isRuleFile(event.document.uri)) {
      // closed without saving: the file on disk is the rule file again
      ruleFiles.bufferChanged();
      return;
    }
    validator.closed(event.document.uri);
    // A file the workspace lint reported goes back to its findings on disk.
    void workspace.closed(event.document.uri);
  });

  connection.onCodeAction(async (params, token): Promise<CodeAction[]> => {
    try {
      if (ruleFiles.isRuleFile(params.textDocument.uri)) return ruleFileQuickFixes(params, documents.get(params.textDocument.uri));
      const lint = await validator.current(params.textDocument.uri, token);
      if (!lint) return [];
      const fixer = validator.fixer(lint, token);
      const actions = await buildCodeActions({ params, ...lint, fixer, useDocumentChanges: support.documentChanges });
      return [...actions, ...ignoreFindingActions(params, documents.get(params.textDocument.uri)?.version)];
    } catch (error) {
      if (error instanceof JobCancelled) return cancelled(token, []);
      connection.console.error(`Replylint code actions failed for ${params.textDocument.uri}: ${describe(error)}`);
      return [];
    }
  });

  connection.onHover(async (params, token): Promise<Hover | null> => {
    try {
      if (ruleFiles.isRuleFile(params.textDocument.uri)) return null;
      const lint = await validator.current(params.textDocument.uri, token);
      if (!lint) return null;
      const definitionOf = (ruleId: string) => lint.linter.rules.find((rule) => rule.definition.id === ruleId)?.definition;
      // The client's own command opens the page it ships (offline); any other client gets the web page.
      const command = support.ruleDocumentationCommand;
      const docsLink = command
        ? (ruleId: string) => `command:${command}?${encodeURIComponent(JSON.stringify([ruleId]))}`
        : undefined;
      return buildHover(lint.document, params.position, lint.findings, definitionOf, docsLink);
    } catch (error) {
      if (error instanceof JobCancelled) return cancelled(token, null);
      connection.console.error(`Replylint hover failed for ${params.textDocument.uri}: ${describe(error)}`);
      return null;
    }
  });

  connection.onDocumentSymbol(async (params, token) => {
    try {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      // The format the lint read it in (a rule file may name it); detected when Replylint is off here.
      const lint = await validator.current(params.textDocument.uri, token);
      return documentSymbols(document.getText(), lint?.format ?? formatOfDocument(document), lint?.config.format !== undefined);
    } catch (error) {
      if (error instanceof JobCancelled) return cancelled(token, []);
      connection.console.error(`Replylint outline failed for ${params.textDocument.uri}: ${describe(error)}`);
      return [];
    }
  });

  connection.onCompletion(async (params) => {
    try {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      if (ruleFiles.isRuleFile(params.textDocument.uri)) return [];
      const current = await settings.get(params.textDocument.uri);
      const platform = current.platform || ruleFiles.configFor(params.textDocument.uri)?.effective.platform || '';
      return placeholderCompletions(document, params.position, platform);
    } catch (error) {
      connection.console.error(`Replylint completion failed for ${params.textDocument.uri}: ${describe(error)}`);
      return [];
    }
  });

  documents.listen(connection);
  connection.listen();
}

/**
 * Work given up: the client cancelled the request (it is answered RequestCancelled, as LSP
 * asks), or the document changed under it (it is answered with nothing; the client asks again).
 */
function cancelled<T>(token: CancellationToken, nothing: T): T {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.');
  return nothing;
}

// The VS Code side of Replylint. All linting, fixing and settings logic lives in the
// language server; this file only starts it, forwards commands and shows its status.
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { LanguageStatus } from './languageStatus';
import { rulesOf, showRuleDocumentation, SHOW_RULE_DOCUMENTATION } from './ruleDocumentation';
import { lintWorkspace } from './workspaceLint';
import { createRuleFile } from './createRuleFile';

const FIX_ALL_KIND = 'source.fixAll.replylint';
/**
 * The engine lints text, never the disk, so replies are linted wherever the editor keeps them:
 * on disk, unsaved, in a virtual or remote workspace, in a Live Share session. Only views of
 * other versions (git:, a diff's left side) are left out: their findings are not the writer's to fix.
 */
const LINTED_SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vsls'];
const replySelector = LINTED_SCHEMES.map((scheme) => ({ scheme, language: 'service-script' }));
/**
 * Macro libraries (help-desk exports, saved replies, Markdown handbooks) are synced to the
 * server too; it lints those whose content is a library and leaves any other JSON, YAML or
 * Markdown file alone, so a package.json gets no diagnostics. Team rule files (.replylint.yaml)
 * come this way too: the server shows their problems on them and replies follow their unsaved
 * text. Keep in step with the CLI's
 * folder search (server/cli/findReplyFiles.ts, LIBRARY_EXTENSIONS).
 */
const LIBRARY_FILES = '**/*.{json,yaml,yml,md,markdown,html,htm,csv,tsv,txt}';
const documentSelector = [...replySelector, ...LINTED_SCHEMES.map((scheme) => ({ scheme, pattern: LIBRARY_FILES }))];

let client: LanguageClient | undefined;

/** What activate() returns: the status as data, for the end-to-end tests and other tools. */
export interface ReplylintApi {
  status: Pick<LanguageStatus, 'current' | 'onDidChange'>;
}

export async function activate(context: vscode.ExtensionContext): Promise<ReplylintApi> {
  // A log channel, because vscode-languageclient 11 writes its own and the server's
  // messages to it with levels; `replylint.trace.server` traces show only at level Trace.
  const outputChannel = vscode.window.createOutputChannel('Replylint', { log: true });
  // The status item speaks for replies; in a JSON or YAML file it could only say "no findings" of files that are no library.
  const status = new LanguageStatus(replySelector);
  const serverModule = context.asAbsolutePath('dist/server.js');
  // The rule pages shipped here (opened from a hover) are Markdown with sections, which the server
  // would read as a library of macros and flag for their examples of what not to write.
  const rulePages = vscode.Uri.joinPath(context.extensionUri, 'shared', 'rules').toString() + '/';
  const isRulePage = (document: vscode.TextDocument) => document.uri.toString().startsWith(rulePages);

  const startServer = async (): Promise<void> => {
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: {
        module: serverModule,
        transport: TransportKind.ipc,
        options: { execArgv: ['--nolazy', '--inspect=6009'] },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector,
      outputChannel,
      // The server pulls settings per resource; this only tells it when to pull again.
      synchronize: { configurationSection: 'replylint' },
      // replylint/status: what the server did with each document, for the language status item;
      // hovers link to a rule's page through the command that opens the page shipped here.
      initializationOptions: { status: true, ruleDocumentationCommand: SHOW_RULE_DOCUMENTATION },
      // That command, and only that one, may run from a hover's link.
      markdown: { isTrusted: { enabledCommands: [SHOW_RULE_DOCUMENTATION] } },
      // Never opened on the server, so never linted; its later changes and close are ignored there.
      middleware: { didOpen: (document, next) => (isRulePage(document) ? Promise.resolve() : next(document)) },
    };
    // The id must be `replylint` so the client picks up `replylint.trace.server`.
    client = new LanguageClient('replylint', 'Replylint', serverOptions, clientOptions);
    status.watch(client);
    try {
      await client.start();
    } catch (error) {
      // The client has already told the user. Activation still succeeds so that
      // "Replylint: Restart Server" and the status item stay available.
      outputChannel.error('The Replylint server did not start.', error);
      status.failedToStart();
    }
  };

  context.subscriptions.push(
    outputChannel,
    status,
    vscode.commands.registerCommand('replylint.restartServer', async () => {
      outputChannel.info('Restarting the Replylint server on request.');
      // A fresh client rather than client.restart(): a client whose start failed cannot be
      // stopped or started again, and that is exactly when a user reaches for this command.
      await stopServer();
      await startServer();
    }),
    vscode.commands.registerCommand('replylint.fixAll', fixAllInActiveEditor),
    vscode.commands.registerCommand('replylint.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('replylint.lintWorkspace', () => lintWorkspace(client)),
    vscode.commands.registerCommand('replylint.createRuleFile', () => createRuleFile(client)),
    vscode.commands.registerCommand('replylint.showRuleDocumentation', (ruleId?: unknown) =>
      showRuleDocumentation(context.extensionUri, rulesOf(context.extension.packageJSON), ruleId),
    ),
  );
  // The server's own start-up line follows, with its version, Node, transport and settings source.
  outputChannel.info(
    `Replylint extension ${String(context.extension.packageJSON.version)} in ${vscode.env.appName} ${vscode.version}; ` +
      `${vscode.workspace.isTrusted ? 'trusted workspace' : 'Restricted Mode (untrusted workspace): Replylint runs in full'}; ` +
      `server ${serverModule}.`,
  );

  await startServer();
  return { status };
}

export function deactivate(): Promise<void> {
  return stopServer();
}

async function stopServer(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (!stopping) return;
  if (stopping.state === State.Starting) await stopping.start().catch(() => undefined);
  // vscode-languageclient throws when asked to stop a client that is not running.
  if (stopping.state === State.Running) await stopping.stop();
}

// Same code path as `editor.codeActionsOnSave: { "source.fixAll.replylint": "explicit" }`,
// so the command and fix-on-save can never disagree about what "fix all" means.
async function fixAllInActiveEditor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !vscode.languages.match(documentSelector, editor.document)) {
    void vscode.window.showInformationMessage('Replylint: open a reply to fix its problems.');
    return;
  }
  await vscode.commands.executeCommand('editor.action.codeAction', {
    kind: FIX_ALL_KIND,
    apply: 'ifSingle',
  });
}

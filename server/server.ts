// The Replylint language server: `replylint-ls --stdio` for any LSP client, `--node-ipc`
// from the VS Code extension. The work happens in server/lsp/; this file only starts it.
import { format } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import {
  createConnection,
  LSPErrorCodes,
  ProposedFeatures,
  StreamMessageWriter,
  type Connection,
  type ConnectionOptions,
  type Message,
  type RequestMessage,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { version } from '../package.json';
import { readCommandLine } from './lsp/commandLine';
import { startLanguageServer } from './lsp/languageServer';
import { serveLintJobs } from './lsp/lintWorker';
import { StrictMessageReader } from './lsp/strictMessageReader';

/**
 * A request the client cancelled before it was dispatched is answered "cancelled" at once
 * (LSP's RequestCancelled), rather than run for nobody.
 */
const options: ConnectionOptions = {
  connectionStrategy: {
    // Only ever called with a request (vscode-jsonrpc checks), so it has an id.
    cancelUndispatched: (message: Message): ResponseMessage => ({
      jsonrpc: '2.0',
      id: (message as RequestMessage).id,
      error: { code: LSPErrorCodes.RequestCancelled, message: 'Cancelled before it started.' },
    }),
  },
};

if (!isMainThread) {
  // The same bundle is the lint worker (server/lsp/lintWorker.ts): large documents are linted there.
  serveLintJobs();
} else {
  const action = readCommandLine(process.argv.slice(2), version);
  if (action.kind === 'print') {
    (action.exitCode === 0 ? process.stdout : process.stderr).write(`${action.text}\n`);
    process.exitCode = action.exitCode;
  } else if (process.argv.includes('--stdio')) {
    startLanguageServer(stdioConnection(), version);
  } else {
    startLanguageServer(createConnection(ProposedFeatures.all, options), version);
  }
}

/**
 * Over stdio the messages are framed by Content-Length headers. A framing error means no
 * later byte can be trusted: the server says why on stderr (clients show it in their LSP
 * log) and exits, and the client restarts it, rather than stay alive and deaf.
 */
function stdioConnection(): Connection {
  const reader = new StrictMessageReader(process.stdin);
  reader.onError((error) => {
    process.stderr.write(`Replylint cannot read the client's messages (${error.message}); exiting so that the client can restart the server.\n`);
    process.exit(1);
  });
  // The library exits when stdin ends only for the stdin it opens itself; this one is ours.
  const leave = () => process.exit(reader.shutdownRequested ? 0 : 1);
  process.stdin.on('end', leave);
  process.stdin.on('close', leave);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout), options);
  // stdout carries the protocol: anything a dependency prints goes to the client's log instead.
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}

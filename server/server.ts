// The Replylint language server: `replylint-ls --stdio` for any LSP client, `--node-ipc`
// from the VS Code extension. The work happens in server/lsp/; this file only starts it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { version } from '../package.json';
import { readCommandLine } from './lsp/commandLine';
import { startLanguageServer } from './lsp/languageServer';

const action = readCommandLine(process.argv.slice(2), version);
if (action.kind === 'print') {
  (action.exitCode === 0 ? process.stdout : process.stderr).write(`${action.text}\n`);
  process.exitCode = action.exitCode;
} else {
  startLanguageServer(createConnection(ProposedFeatures.all), version);
}

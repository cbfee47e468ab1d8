/**
 * `replylint-ls` arguments. The transport flags are read by vscode-languageserver itself;
 * this only answers --version and --help, and refuses to start without a transport
 * rather than failing with the library's stack trace.
 */
export const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

export function usage(version: string): string {
  return [
    `replylint-ls ${version}: the Replylint language server.`,
    '',
    'Usage: replylint-ls --stdio | --node-ipc | --socket=<port> | --pipe=<name>',
    '',
    '  --stdio          speak LSP over stdin/stdout (Neovim, Helix, Emacs, Sublime, ...)',
    '  --node-ipc       speak LSP over Node IPC (how the VS Code extension starts it)',
    '  --socket=<port>  connect to a socket on localhost',
    '  --pipe=<name>    connect to a named pipe',
    '  --version        print the version and exit',
    '  --help           print this help and exit',
    '',
    'Settings are read from the client under the "replylint" section: enable, run, rules, platform.',
  ].join('\n');
}

export type CommandLineAction = { kind: 'serve' } | { kind: 'print'; text: string; exitCode: number };

export function readCommandLine(args: string[], version: string): CommandLineAction {
  if (args.includes('--version') || args.includes('-v')) return { kind: 'print', text: version, exitCode: 0 };
  if (args.includes('--help') || args.includes('-h')) return { kind: 'print', text: usage(version), exitCode: 0 };
  const hasTransport = args.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
  if (!hasTransport) return { kind: 'print', text: `replylint-ls needs a transport.\n\n${usage(version)}`, exitCode: 2 };
  return { kind: 'serve' };
}

import { TRANSPORT_FLAGS } from './commandLine';

/** What the first line of the output says about this server, so a bug report starts with the facts. */
export interface StartupFacts {
  version: string;
  node: string;
  /** the transport flag the server was started with */
  transport: string;
  /** `clientInfo` from `initialize`, when the client sent it */
  client?: { name: string; version?: string };
  /** the client answers `workspace/configuration` */
  pullsSettings: boolean;
}

export function startupLine(facts: StartupFacts): string {
  const client = facts.client ? `${facts.client.name}${facts.client.version ? ` ${facts.client.version}` : ''}` : 'an LSP client';
  const settings = facts.pullsSettings
    ? 'the client’s “replylint” settings, read per file (user, workspace and folder settings in VS Code)'
    : 'the defaults, until the client sends a “replylint” section in workspace/didChangeConfiguration';
  return `Replylint language server ${facts.version} on Node ${facts.node}, over ${facts.transport}, for ${client}. Settings: ${settings}.`;
}

/** The transport named on the command line: stdio, node-ipc, socket or pipe. */
export function transportOf(args: readonly string[]): string {
  for (const arg of args) {
    const flag = TRANSPORT_FLAGS.find((candidate) => arg === candidate || arg.startsWith(`${candidate}=`));
    if (flag) return flag.slice(2);
  }
  return 'an unknown transport';
}

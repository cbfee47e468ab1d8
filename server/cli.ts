/**
 * `replylint`: the command line, a thin Node adapter over the engine in shared/.
 * Everything but process wiring lives in ./cli/ so it can be tested in-process too.
 */
import { runCli } from './cli/runCli';

// `replylint ... | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin,
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
}).then(
  (code) => {
    // exitCode, not exit(): a large report piped to a file must finish flushing first.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`replylint: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);

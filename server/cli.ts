/**
 * `replylint`: the command line, a thin Node adapter over the engine in shared/.
 * Everything but process wiring lives in ./cli/ so it can be tested in-process too.
 */
import { createInterface } from 'node:readline';
import { isCliWorker, serveFileTasks } from './cli/lintPool';
import { EXIT_TROUBLE, runCli } from './cli/runCli';

// --concurrency runs this same bundle in worker threads: there it lints the files it is sent.
if (isCliWorker()) serveFileTasks();
else main();

function main(): void {
  // A report that cannot be written whole (`> /dev/full`, a reader that went away as in
  // `| head`) is a failed run: CI must not read a cut-off report as a clean one. One line says
  // why, and the exit code is 2, whatever the findings were.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`replylint: cannot write the report to standard output (${error.code ?? error.message})\n`);
    process.exit(EXIT_TROUBLE);
  });
  // Nowhere is left to say anything; the exit code still tells.
  process.stderr.on('error', () => process.exit(EXIT_TROUBLE));

  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    ask: process.stdin.isTTY && process.stderr.isTTY ? ask : undefined,
    // A progress line only where a person watches: a terminal, and not a CI log.
    progress: Boolean(process.stderr.isTTY) && !process.env.CI,
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
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A question at a terminal (replylint --init asks for the help desk); none when piped or in CI. */
function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) =>
    prompt.question(question, (answer) => {
      prompt.close();
      resolve(answer);
    }),
  );
}

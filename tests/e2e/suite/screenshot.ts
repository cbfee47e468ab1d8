// Asks the outside runner (runVSCode.mjs) to act on the page: take the screenshot while the
// window shows findings (once the suite ends the extension host stops and its squiggles go with
// it), or click what only a user can click (a notification's Cancel button). A file handshake
// in the folder the runner shares through the environment: <kind>.request, then <kind>.done.
import { existsSync, readFileSync, renameSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { withTimeout } from './harness';

/** What the runner answers: whether it could do it, and what it saw. */
export interface RunnerAnswer {
  ok: boolean;
  seen?: string;
  error?: string;
}

/** Resolves with the runner's answer, or undefined when no runner shares a folder (another runner). */
export async function askRunner(kind: string, payload: unknown, timeoutMs = 20_000): Promise<RunnerAnswer | undefined> {
  const folder = process.env.REPLYLINT_E2E_DIR;
  if (!folder) return undefined;
  const done = join(folder, `${kind}.done`);
  rmSync(done, { force: true });
  let watcher: FSWatcher | undefined;
  const answered = new Promise<void>((resolve) => {
    watcher = watch(folder, () => {
      if (existsSync(done)) resolve();
    });
  });
  // Written whole, then renamed: the runner never reads half a request.
  writeFileSync(join(folder, `${kind}.request.partial`), JSON.stringify(payload ?? {}));
  renameSync(join(folder, `${kind}.request.partial`), join(folder, `${kind}.request`));
  try {
    await withTimeout(answered, timeoutMs, `the runner did not answer “${kind}” within ${timeoutMs} ms`);
    return JSON.parse(readFileSync(done, 'utf8')) as RunnerAnswer;
  } finally {
    watcher?.close();
  }
}

/** `expected` tells the runner what to check on the page as a user would see it. */
export async function requestScreenshot(expected: { languageStatus: string }, timeoutMs = 20_000): Promise<void> {
  await askRunner('screenshot', expected, timeoutMs);
}

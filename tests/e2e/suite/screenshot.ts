// Asks the outside runner (runVSCode.mjs) to take the screenshot while the window shows
// findings: once the suite ends the extension host stops and its squiggles go with it.
// A file handshake in the folder the runner shares through the environment.
import { existsSync, renameSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { withTimeout } from './harness';

/** `expected` tells the runner what to check on the page as a user would see it. */
export async function requestScreenshot(expected: { languageStatus: string }, timeoutMs = 20_000): Promise<void> {
  const folder = process.env.REPLYLINT_E2E_DIR;
  if (!folder) return; // run by another runner: nobody to take it
  const done = join(folder, 'screenshot.done');
  let watcher: FSWatcher | undefined;
  const taken = new Promise<void>((resolve) => {
    watcher = watch(folder, () => {
      if (existsSync(done)) resolve();
    });
  });
  // Written whole, then renamed: the runner never reads half a request.
  writeFileSync(join(folder, 'screenshot.request.partial'), JSON.stringify(expected));
  renameSync(join(folder, 'screenshot.request.partial'), join(folder, 'screenshot.request'));
  try {
    await withTimeout(taken, timeoutMs, `the runner did not take the screenshot within ${timeoutMs} ms`);
  } finally {
    watcher?.close();
  }
}

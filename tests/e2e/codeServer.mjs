// What the VS Code end-to-end runners share: code-server 4.100.3 (installed by tests/e2e/setup.sh)
// served on a free loopback port from a throwaway home, and Debian's Chromium driven by
// playwright-core. Used by runVSCode.mjs (the repository as a development extension) and
// runPackagedVsix.mjs (the .vsix, installed the way a user installs it).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cache = join(root, '.cache/e2e');
export const entry = join(cache, 'code-server/package/out/node/entry.js');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const HEALTHZ_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** [file, what to do] for each tool the runners need and do not find. */
export function missingTools() {
  return [
    [entry, 'code-server is not installed: run `bash tests/e2e/setup.sh`'],
    [chromiumPath, `no Chromium at ${chromiumPath}: run \`bash tests/e2e/setup.sh\` or set CHROMIUM_PATH`],
  ].filter(([file]) => !existsSync(file));
}

export function timeout(ms) {
  return new Promise((resolveTimeout) => setTimeout(resolveTimeout, ms).unref());
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolvePort(free));
    });
  });
}

/**
 * The environment of every code-server process: HOME and the XDG dirs inside `home` (else it
 * writes ~/.config/code-server), none of the VSCODE_* variables of a VS Code this may run in.
 */
export function codeServerEnv(home, extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VSCODE_') && name !== 'ELECTRON_RUN_AS_NODE'),
  );
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    ...extra,
  };
}

/**
 * User settings for a quiet, reproducible window: no welcome page, tips, update checks or git.
 * Workspace trust is on and nothing is trusted, so every window opens its folder in Restricted
 * Mode, as a folder of macros from elsewhere opens for a user; the trust prompt and banner are
 * off only so that nothing covers the window (the status bar still says "Restricted Mode").
 */
export function writeUserSettings(userDataDir) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'never',
        'security.workspace.trust.emptyWindow': false,
        'git.enabled': false,
        'window.zoomLevel': 0,
      },
      null,
      2,
    ),
  );
}

/**
 * Starts code-server on a free loopback port with `workspace` open. detached = setsid: the server,
 * its extension host and the language server form one process group, which stop() ends by its id.
 * Returns { port, base, pid, exited (a promise), exit() (its result so far), waitForHealthz(), stop() }.
 */
export async function startCodeServer({ cwd, home, extensionsDir, userDataDir, workspace, logFile, env = {} }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFd = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      entry,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--extensions-dir', extensionsDir,
      '--user-data-dir', userDataDir,
      workspace,
    ],
    { cwd, env: codeServerEnv(home, env), detached: true, stdio: ['ignore', logFd, logFd] },
  );
  let exitInfo;
  const exited = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolveExit(exitInfo);
    });
  });

  /** A readiness probe, not a test wait: asks /healthz until it answers 200, the server dies, or time runs out. */
  async function waitForHealthz(timeoutMs = HEALTHZ_TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exitInfo) throw new Error(`code-server exited before it was ready (${JSON.stringify(exitInfo)})`);
      try {
        const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await timeout(250);
    }
    throw new Error(`code-server did not answer ${base}/healthz within ${timeoutMs} ms`);
  }

  async function stop() {
    if (!exitInfo) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, timeout(STOP_TIMEOUT_MS)]);
    }
    try {
      process.kill(-child.pid, 'SIGKILL'); // whatever of the group is left: extension host, language server
    } catch {
      // the whole group is gone
    }
  }

  return { port, base, pid: child.pid, exited, exit: () => exitInfo, waitForHealthz, stop };
}

/** Debian's Chromium, headless, through playwright-core (which downloads no browser of its own). */
export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Hovers the language status indicator (the {} beside the language name in the status bar) and
 * returns the text of its items, one per line: label, detail and command link.
 */
export async function readLanguageStatus(page) {
  const indicator = page.locator('#status\\.languageStatus');
  await indicator.hover({ timeout: 5_000 });
  const items = page.locator('.hover-language-status');
  await items.first().waitFor({ state: 'visible', timeout: 5_000 });
  const text = (await items.allInnerTexts()).join('\n');
  await page.mouse.move(0, 0);
  return text;
}

/** Every file under `dir`, recursively; [] when it does not exist. */
export function findFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? findFiles(file) : [file];
  });
}

/** The last `lines` lines of a file, indented for a log block; undefined when it does not exist. */
export function tailOf(file, lines = 40) {
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n      ');
}

/**
 * After a failed run: prints the tails of the code-server, extension-host, Replylint and page
 * logs, and copies `keep` (names inside `temp`) to `logsOut` before the temporary folder goes.
 */
export function reportLogs({ say, temp, userDataDir, logsOut, keep }) {
  const tail = (file, lines = 40) => {
    const text = tailOf(file, lines);
    if (text !== undefined) say(`--- ${relative(temp, file)} (last ${lines} lines)\n      ${text}`);
  };
  tail(join(temp, 'code-server.log'));
  // The extension host's log and the Replylint output channel (the client's and the server's messages).
  for (const file of findFiles(join(userDataDir, 'logs'))) {
    if (/remoteexthost\.log$|exthost\.log$|Replylint\.log$/.test(file)) tail(file, 30);
  }
  tail(join(temp, 'page-console.log'), 30);
  for (const name of keep) {
    if (existsSync(join(temp, name))) cpSync(join(temp, name), join(logsOut, name), { recursive: true });
  }
  say(`logs kept in ${relative(root, logsOut)}/`);
}

#!/usr/bin/env node
// Runs the in-host end-to-end suite (tests/e2e/suite/) in a real VS Code: code-server 4.100.3
// (VS Code 1.100.3, installed by tests/e2e/setup.sh) on a free loopback port, its workbench
// in headless Chromium driven by playwright-core, this repository loaded as a development
// extension. The workbench runs the suite in the extension host and hands its exit code to
// window.codeAutomationExit. Exits with that code, or 1 when anything on the way fails.
//
//   bash tests/e2e/setup.sh && npm run build && node tests/e2e/runVSCode.mjs
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), REPLYLINT_E2E_TIMEOUT_MS (the whole
// suite, default 240000), REPLYLINT_E2E_KEEP=1 keeps the temporary folder for inspection.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { commonOptions } from '../../esbuild.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cache = join(root, '.cache/e2e');
const entry = join(cache, 'code-server/package/out/node/entry.js');
const suiteBundle = join(cache, 'suite/index.js');
const screenshotPath = join(cache, 'screenshot.png');
const logsOut = join(cache, 'logs');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const suiteTimeoutMs = Number(process.env.REPLYLINT_E2E_TIMEOUT_MS ?? 240_000);
const HEALTHZ_TIMEOUT_MS = 60_000;
const PAGE_LOAD_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

const say = (message) => console.log(`[vscode e2e] ${message}`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

// --- preflight: say what to run instead of failing obscurely ------------------------------------
const missing = [
  [entry, 'code-server is not installed: run `bash tests/e2e/setup.sh`'],
  [chromiumPath, `no Chromium at ${chromiumPath}: run \`bash tests/e2e/setup.sh\` or set CHROMIUM_PATH`],
  [join(root, 'dist/client.js'), 'dist/client.js is missing: run `npm run build`'],
  [join(root, 'dist/server.js'), 'dist/server.js is missing: run `npm run build`'],
].filter(([file]) => !existsSync(file));
if (missing.length > 0) {
  for (const [, message] of missing) say(message);
  process.exit(1);
}

// --- the in-host suite, bundled like the extension (rule packs inlined the same way); `vscode`
// comes from the extension host -------------------------------------------------------------------
await esbuild.build({
  ...commonOptions,
  entryPoints: [join(root, 'tests/e2e/suite/index.ts')],
  outfile: suiteBundle,
  sourcemap: 'inline',
  external: ['vscode'],
});

rmSync(logsOut, { recursive: true, force: true }); // a failed run's logs, from an earlier run

// --- a throwaway home: code-server writes config, state and logs under HOME and XDG dirs --------
const temp = mkdtempSync(join(tmpdir(), 'replylint-e2e-'));
const dirs = {
  home: join(temp, 'home'),
  userData: join(temp, 'user-data'),
  extensions: join(temp, 'extensions'),
  workspace: join(temp, 'workspace'), // a copy: the suite edits documents
  exchange: join(temp, 'exchange'), // report and screenshot handshake with the suite
};
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
cpSync(join(root, 'tests/e2e/workspace'), dirs.workspace, { recursive: true });
mkdirSync(join(dirs.userData, 'User'), { recursive: true });
writeFileSync(
  join(dirs.userData, 'User/settings.json'),
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
      'security.workspace.trust.enabled': false,
      'git.enabled': false,
      'window.zoomLevel': 0,
    },
    null,
    2,
  ),
);
const reportPath = join(dirs.exchange, 'report.json');
const serverLog = join(temp, 'code-server.log');

// --- code-server ---------------------------------------------------------------------------------
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('VSCODE_') && name !== 'ELECTRON_RUN_AS_NODE'),
);
Object.assign(env, {
  HOME: dirs.home,
  XDG_CONFIG_HOME: join(dirs.home, '.config'),
  XDG_DATA_HOME: join(dirs.home, '.local/share'),
  XDG_CACHE_HOME: join(dirs.home, '.cache'),
  // The extension host inherits these; the suite writes its report and asks for the screenshot.
  REPLYLINT_E2E_DIR: dirs.exchange,
  REPLYLINT_E2E_REPORT: reportPath,
});
const logFd = openSync(serverLog, 'a');
// detached = setsid: the server, its extension host and the language server form one process
// group, ended together by its id.
const server = spawn(
  process.execPath,
  [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--extensions-dir', dirs.extensions,
    '--user-data-dir', dirs.userData,
    dirs.workspace,
  ],
  { cwd: temp, env, detached: true, stdio: ['ignore', logFd, logFd] },
);
let serverExit;
const serverExited = new Promise((resolveExit) => {
  server.on('exit', (code, signal) => {
    serverExit = { code, signal };
    resolveExit(serverExit);
  });
});

let browser;
let exitCode = 1;
const failures = [];
const uiChecks = [];
const stopOnSignal = (signal) => {
  say(`${signal}: stopping`);
  void cleanUp().finally(() => process.exit(130));
};
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);

try {
  await waitForHealthz();
  say(`code-server ready on ${base} (${elapsed()})`);

  browser = await chromium.launch({
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
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const pageLog = [];
  page.on('console', (message) => {
    const text = message.text().replace(/%c/g, '');
    pageLog.push(`${message.type()}: ${text}`);
    const at = text.indexOf('[e2e]');
    if (at >= 0) console.log(`  ${text.slice(at).split('\n').join('\n  ')}`);
  });
  page.on('pageerror', (error) => pageLog.push(`pageerror: ${error.message}`));

  let reportExit;
  const automationExit = new Promise((resolveExit) => {
    reportExit = resolveExit;
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => reportExit({ code, logs }));

  // The suite asks for the screenshot while findings are on screen (see suite/screenshot.ts).
  let screenshotTaken = false;
  const handshake = watch(dirs.exchange, () => {
    const request = join(dirs.exchange, 'screenshot.request');
    if (screenshotTaken || !existsSync(request)) return;
    screenshotTaken = true;
    let expected;
    try {
      expected = JSON.parse(readFileSync(request, 'utf8'));
    } catch (error) {
      uiChecks.push({ name: 'the suite’s screenshot request is readable', ok: false, error: String(error) });
    }
    void takeScreenshot(page, expected).finally(() => writeFileSync(join(dirs.exchange, 'screenshot.done'), 'ok'));
  });

  const remote = (file) => `vscode-remote://127.0.0.1:${port}${pathToFileURL(file).pathname}`;
  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(suiteBundle)],
  ];
  const url = `${base}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_TIMEOUT_MS });
  await page.locator('.monaco-workbench').waitFor({ state: 'attached', timeout: PAGE_LOAD_TIMEOUT_MS });
  say(`workbench loaded (${elapsed()}); the suite runs in the extension host`);

  const outcome = await Promise.race([
    automationExit,
    new Promise((resolveCrash) => page.once('crash', () => resolveCrash({ error: 'the workbench page crashed' }))),
    serverExited.then((exit) => ({ error: `code-server exited during the run (${JSON.stringify(exit)})` })),
    timeout(suiteTimeoutMs).then(() => ({ error: `the suite did not finish within ${suiteTimeoutMs} ms` })),
  ]);
  handshake.close();
  if (!screenshotTaken) await takeScreenshot(page); // of whatever the window shows, for diagnosis
  if (outcome.error) {
    failures.push(outcome.error);
  } else {
    exitCode = outcome.code;
    saveWorkbenchLogs(outcome.logs);
  }
  if (outcome.error || exitCode !== 0) writeFileSync(join(temp, 'page-console.log'), pageLog.join('\n'));
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  const summary = printReport();
  if (failures.length > 0 || exitCode !== 0 || summary.failed > 0) {
    exitCode = exitCode || 1;
    for (const failure of failures) say(`FAILED: ${failure}`);
    printDiagnostics();
  }
  await cleanUp();
  say(`${summary.passed} passed, ${summary.failed} failed (${elapsed()}, exit ${exitCode})`);
  process.exit(exitCode);
}

// --- helpers -------------------------------------------------------------------------------------

function freePort() {
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

function timeout(ms) {
  return new Promise((resolveTimeout) => setTimeout(resolveTimeout, ms).unref());
}

/** A readiness probe, not a test wait: asks /healthz until it answers 200, the server dies, or time runs out. */
async function waitForHealthz() {
  const deadline = Date.now() + HEALTHZ_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (serverExit) throw new Error(`code-server exited before it was ready (${JSON.stringify(serverExit)})`);
    try {
      const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await timeout(250);
  }
  throw new Error(`code-server did not answer ${base}/healthz within ${HEALTHZ_TIMEOUT_MS} ms`);
}

/**
 * With `expected` (sent by the suite, which has set the scene: a reply with findings, a hover, the
 * Problems panel), also checks what a user sees; without, only records the window for diagnosis.
 */
async function takeScreenshot(page, expected) {
  try {
    if (expected) {
      // Give the hover and the Problems panel the chance to render first.
      await page.locator('.monaco-hover-content').first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
      await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
      await checkStatusBar(page, expected.statusBar);
      await checkHover(page);
    }
    await page.screenshot({ path: screenshotPath, timeout: 15_000 });
    say(`screenshot: ${relative(root, screenshotPath)}`);
  } catch (error) {
    say(`no screenshot: ${error instanceof Error ? error.message : error}`);
  }
}

/** The status bar item as a user sees it: the count of the active reply's findings. */
async function checkStatusBar(page, expectedText) {
  const item = page.locator('.statusbar-item', { hasText: 'Replylint' }).first();
  const text = await item
    .waitFor({ state: 'visible', timeout: 5_000 })
    .then(() => item.innerText())
    .catch(() => '(no Replylint item in the status bar)');
  const ok = text.includes(expectedText);
  uiChecks.push({ name: `the status bar shows “${expectedText}”`, ok, error: ok ? undefined : `it shows: ${text.trim()}` });
}

/** The hover the suite opened over a no-blame finding, rendered in the page. */
async function checkHover(page) {
  const hover = page.locator('.monaco-hover-content').first();
  const text = await hover.innerText({ timeout: 2_000 }).catch(() => '(no hover on screen)');
  const ok = text.includes('no-blame');
  uiChecks.push({ name: 'the hover over a finding renders in the editor', ok, error: ok ? undefined : `it shows: ${text.trim().slice(0, 300)}` });
}

function printReport() {
  let results = [];
  if (existsSync(reportPath)) {
    results = JSON.parse(readFileSync(reportPath, 'utf8')).results;
  } else {
    failures.push('the suite wrote no report: it never ran, or the extension host died before it finished');
  }
  // The suite's own steps were printed as they ran (forwarded from the extension host's console);
  // repeat only their failures, and add the checks made here on the page.
  for (const result of results) {
    if (!result.ok) say(`FAIL ${result.name}\n       ${(result.error ?? '').split('\n').join('\n       ')}`);
  }
  for (const check of uiChecks) {
    results.push(check);
    say(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.ok ? '' : `\n       ${check.error}`}`);
  }
  const failed = results.filter((result) => !result.ok).length;
  return { passed: results.length - failed, failed };
}

/** Keeps what the workbench hands back with the exit code (the browser-side logs). */
function saveWorkbenchLogs(logs) {
  if (!Array.isArray(logs)) return;
  for (const { relativePath, contents } of logs) {
    if (typeof relativePath !== 'string' || typeof contents !== 'string') continue;
    const file = join(temp, 'workbench-logs', relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
}

function printDiagnostics() {
  const tail = (file, lines = 40) => {
    if (!existsSync(file)) return;
    const text = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n      ');
    say(`--- ${relative(temp, file)} (last ${lines} lines)\n      ${text}`);
  };
  tail(serverLog);
  // The extension host's log and the Replylint output channel (the client's and the server's messages).
  for (const file of findFiles(join(dirs.userData, 'logs'))) {
    if (/remoteexthost\.log$|exthost\.log$|Replylint\.log$/.test(file)) tail(file, 30);
  }
  tail(join(temp, 'page-console.log'), 30);
  // Copy the logs out of the temporary folder before it goes.
  for (const name of ['code-server.log', 'page-console.log', 'workbench-logs', 'user-data/logs']) {
    if (existsSync(join(temp, name))) cpSync(join(temp, name), join(logsOut, name), { recursive: true });
  }
  say(`logs kept in ${relative(root, logsOut)}/`);
}

function findFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? findFiles(file) : [file];
  });
}

async function cleanUp() {
  await browser?.close().catch(() => undefined);
  if (!serverExit) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([serverExited, timeout(STOP_TIMEOUT_MS)]);
  }
  try {
    process.kill(-server.pid, 'SIGKILL'); // whatever of the group is left: extension host, language server
  } catch {
    // the whole group is gone
  }
  if (process.env.REPLYLINT_E2E_KEEP === '1') say(`kept ${temp}`);
  else rmSync(temp, { recursive: true, force: true });
}

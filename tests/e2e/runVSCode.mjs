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
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { commonOptions } from '../../esbuild.mjs';
import { cache, launchChromium, missingTools, readLanguageStatus, reportLogs, root, startCodeServer, timeout, writeUserSettings } from './codeServer.mjs';

const suiteBundle = join(cache, 'suite/index.js');
const screenshotPath = join(cache, 'screenshot.png');
const logsOut = join(cache, 'logs');
const suiteTimeoutMs = Number(process.env.REPLYLINT_E2E_TIMEOUT_MS ?? 240_000);
const PAGE_LOAD_TIMEOUT_MS = 60_000;

const say = (message) => console.log(`[vscode e2e] ${message}`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

// --- preflight: say what to run instead of failing obscurely ------------------------------------
const missing = [
  ...missingTools(),
  ...[
    [join(root, 'dist/client.js'), 'dist/client.js is missing: run `npm run build`'],
    [join(root, 'dist/server.js'), 'dist/server.js is missing: run `npm run build`'],
  ].filter(([file]) => !existsSync(file)),
];
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
writeUserSettings(dirs.userData);
const reportPath = join(dirs.exchange, 'report.json');
const serverLog = join(temp, 'code-server.log');

// --- code-server ---------------------------------------------------------------------------------
const codeServer = await startCodeServer({
  cwd: temp,
  home: dirs.home,
  extensionsDir: dirs.extensions,
  userDataDir: dirs.userData,
  workspace: dirs.workspace,
  logFile: serverLog,
  // The extension host inherits these; the suite writes its report and asks for the screenshot.
  env: { REPLYLINT_E2E_DIR: dirs.exchange, REPLYLINT_E2E_REPORT: reportPath },
});
const { port, base } = codeServer;

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
  await codeServer.waitForHealthz();
  say(`code-server ready on ${base} (${elapsed()})`);

  browser = await launchChromium();
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

  // The suite asks for what only the page can do (see suite/screenshot.ts): the screenshot while
  // findings are on screen, a click on a notification's Cancel button.
  let screenshotTaken = false;
  const handling = new Set();
  const actions = {
    screenshot: async (expected) => {
      screenshotTaken = true;
      await takeScreenshot(page, expected);
      return { ok: true };
    },
    'cancel-progress': (request) => cancelProgress(page, request),
    'quick-pick': (request) => pickInQuickPick(page, request),
    notification: (request) => readNotification(page, request),
    'command-palette': (request) => listCommands(page, request),
  };
  const handshake = watch(dirs.exchange, () => {
    for (const [kind, act] of Object.entries(actions)) {
      const request = join(dirs.exchange, `${kind}.request`);
      if (handling.has(kind) || !existsSync(request)) continue;
      handling.add(kind);
      let payload;
      try {
        payload = JSON.parse(readFileSync(request, 'utf8'));
      } catch (error) {
        uiChecks.push({ name: `the suite’s ${kind} request is readable`, ok: false, error: String(error) });
      }
      rmSync(request, { force: true });
      void Promise.resolve(act(payload))
        .catch((error) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }))
        .then((answer) => {
          // Written whole, then renamed: the suite never reads half an answer.
          writeFileSync(join(dirs.exchange, `${kind}.done.partial`), JSON.stringify(answer));
          renameSync(join(dirs.exchange, `${kind}.done.partial`), join(dirs.exchange, `${kind}.done`));
          handling.delete(kind);
        });
    }
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
    codeServer.exited.then((exit) => ({ error: `code-server exited during the run (${JSON.stringify(exit)})` })),
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
      await checkHover(page);
      await checkLanguageMode(page);
      await checkLanguageStatus(page, expected.languageStatus);
    }
    await page.screenshot({ path: screenshotPath, timeout: 15_000 });
    say(`screenshot: ${relative(root, screenshotPath)}`);
  } catch (error) {
    say(`no screenshot: ${error instanceof Error ? error.message : error}`);
  }
}

/**
 * The language status item as a user sees it: hovering the {} beside the language name shows
 * Replylint's line, with the count of the active reply's findings and its Problems link.
 */
async function checkLanguageStatus(page, expectedText) {
  const text = await readLanguageStatus(page).catch((error) => `(${error.message})`);
  const ok = text.includes(expectedText) && text.includes('Problems');
  uiChecks.push({ name: `the language status shows “${expectedText}” with a Problems link`, ok, error: ok ? undefined : `it shows: ${text.trim()}` });
}

/**
 * The progress notification titled `title`, as a user sees it: waits for it, reads it, clicks its
 * Cancel button and waits for it to go. Answers what it read, for the suite to check.
 */
async function cancelProgress(page, { title }) {
  const toast = page.locator('.notification-toast', { hasText: title }).first();
  await toast.waitFor({ state: 'visible', timeout: 15_000 });
  // The message row fills in with the first progress report ("12 of 3000 files").
  await toast.locator('.notification-list-item-message', { hasText: / of \d+ files/ }).waitFor({ state: 'visible', timeout: 15_000 });
  const seen = ((await toast.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  await toast.locator('.monaco-button, a.monaco-button', { hasText: 'Cancel' }).first().click({ timeout: 5_000 });
  await toast.waitFor({ state: 'hidden', timeout: 15_000 });
  return { ok: true, seen };
}

/**
 * The quick pick a command shows (its placeholder says which), as a user answers it: waits for it,
 * reads its items, clicks the one labelled `label` and waits for it to close. Answers the items it saw.
 */
async function pickInQuickPick(page, { placeholder, label }) {
  const widget = page.locator('.quick-input-widget');
  await page.waitForFunction(
    (expected) => {
      const input = document.querySelector('.quick-input-widget input');
      return input && input.checkVisibility() && input.getAttribute('placeholder') === expected;
    },
    placeholder,
    { timeout: 15_000 },
  );
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 5_000 });
  const seen = (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()).join(' | ');
  await rows.filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).first().click({ timeout: 5_000 });
  await widget.waitFor({ state: 'hidden', timeout: 15_000 });
  return { ok: true, seen };
}

/**
 * The commands the Command Palette (F1) lists for `filter` typed after the `>`, as a user sees them
 * with the active editor the suite chose; the palette is closed again.
 */
async function listCommands(page, { filter }) {
  await page.locator('.monaco-editor textarea').first().focus().catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${filter}`);
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  // The list filters as the text arrives; it has settled when its first row holds the text typed.
  await page
    .waitForFunction(
      (typed) => [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')].some((row) => row.innerText.includes(typed)) ||
        Boolean(document.querySelector('.quick-input-widget .quick-input-message')?.innerText.trim()),
      filter,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  const seen = (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
  await page.keyboard.press('Escape');
  return { ok: true, seen: seen.join(' | ') };
}

/** A notification toast holding `text`, as a user reads it. */
async function readNotification(page, { text }) {
  const toast = page.locator('.notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: 15_000 });
  const message = await toast.locator('.notification-list-item-message').first().innerText({ timeout: 5_000 });
  return { ok: true, seen: message.replace(/\s+/g, ' ').trim() };
}

/** The language picker entry of the active reply, and the Restricted Mode the window is in. */
async function checkLanguageMode(page) {
  const mode = await page.locator('#status\\.editor\\.mode').innerText({ timeout: 5_000 }).catch(() => '(no language mode item)');
  uiChecks.push({ name: 'the status bar names the language “Reply”', ok: mode.trim() === 'Reply', error: `it shows: ${mode.trim()}` });
  const restricted = await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count();
  uiChecks.push({ name: 'the window shows Restricted Mode', ok: restricted > 0, error: 'no “Restricted Mode” item in the status bar' });
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
  reportLogs({ say, temp, userDataDir: dirs.userData, logsOut, keep: ['code-server.log', 'page-console.log', 'workbench-logs', 'user-data/logs'] });
}

async function cleanUp() {
  await browser?.close().catch(() => undefined);
  await codeServer.stop();
  if (process.env.REPLYLINT_E2E_KEEP === '1') say(`kept ${temp}`);
  else rmSync(temp, { recursive: true, force: true });
}

#!/usr/bin/env node
// The packaged extension, end to end, the way a support team lead meets it: `npm run package`
// builds the .vsix, code-server's own CLI installs it into an empty extensions folder, and a
// fresh code-server window (no development extension, no repository on any path) opens a folder
// of replies. In headless Chromium, a reply is opened through Quick Open as a user would, and the
// checks read what the page shows: the status bar count, the squiggles, the Problems panel and
// the hover. Catches what the development-extension run (runVSCode.mjs) cannot: a file left out
// of the package, a `main` or grammar path that only exists in the repository, a server that
// needs node_modules.
//
//   bash tests/e2e/setup.sh && node tests/e2e/runPackagedVsix.mjs
//
// The .vsix goes to .cache/e2e/ (never the repository root), and dist/ is rebuilt unminified
// afterwards, as `npm run build` leaves it. Screenshot: .cache/e2e/packaged.png.
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), REPLYLINT_E2E_KEEP=1 keeps the
// temporary folder for inspection.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  cache,
  codeServerEnv,
  entry,
  findFiles,
  launchChromium,
  missingTools,
  root,
  startCodeServer,
  reportLogs,
  writeUserSettings,
} from './codeServer.mjs';
import { lastLines, processesInGroup, run } from './processes.mjs';

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsixPath = join(cache, `${manifest.name}-${manifest.version}.vsix`);
const screenshotPath = join(cache, 'packaged.png');
const logsOut = join(cache, 'logs-packaged');
// In tests/e2e/workspace/shipping: a real-looking reply with a finding of each built-in rule.
const REPLY = 'late-order.reply';
const RULES = ['no-blame', 'no-defensive', 'no-scripted-phrase', 'no-vague-commitment', 'require-thanks'];
const EXPLORER_ROW = 'cache-blame.reply'; // at the top of the folder, so the Explorer shows it at once
// The README's picture (images/vscode.png), taken here: the installed extension in a real window.
const readmeShotPath = join(cache, 'readme.png');
const PACKAGE_TIMEOUT_MS = 120_000;
const INSTALL_TIMEOUT_MS = 60_000;
const PAGE_LOAD_TIMEOUT_MS = 60_000;
const UI_TIMEOUT_MS = 30_000; // any one thing the page should show
const RUN_TIMEOUT_MS = 300_000; // the whole run, a last resort against a hang

const say = (message) => console.log(`[packaged e2e] ${message}`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

// --- preflight -----------------------------------------------------------------------------------
const missing = missingTools();
if (missing.length > 0) {
  for (const [, message] of missing) say(message);
  process.exit(1);
}

rmSync(logsOut, { recursive: true, force: true }); // a failed run's logs, from an earlier run
const temp = mkdtempSync(join(tmpdir(), 'replylint-vsix-'));
const dirs = {
  home: join(temp, 'home'),
  userData: join(temp, 'user-data'),
  extensions: join(temp, 'extensions'),
  workspace: join(temp, 'workspace'),
};
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
cpSync(join(root, 'tests/e2e/workspace'), dirs.workspace, { recursive: true });
writeUserSettings(dirs.userData);
const serverLog = join(temp, 'code-server.log');
const installed = join(dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase());

// --- steps: each prints ok/FAIL as it ends; after a failure the steps that build on it are
// reported as not run ----------------------------------------------------------------------------
const results = [];
let broken = false;
async function step(name, run) {
  if (broken) {
    results.push({ name, ok: false, skipped: true });
    say(`skip ${name} (an earlier step failed)`);
    return undefined;
  }
  const stepStarted = Date.now();
  try {
    const value = await run();
    results.push({ name, ok: true });
    say(`ok   ${name} (${Date.now() - stepStarted} ms)`);
    return value;
  } catch (error) {
    broken = true;
    const message = error instanceof Error ? error.message : String(error);
    results.push({ name, ok: false, error: message });
    say(`FAIL ${name} (${Date.now() - stepStarted} ms)\n       ${message.split('\n').join('\n       ')}`);
    return undefined;
  }
}
/** A check that does not stop the run when it fails (nothing later depends on it). */
async function check(name, run) {
  const wasBroken = broken;
  const value = await step(name, run);
  if (!wasBroken) broken = false;
  return value;
}

let codeServer;
let browser;
let page;
const pageLog = [];
const outputs = {}; // the packaging and install output, kept with the logs when the run fails
const stopOnSignal = (signal) => {
  say(`${signal}: stopping`);
  void cleanUp().finally(() => process.exit(130));
};
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);
const watchdog = setTimeout(() => {
  say(`FAILED: the run did not finish within ${RUN_TIMEOUT_MS} ms`);
  printDiagnostics();
  void cleanUp().finally(() => process.exit(1));
}, RUN_TIMEOUT_MS);
watchdog.unref();

try {
  // --- 1. the package ---------------------------------------------------------------------------
  const rootVsixBefore = vsixFilesInRoot();
  await step(`npm run package builds ${relative(root, vsixPath)}`, async () => {
    rmSync(vsixPath, { force: true });
    // npm hands the arguments after `--` to the script's last command, `vsce package`.
    const result = await run('npm', ['run', 'package', '--', '--out', vsixPath], { timeoutMs: PACKAGE_TIMEOUT_MS });
    outputs.package = result.output;
    if (result.code !== 0) throw new Error(`npm run package exited ${result.code ?? result.signal}:\n${lastLines(result.output, 30)}`);
    if (!existsSync(vsixPath)) throw new Error(`npm run package wrote no ${vsixPath}:\n${lastLines(result.output, 30)}`);
  });
  // Put dist/ back the way `npm run build` leaves it (readable bundles; the Neovim run uses it),
  // whatever happened to the packaging.
  const rebuild = await run(process.execPath, ['esbuild.mjs'], { timeoutMs: PACKAGE_TIMEOUT_MS });
  if (rebuild.code !== 0) say(`warning: \`node esbuild.mjs\` did not rebuild dist/:\n${lastLines(rebuild.output, 20)}`);
  await check('packaging leaves no .vsix in the repository root', async () => {
    const after = vsixFilesInRoot();
    const fresh = Object.keys(after).filter((name) => after[name] !== rootVsixBefore[name]);
    if (fresh.length > 0) throw new Error(`written to the repository root: ${fresh.join(', ')}`);
  });

  // --- 2. installed with code-server's own CLI, the way `code --install-extension` does -----------
  await step('code-server --install-extension installs the .vsix into an empty extensions folder', async () => {
    const result = await run(
      process.execPath,
      [entry, '--install-extension', vsixPath, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData],
      { cwd: temp, env: codeServerEnv(dirs.home), timeoutMs: INSTALL_TIMEOUT_MS },
    );
    outputs.install = result.output;
    if (result.code !== 0 || !/successfully installed/i.test(result.output)) {
      throw new Error(`the install exited ${result.code ?? result.signal}:\n${lastLines(result.output, 20)}`);
    }
    if (!existsSync(installed)) {
      throw new Error(`no ${relative(temp, installed)}; the extensions folder holds: ${readdirSync(dirs.extensions).join(', ')}`);
    }
  });

  // The file checks do not stop the run: the window below shows what a missing file breaks.
  await check('the installed extension has its bundles, grammar, rule pages and every path its manifest names', () => {
    const shipped = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    const contributes = shipped.contributes ?? {};
    const named = [
      ['main', shipped.main],
      ...(contributes.languages ?? []).map((language) => [`language ${language.id} configuration`, language.configuration]),
      ...(contributes.grammars ?? []).map((grammar) => [`grammar ${grammar.scopeName}`, grammar.path]),
      ['icon', shipped.icon],
    ].filter(([, path]) => path);
    const rulePages = Object.keys(contributes.configuration?.properties?.['replylint.rules']?.properties ?? {}).map((id) => [
      `the documentation of ${id}`,
      `shared/rules/${id}.md`,
    ]);
    if (rulePages.length === 0) throw new Error('the manifest lists no rules under replylint.rules');
    const wanted = [
      ['the language server', 'dist/server.js'],
      ['the client', 'dist/client.js'],
      ['the grammar', 'syntaxes/service-script.tmLanguage.json'],
      ...rulePages,
      ...named,
    ];
    const absent = wanted.filter(([, path]) => !existsSync(join(installed, path)));
    if (absent.length > 0) {
      throw new Error(
        `missing from the installed extension: ${absent.map(([what, path]) => `${path} (${what})`).join(', ')}\n` +
          `it holds: ${listing(installed).join(', ')}`,
      );
    }
  });

  await check('the installed extension ships no sources, tests, node_modules or source maps', () => {
    const files = listing(installed);
    const forbidden = files.filter(
      (file) =>
        (/^(shared|server|client|tests|node_modules|examples|docs|bench|coverage|\.cache|\.ci|\.git|\.vscode)\//.test(file) &&
          // rule pages and their data; the rule-file guide the README links to (see .vscodeignore)
          !/^shared\/rules\/[a-z-]+\.(md|yaml)$/.test(file) &&
          file !== 'docs/rule-files.md') ||
        /\.(map|ts|mts|cts|vsix|tgz|log)$/.test(file),
    );
    if (forbidden.length > 0) throw new Error(`shipped by mistake: ${forbidden.join(', ')}`);
  });

  // --- 3. a fresh window on a folder of replies, with only the installed extension --------------
  await step('code-server starts with the installed extension and a folder of replies', async () => {
    codeServer = await startCodeServer({
      cwd: temp,
      home: dirs.home,
      extensionsDir: dirs.extensions,
      userDataDir: dirs.userData,
      workspace: dirs.workspace,
      logFile: serverLog,
    });
    await codeServer.waitForHealthz();
  });

  await step('the workbench opens the folder (no development extension)', async () => {
    browser = await launchChromium();
    // A laptop screen: the hover and the quick-fix menu must fit in it.
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('console', (message) => pageLog.push(`${message.type()}: ${message.text().replace(/%c/g, '')}`));
    page.on('pageerror', (error) => pageLog.push(`pageerror: ${error.message}`));
    await page.goto(`${codeServer.base}/?folder=${encodeURIComponent(dirs.workspace)}`, {
      waitUntil: 'domcontentloaded',
      timeout: PAGE_LOAD_TIMEOUT_MS,
    });
    await page.locator('.monaco-workbench').waitFor({ state: 'attached', timeout: PAGE_LOAD_TIMEOUT_MS });
    // The Explorer lists the folder: the workbench is up and talking to the server.
    await page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: EXPLORER_ROW })
      .first()
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  });

  await step('the window opened the folder in Restricted Mode (untrusted)', async () => {
    await waitForText(
      () => [...document.querySelectorAll('.statusbar-item')].map((item) => item.innerText.trim()).find((text) => text === 'Restricted Mode'),
      'a “Restricted Mode” status bar item',
      () => [...document.querySelectorAll('.statusbar-item')].map((item) => item.innerText.trim()).filter(Boolean).join(' | '),
    );
  });

  await step(`Quick Open (Ctrl+P) opens ${REPLY}`, () => quickOpen(REPLY));

  await step('the reply opens in the Reply language', async () => {
    await waitForText(
      () => document.getElementById('status.editor.mode')?.innerText.trim(),
      'the language mode “Reply” in the status bar',
      () => document.getElementById('status.editor.mode')?.innerText ?? '(no language mode item)',
      (text) => text === 'Reply',
    );
  });

  const count = await step('the language status ({} beside “Reply”) shows “Replylint: N findings” with N > 0', async () => {
    await page.locator('#status\\.languageStatus').hover({ timeout: UI_TIMEOUT_MS });
    // It says “starting…” or “linting…” until the server has linted the reply; the hover follows.
    const text = await waitForText(
      () => [...document.querySelectorAll('.hover-language-status')].map((item) => item.innerText).find((text) => /Replylint: \d+ findings?/.test(text)),
      'a “Replylint: N findings” language status item',
      () => [...document.querySelectorAll('.hover-language-status')].map((item) => item.innerText).join(' | ') || '(no language status hover)',
    );
    const n = Number(/Replylint: (\d+)/.exec(text)[1]);
    if (!(n > 0)) throw new Error(`the language status shows “${text}”`);
    return n;
  });

  await check('the language server runs from the installed extension, not the repository', () => {
    const servers = processesInGroup(codeServer.pid).filter((command) => /[/\\]dist[/\\]server\.js\b/.test(command));
    if (servers.length === 0) throw new Error('no dist/server.js process under code-server');
    const foreign = servers.filter((command) => !command.includes(join(installed, 'dist/server.js')));
    if (foreign.length > 0) throw new Error(`started from elsewhere: ${foreign.join('\n')}`);
  });

  await check('the editor shows squiggles, an error among them', async () => {
    const squiggles = await waitForText(
      () => {
        const editor = document.querySelector('.editor-instance .monaco-editor');
        if (!editor) return undefined;
        const count = (kind) => editor.querySelectorAll(`.view-overlays .squiggly-${kind}`).length;
        return count('error') > 0 ? { error: count('error'), warning: count('warning'), info: count('info') } : undefined;
      },
      'an error squiggle in the editor',
      () => document.querySelector('.editor-instance .monaco-editor .view-overlays')?.innerHTML.slice(0, 500) ?? '(no editor)',
    );
    say(`     squiggles: ${JSON.stringify(squiggles)}`);
  });

  await check('the grammar colours the reply (front matter, signature)', async () => {
    // Without a grammar every token of a line has the same class (mtk1).
    const classes = await waitForText(
      () => [...new Set([...document.querySelectorAll('.editor-instance .monaco-editor .view-lines span[class^="mtk"]')].map((token) => token.className))],
      'tokens of more than one colour',
      () => document.querySelector('.editor-instance .monaco-editor .view-lines')?.innerHTML.slice(0, 500) ?? '(no editor)',
      (classes) => classes.length > 2,
    );
    say(`     token classes: ${classes.join(' ')}`);
  });

  await check('the Problems count in the status bar matches', async () => {
    // The Problems item: "Errors: 1, Warnings: 3, Infos: 0" as its accessible label.
    const label = await waitForText(
      () => document.getElementById('status.problems')?.querySelector('[aria-label]')?.getAttribute('aria-label') ??
        document.getElementById('status.problems')?.getAttribute('aria-label'),
      'the Problems status bar item',
      () => document.getElementById('status.problems')?.outerHTML.slice(0, 500) ?? '(no status.problems item)',
      // The numbers in the label add up to the Replylint count (only Replylint reports on a .reply).
      (label, n) => (String(label).match(/\d+/g) ?? []).map(Number).reduce((sum, k) => sum + k, 0) === n,
      count,
    ).catch((error) => {
      throw new Error(`expected ${count} problems in all (the Replylint item’s count): ${error.message}`);
    });
    say(`     problems: ${label}`);
  });

  await check('the language status item’s “Problems” link opens Problems, listing every rule', async () => {
    // The {} follows the active editor: make sure the reply is it.
    await page.locator('.tabs-container .tab', { hasText: REPLY }).first().click();
    await page.locator('#status\\.languageStatus').hover({ timeout: UI_TIMEOUT_MS });
    const item = page.locator('.hover-language-status', { hasText: 'Replylint' }).first();
    await item.locator('a', { hasText: 'Problems' }).click({ timeout: UI_TIMEOUT_MS });
    await waitForText(
      () => document.querySelector('.markers-panel')?.innerText,
      `rows for ${RULES.join(', ')} in the Problems panel`,
      () => document.querySelector('.markers-panel')?.innerText ?? '(no Problems panel)',
      (text, rules) => rules.every((rule) => text.includes(rule)),
      RULES,
    );
  });

  await check('hovering the error squiggle shows why it matters, and the hover fits on a laptop screen', async () => {
    const squiggle = page.locator('.editor-instance .monaco-editor .view-overlays .squiggly-error').first();
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('the error squiggle has no box on screen');
    const x = box.x + Math.min(box.width / 2, 30);
    const y = box.y + box.height / 2 - 4; // on the underlined words, just above the wavy line
    await page.mouse.move(x - 40, y);
    await page.mouse.move(x, y, { steps: 5 });
    await waitForText(
      () => [...document.querySelectorAll('.monaco-hover-content')].map((hover) => hover.innerText).join('\n'),
      'a hover with “Why:” and a link to the rule page',
      () => [...document.querySelectorAll('.monaco-hover-content')].map((hover) => hover.innerText).join('\n') || '(no hover)',
      (text) => text.includes('Why:') && text.includes('no-blame') && text.includes('Rule documentation'),
    );
    // Whole, without a scroll bar, inside the window: the hover is read beside the reply, not scrolled.
    const size = await page.evaluate(() => {
      const hover = [...document.querySelectorAll('.monaco-hover')].find((element) => element.querySelector('.monaco-hover-content') && element.getBoundingClientRect().height > 0);
      if (!hover) return undefined;
      const rect = hover.getBoundingClientRect();
      const scrollables = [...hover.querySelectorAll('.monaco-scrollable-element > *:first-child')];
      const overflow = Math.max(0, ...scrollables.map((element) => element.scrollHeight - element.clientHeight));
      return { width: Math.round(rect.width), height: Math.round(rect.height), top: Math.round(rect.top), bottom: Math.round(rect.bottom), overflow, viewport: innerHeight };
    });
    say(`     hover: ${JSON.stringify(size)}`);
    await page.screenshot({ path: join(cache, 'packaged-hover.png') }).catch(() => undefined);
    if (!size) throw new Error('no hover box on the page');
    if (size.overflow > 1) throw new Error(`the hover scrolls: ${size.overflow} px of it are hidden`);
    if (size.top < 0 || size.bottom > size.viewport) throw new Error(`the hover does not fit in the window: ${JSON.stringify(size)}`);
  });

  await check('the hover’s “Rule documentation” link opens the rule page shipped in the .vsix', async () => {
    const link = page.locator('.monaco-hover-content a', { hasText: 'Rule documentation' }).first();
    await link.click({ timeout: UI_TIMEOUT_MS });
    await page.locator('.tabs-container .tab', { hasText: /no-blame\.md/ }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // The preview renders in a webview: its frames, nested, hold the page's text.
    const deadline = Date.now() + UI_TIMEOUT_MS;
    let seen = '';
    while (Date.now() < deadline) {
      for (const frame of page.frames()) {
        const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (/Why/.test(text) && /no-blame/.test(text)) seen = text;
      }
      if (seen) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    say(`     frames: ${page.frames().map((frame) => frame.url().slice(0, 80)).join(' | ')}`);
    if (!seen) throw new Error('the preview shows no text of no-blame.md');
  });

  await check('the quick-fix menu on the blame offers its rewrites, each title once', async () => {
    // Back to the reply, alone in the window: the rule page opened beside it.
    const rulePage = page.locator('.tabs-container .tab', { hasText: /no-blame\.md/ });
    await rulePage.first().locator('.codicon-close, .action-label.codicon-close').first().click().catch(() => undefined);
    // Closing the page beside the reply widens the reply's editor: the squiggle moves.
    await rulePage.first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }).catch(() => undefined);
    await page.locator('.tabs-container .tab', { hasText: REPLY }).first().click();
    // As a user would, click on the squiggle and press Ctrl+. again if no menu came: on a busy
    // machine the editor can still be laying out when the first click lands.
    let titles;
    for (let attempt = 1; !titles; attempt++) {
      const squiggle = page.locator('.editor-instance .monaco-editor .view-overlays .squiggly-error').first();
      const box = await squiggle.boundingBox();
      if (!box) throw new Error('the error squiggle has no box on screen');
      await page.mouse.click(box.x + Math.min(box.width / 2, 30), box.y + box.height / 2 - 4);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      titles = await waitForText(
        () => [...document.querySelectorAll('.action-widget .monaco-list-row')].map((row) => row.innerText.trim()).filter(Boolean),
        'a quick-fix menu with rewrites',
        () => document.querySelector('.action-widget')?.innerText ?? '(no quick-fix menu)',
        (rows) => rows.some((row) => /Rewrite as|Remove/.test(row)),
        null,
        attempt < 3 ? UI_TIMEOUT_MS / 3 : UI_TIMEOUT_MS,
      ).catch((error) => {
        if (attempt >= 3) throw error;
        say(`     no quick-fix menu after attempt ${attempt}: ${error.message.split('\n')[0]}`);
        void page.screenshot({ path: `/tmp/e2e-attempt-${attempt}.png` });
        return undefined;
      });
    }
    say(`     menu: ${titles.join(' | ')}`);
    const repeated = titles.filter((title, i) => titles.indexOf(title) !== i);
    if (repeated.length > 0) throw new Error(`titles listed twice: ${repeated.join(', ')}`);
    await page.screenshot({ path: readmeShotPath });
    say(`     README picture: ${relative(root, readmeShotPath)}`);
    if (process.env.REPLYLINT_UPDATE_SCREENSHOT === '1') {
      cpSync(readmeShotPath, join(root, 'images/vscode.png'));
      say('     copied to images/vscode.png');
    }
    await page.keyboard.press('Escape');
  });

  await check('the Extensions page shows the user README, its picture and the icon, from the .vsix', async () => {
    await page.keyboard.press('Control+Shift+X');
    const search = page.locator('.extensions-viewlet .suggest-input-container textarea, .extensions-viewlet .monaco-inputbox textarea, .extensions-viewlet input').first();
    await search.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await search.fill('@installed replylint');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Replylint' }).first();
    await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await row.click();
    // The README renders in a webview: look through the frames for its text and its picture.
    const deadline = Date.now() + UI_TIMEOUT_MS;
    let readme;
    while (Date.now() < deadline && !readme) {
      for (const frame of page.frames()) {
        const seen = await frame
          .evaluate(() => ({
            text: document.body?.innerText ?? '',
            images: [...document.images].map((image) => ({ src: image.getAttribute('src') ?? '', width: image.naturalWidth })),
          }))
          .catch(() => undefined);
        if (seen && /Neovim/.test(seen.text) && /Lint Workspace/.test(seen.text)) readme = seen;
      }
      if (!readme) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (!readme) throw new Error('no frame shows the user README (with “Lint Workspace” and “Neovim”)');
    if (/npm ci|npm run bench|corpus/.test(readme.text.split('Contributing')[0] ?? '')) throw new Error('the Extensions page shows the contributor guide');
    // The picture ships in the .vsix and the README points at it. The Extensions page itself shows
    // only https: and data: images (its content security policy), so offline it shows the alt text;
    // GitHub and a published gallery page show the picture.
    const picture = readme.images.find((image) => /vscode\.png/.test(image.src));
    if (!picture) throw new Error(`the README has no picture: ${JSON.stringify(readme.images)}`);
    if (!/^https:/.test(picture.src) && !existsSync(join(installed, picture.src))) {
      throw new Error(`the README's picture ${picture.src} is not in the installed extension`);
    }
    say(`     README picture: ${picture.src} (${picture.width ? `${picture.width} px wide` : 'not shown: the page loads https: images only'})`);
    const icon = await page.evaluate(() => {
      const image = document.querySelector('.extension-editor .header .icon');
      return image ? { src: image.getAttribute('src'), width: image.naturalWidth } : undefined;
    });
    if (!icon || !icon.width || /defaultIcon|extension-default/i.test(icon.src ?? '')) throw new Error(`no icon in the page header: ${JSON.stringify(icon)}`);
    await page.screenshot({ path: join(cache, 'packaged-extension-page.png') }).catch(() => undefined);
  });
} catch (error) {
  results.push({ name: 'the run itself', ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  say(`FAIL ${error instanceof Error ? (error.stack ?? error.message) : error}`);
} finally {
  clearTimeout(watchdog);
  if (page) {
    await page
      .screenshot({ path: screenshotPath, timeout: 15_000 })
      .then(() => say(`screenshot: ${relative(root, screenshotPath)}`))
      .catch((error) => say(`no screenshot: ${error instanceof Error ? error.message : error}`));
  }
  const failed = results.filter((result) => !result.ok && !result.skipped).length;
  const skipped = results.filter((result) => result.skipped).length;
  const passed = results.filter((result) => result.ok).length;
  const exitCode = failed + skipped > 0 ? 1 : 0;
  if (exitCode !== 0) printDiagnostics();
  await cleanUp();
  say(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} not run` : ''} (${elapsed()}, exit ${exitCode})`);
  process.exit(exitCode);
}

// --- the page ------------------------------------------------------------------------------------

/** Ctrl+P, the file name, Enter; then the reply is the active editor. */
async function quickOpen(fileName) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // The keybinding answers once the workbench has restored; until then, press again.
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    await page.locator('.part.editor').click({ position: { x: 200, y: 200 } });
    await page.keyboard.press('Control+P');
    if (await input.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error('Ctrl+P opened no Quick Open box');
  }
  await input.fill(fileName);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first();
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }).catch(async () => {
    const rows = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
    throw new Error(`Quick Open lists no ${fileName}; it lists: ${rows.join(' | ') || '(nothing)'}`);
  });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await waitForText(
    () => document.querySelector('.editor-instance .monaco-editor .view-lines')?.innerText,
    `the text of ${fileName} in the editor`,
    () => document.querySelector('.editor-instance .monaco-editor .view-lines')?.innerText ?? '(no editor)',
    (text) => text.replace(/\s+/g, ' ').includes('As I already said'),
  );
}

/**
 * Polls `read` in the page (every 100 ms, bounded) until it returns a value that `accept` takes
 * (default: any truthy value) and returns that value; on timeout, throws with what `describe`
 * reads from the page at that moment.
 */
async function waitForText(read, what, describe, accept = (value) => Boolean(value), arg = null, timeoutMs = UI_TIMEOUT_MS) {
  // One expression, so that no eval runs inside the page (the workbench's CSP forbids it). A
  // missing value, or an exception while the DOM is half built, means "not yet".
  const expression = `(() => {
    try {
      const value = (${read})();
      return value != null && (${accept})(value, ${JSON.stringify(arg)}) ? value : undefined;
    } catch {
      return undefined;
    }
  })()`;
  try {
    const handle = await page.waitForFunction(expression, undefined, { timeout: timeoutMs, polling: 100 });
    return await handle.jsonValue();
  } catch (error) {
    const seen = await page.evaluate(describe).catch(() => '(the page did not answer)');
    throw new Error(`timed out waiting for ${what}; the page shows: ${String(seen).slice(0, 800)}\n(${error.message.split('\n')[0]})`);
  }
}

// --- processes and files -------------------------------------------------------------------------

/** The .vsix files in the repository root and their modification times. */
function vsixFilesInRoot() {
  return Object.fromEntries(
    readdirSync(root)
      .filter((name) => name.endsWith('.vsix'))
      .map((name) => [name, statSync(join(root, name)).mtimeMs]),
  );
}

/** The files under `dir`, relative to it, with forward slashes. */
function listing(dir) {
  return findFiles(dir)
    .map((file) => relative(dir, file).split('\\').join('/'))
    .sort();
}

function printDiagnostics() {
  for (const [what, output] of Object.entries(outputs)) writeFileSync(join(temp, `${what}.log`), output);
  if (pageLog.length > 0) writeFileSync(join(temp, 'page-console.log'), pageLog.join('\n'));
  reportLogs({ say, temp, userDataDir: dirs.userData, logsOut, keep: ['package.log', 'install.log', 'code-server.log', 'page-console.log', 'user-data/logs'] });
}

async function cleanUp() {
  await browser?.close().catch(() => undefined);
  await codeServer?.stop();
  if (process.env.REPLYLINT_E2E_KEEP === '1') say(`kept ${temp}`);
  else rmSync(temp, { recursive: true, force: true });
}

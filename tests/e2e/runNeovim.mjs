#!/usr/bin/env node
// Replylint's language server in Neovim (Debian 12's 0.7, installed by tests/e2e/setup.sh) over
// stdio, started the way the README tells a user to: its "Neovim 0.7 to 0.9" setup, read from
// README.md, is the init file, and `replylint-ls` on PATH is this checkout's server. check.lua then
// works on a copy of a fixture reply: diagnostics, hover, a quick fix, typing, fix-all. The other
// editors' setups in the README cannot run here (no newer Neovim, nvim-lspconfig, Helix or Zed);
// they are checked for syntax: Lua by Neovim's own LuaJIT, TOML by Python's tomllib, JSON by Node.
//
//   npm run build && node tests/e2e/runNeovim.mjs
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editorSnippets } from './readmeSnippets.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const server = join(root, 'dist/server.js');
const cli = join(root, 'dist/cli.js');
const script = join(root, 'tests/e2e/neovim/check.lua');
const fixture = join(root, 'tests/e2e/workspace/cache-blame.reply');
const RUN_TIMEOUT_MS = 60_000;
const say = (message) => console.log(`[neovim e2e] ${message}`);

if (spawnSync('nvim', ['--version']).error) {
  say('no nvim on PATH: run `bash tests/e2e/setup.sh` (Debian package neovim)');
  process.exit(1);
}
if (!existsSync(server)) {
  say('dist/server.js is missing: run `npm run build`');
  process.exit(1);
}

const checks = [];
const check = (name, ok, detail) => checks.push({ name, ok: Boolean(ok), detail });

const temp = mkdtempSync(join(tmpdir(), 'replylint-nvim-'));
const draft = join(temp, 'cache-blame.reply');
const out = join(temp, 'result.json');
copyFileSync(fixture, draft);

// --- the README's setups ---------------------------------------------------------------------------
const snippets = editorSnippets(root);
const init = join(temp, 'init.lua');
writeFileSync(init, snippets['Neovim 0.7 to 0.9'].code);
// `replylint-ls`, as `npm install -g replylint` puts it on PATH, running this checkout's server.
const bin = join(temp, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'replylint-ls'), `#!/bin/sh\nexec "${process.execPath}" "${server}" "$@"\n`);
chmodSync(join(bin, 'replylint-ls'), 0o755);

for (const [label, snippet] of Object.entries(snippets)) {
  if (snippet.language === 'lua') {
    const file = join(temp, `${label.replace(/\W+/g, '-')}.lua`);
    writeFileSync(file, snippet.code);
    const parsed = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `lua local f = assert(io.open([[${file}]])); local ok, e = loadstring(f:read('*a')); if not ok then io.stderr:write(e) vim.cmd('cquit! 1') end`, '-c', 'qall!'], { encoding: 'utf8', timeout: 20_000 });
    check(`the README's ${label} setup is valid Lua`, parsed.status === 0, parsed.stderr || parsed.stdout);
  } else if (snippet.language === 'toml') {
    const parsed = spawnSync('python3', ['-c', 'import sys, tomllib; tomllib.loads(sys.stdin.read())'], { input: snippet.code, encoding: 'utf8' });
    if (parsed.error) say(`no python3 with tomllib: the ${label} setup is not checked`);
    else check(`the README's ${label} setup is valid TOML`, parsed.status === 0 && /command = "replylint-ls"/.test(snippet.code), parsed.stderr);
  } else if (snippet.language === 'json') {
    let ok = true;
    let detail;
    try {
      JSON.parse(snippet.code);
    } catch (error) {
      ok = false;
      detail = error.message;
    }
    check(`the README's ${label} setup is valid JSON`, ok, detail);
  }
}

// --- Neovim, set up by the README, on a reply --------------------------------------------------------
const started = Date.now();
const run = await new Promise((resolveRun) => {
  // Its own process group, so a hang ends with the server it started.
  const nvim = spawn('nvim', ['--headless', '-u', init, '-i', 'NONE', '-n', '-c', `luafile ${script}`, draft], {
    cwd: temp,
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      HOME: temp,
      XDG_CONFIG_HOME: join(temp, 'config'),
      XDG_DATA_HOME: join(temp, 'data'),
      XDG_STATE_HOME: join(temp, 'state'),
      REPLYLINT_NVIM_OUT: out,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  nvim.stdout.on('data', (chunk) => (output += chunk));
  nvim.stderr.on('data', (chunk) => (output += chunk));
  const timer = setTimeout(() => {
    output += `\n(killed after ${RUN_TIMEOUT_MS} ms)`;
    try {
      process.kill(-nvim.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }, RUN_TIMEOUT_MS);
  nvim.on('exit', (code, signal) => {
    clearTimeout(timer);
    resolveRun({ code, signal, output });
  });
});
const ms = Date.now() - started;

const codes = (diagnostics) => [...new Set(diagnostics.map((d) => d.code))].sort();
const show = (diagnostics) => diagnostics.map((d) => `${d.line + 1}:${d.col + 1} ${d.source}/${d.code} ${d.message}`).join('\n');

let result;
try {
  result = JSON.parse(readFileSync(out, 'utf8'));
} catch (error) {
  check('check.lua wrote its result', false, `${error.message}\nnvim exited ${run.code ?? run.signal}:\n${run.output}`);
}

if (result) {
  check('check.lua ran to the end', !result.error && run.code === 0, result.error ?? `nvim exited ${run.code ?? run.signal}\n${run.output}`);
  check('the README setup gives .reply files the filetype “reply” and attaches replylint', result.filetype === 'reply' && result.client?.name === 'replylint', JSON.stringify({ filetype: result.filetype, client: result.client }));
  const initial = result.steps?.initial ?? { diagnostics: [] };
  const expected = ['no-blame', 'no-defensive', 'no-scripted-phrase', 'require-thanks'];
  check(
    `diagnostics ${expected.join(', ')} arrive`,
    initial.waited_ok && JSON.stringify(codes(initial.diagnostics)) === JSON.stringify(expected),
    show(initial.diagnostics) || '(none)',
  );
  check(
    'every diagnostic has source replylint',
    initial.diagnostics.length > 0 && initial.diagnostics.every((d) => d.source === 'replylint'),
    show(initial.diagnostics),
  );
  const blame = initial.diagnostics.find((d) => d.code === 'no-blame');
  // "As I already said, you should have cleared …" is line 7 of the fixture, the blame at column 20.
  check(
    'no-blame starts at “you should have cleared” (7:20) and covers it',
    blame && blame.line === 6 && blame.col === 19 && blame.end_line === 6 && blame.end_col >= 42,
    JSON.stringify(blame),
  );
  const hover = result.steps?.hover?.text ?? '';
  check('the hover names the rule and says why it matters', hover.includes('no-blame') && /Why/.test(hover), hover || '(no hover)');
  const quickFix = result.steps?.quick_fix ?? { diagnostics: [] };
  check(
    'a quick fix on the blame applies, and the re-lint drops no-blame',
    quickFix.waited_ok && !codes(quickFix.diagnostics).includes('no-blame') && !/you should have cleared/.test(quickFix.text ?? ''),
    `${quickFix.applied ?? '(none applied)'} of ${JSON.stringify(quickFix.titles)}\n${quickFix.text ?? ''}`,
  );
  const after = result.steps?.after_edit ?? { diagnostics: [] };
  check(
    'typing a thanks (an incremental change) clears require-thanks',
    after.waited_ok && !codes(after.diagnostics).includes('require-thanks') && after.diagnostics.length > 0,
    show(after.diagnostics) || '(none)',
  );
  // Fix all must give exactly what `replylint --fix` gives for the same text.
  const fixAll = result.steps?.fix_all;
  let expectedText;
  if (fixAll) {
    const fixed = spawnSync(process.execPath, [cli, '--stdin', '--stdin-filename', 'draft.reply', '--fix-dry-run', '--format', 'json'], { input: fixAll.before, encoding: 'utf8' });
    expectedText = JSON.parse(fixed.stdout)[0]?.output ?? fixAll.before;
  }
  check(
    '“Fix all Replylint problems” (source.fixAll.replylint) applies what `replylint --fix` would',
    fixAll && fixAll.kind === 'source.fixAll.replylint' && fixAll.waited_ok && fixAll.after !== fixAll.before && fixAll.after === expectedText.replace(/\n$/, ''),
    fixAll ? `got:\n${fixAll.after}\nexpected:\n${expectedText}` : '(no fix-all step)',
  );
  check('the server stops when Neovim stops it', result.stopped === true, JSON.stringify(result.stopped));
}

if (process.env.REPLYLINT_NVIM_DEBUG) console.log(readFileSync(out, "utf8"));
rmSync(temp, { recursive: true, force: true });
for (const { name, ok, detail } of checks) {
  say(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (!ok && detail) console.log(`       ${String(detail).split('\n').join('\n       ')}`);
}
const failed = checks.filter((c) => !c.ok).length;
say(`${checks.length - failed} passed, ${failed} failed (${ms} ms)`);
process.exit(failed > 0 ? 1 : 0);

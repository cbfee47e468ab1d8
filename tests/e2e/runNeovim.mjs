#!/usr/bin/env node
// Replylint's language server in Neovim (Debian 12's 0.7, installed by tests/e2e/setup.sh) over
// stdio: runs tests/e2e/neovim/check.lua on a copy of a fixture reply and checks what Neovim saw.
//
//   npm run build && node tests/e2e/runNeovim.mjs
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const server = join(root, 'dist/server.js');
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

const temp = mkdtempSync(join(tmpdir(), 'replylint-nvim-'));
const draft = join(temp, 'cache-blame.reply');
const out = join(temp, 'result.json');
copyFileSync(fixture, draft);

const started = Date.now();
const run = await new Promise((resolveRun) => {
  // Its own process group, so a hang ends with the server it started.
  const nvim = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`, draft], {
    cwd: temp,
    env: { ...process.env, HOME: temp, XDG_CONFIG_HOME: join(temp, 'config'), XDG_STATE_HOME: join(temp, 'state'), REPLYLINT_SERVER: server, REPLYLINT_NVIM_OUT: out },
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

const checks = [];
const check = (name, ok, detail) => checks.push({ name, ok: Boolean(ok), detail });
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
    'no-blame starts at “you should have cleared” (7:20, as the README shows) and covers it',
    blame && blame.line === 6 && blame.col === 19 && blame.end_line === 6 && blame.end_col >= 42,
    JSON.stringify(blame),
  );
  const hover = result.steps?.hover?.text ?? '';
  check('the hover names the rule and says why it matters', hover.includes('no-blame') && /Why/.test(hover), hover || '(no hover)');
  const after = result.steps?.after_edit ?? { diagnostics: [] };
  check(
    'typing a thanks (an incremental change) clears require-thanks and keeps the rest',
    after.waited_ok && JSON.stringify(codes(after.diagnostics)) === JSON.stringify(['no-blame', 'no-defensive', 'no-scripted-phrase']),
    show(after.diagnostics) || '(none)',
  );
  check('the server exits when Neovim stops it', result.server_exit && result.server_exit.code === 0, JSON.stringify(result.server_exit));
}

rmSync(temp, { recursive: true, force: true });
for (const { name, ok, detail } of checks) {
  say(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (!ok && detail) console.log(`       ${String(detail).split('\n').join('\n       ')}`);
}
const failed = checks.filter((c) => !c.ok).length;
say(`${checks.length - failed} passed, ${failed} failed (${ms} ms)`);
process.exit(failed > 0 ? 1 : 0);

/**
 * SIGKILL in the middle of `--fix` over 1,000 files: every file is whole (the old text or the
 * fixed one, never a mix), keeps its owner and mode, and the next `--fix` removes what the
 * killed run left and finishes the job. The kill lands on the Nth file-system event the run
 * makes, not after a delay, so where it lands varies with N and not with the machine's speed.
 *
 * `npm test` runs it once; `npm run stress` runs it KILL_DURING_FIX_RUNS times (20) in a row.
 */
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureCliBuilt, makeFolder, removeMadeFolders, runReplylint } from './cliProcess';

const RUNS = Number(process.env.KILL_DURING_FIX_RUNS ?? 1);
const FILES = 1000;
const FOLDERS = 10;
const FIXABLE = 'Hi Ana,\n\nAs I already said, the refund takes 5 days. Thanks for waiting.\n';
const FIXED = 'Hi Ana,\n\nThe refund takes 5 days. Thanks for waiting.\n';
const MODES = [0o644, 0o600, 0o640, 0o664, 0o2660];
const isRoot = process.getuid?.() === 0;
const TEMP_FILE = /^\..+\.replylint-\d+-[0-9a-f]{8}\.tmp$/;

interface Expected {
  path: string;
  uid: number;
  gid: number;
  mode: number;
}

/** 1,000 replies in ten folders, with owners (as root) and modes that differ from file to file. */
function makeTree(): { root: string; expected: Expected[] } {
  const root = makeFolder();
  const expected: Expected[] = [];
  for (let i = 0; i < FILES; i++) {
    const folder = join(root, `team-${i % FOLDERS}`);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `macro-${i}.reply`);
    writeFileSync(path, FIXABLE);
    const mode = MODES[i % MODES.length];
    chmodSync(path, mode);
    if (isRoot) chownSync(path, 1000 + (i % 7), 2000 + (i % 3));
    const stat = statSync(path);
    expected.push({ path, uid: stat.uid, gid: stat.gid, mode });
  }
  return { root, expected };
}

/** Starts `--fix` and kills it with SIGKILL at its `killAt`-th file-system event; resolves when it is gone. */
function fixAndKill(root: string, killAt: number): Promise<{ signal: NodeJS.Signals | null; events: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, '--fix', '--format', 'json', '.'], { cwd: root, stdio: 'ignore' });
    let events = 0;
    const watchers = Array.from({ length: FOLDERS }, (_, i) =>
      watch(join(root, `team-${i}`), () => {
        if (++events === killAt) child.kill('SIGKILL');
      }),
    );
    child.on('close', (_code, signal) => {
      for (const watcher of watchers) watcher.close();
      resolve({ signal, events });
    });
  });
}

function tempFilesIn(root: string): string[] {
  return Array.from({ length: FOLDERS }, (_, i) => readdirSync(join(root, `team-${i}`)).filter((name) => TEMP_FILE.test(name))).flat();
}

function expectWholeAndOwned(expected: Expected[], allowed: string[]): void {
  const wrong = expected.flatMap(({ path, uid, gid, mode }) => {
    const text = readFileSync(path, 'utf8');
    const stat = statSync(path);
    const problems: string[] = [];
    if (!allowed.includes(text)) problems.push(`${path}: neither text but ${JSON.stringify(text)}`);
    if (stat.uid !== uid || stat.gid !== gid) problems.push(`${path}: owner ${stat.uid}:${stat.gid}, was ${uid}:${gid}`);
    if ((stat.mode & 0o7777) !== mode) problems.push(`${path}: mode ${(stat.mode & 0o7777).toString(8)}, was ${mode.toString(8)}`);
    return problems;
  });
  expect(wrong.slice(0, 10)).toEqual([]);
}

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

describe('SIGKILL during --fix over 1,000 files', () => {
  for (let run = 1; run <= RUNS; run++) {
    // Spread the kills over the run: a file costs a few events (temp created, written, renamed).
    const killAt = 1 + ((run * 797) % (FILES * 2));
    it(`run ${run}/${RUNS}: killed at event ${killAt}, every file is whole and keeps its owner and mode; the next --fix cleans up`, async () => {
      const { root, expected } = makeTree();
      const killed = await fixAndKill(root, killAt);
      expectWholeAndOwned(expected, [FIXABLE, FIXED]);

      const next = runReplylint(['--fix', '.'], { cwd: root });
      const left = killed.signal === 'SIGKILL' ? 'killed' : 'finished before the kill';
      console.info(`run ${run}: ${left} after ${killed.events} events; the next run said: ${next.stderr.trim() || 'nothing'}`);
      expect(next.status, next.stderr).toBe(0);
      expect(next.stderr).toMatch(/^(?:[^\n]+: removed \d+ temp files? left by an interrupted --fix\n)*$/);
      expect(tempFilesIn(root)).toEqual([]);
      expectWholeAndOwned(expected, [FIXED]);
    }, 600_000);
  }
});

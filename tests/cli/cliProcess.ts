// Runs the built CLI as a real process, the way CI runs it, in throwaway folders.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(REPO, 'dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runReplylint(args: string[], options: { cwd: string; input?: string | Buffer }): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `--format json` output, parsed; fails the test with the CLI's stderr when it is not JSON. */
export function runJson(args: string[], options: { cwd: string; input?: string | Buffer }) {
  const run = runReplylint(['--format', 'json', ...args], options);
  let results: Array<import('../../server/cli/eslintResult').EslintResult>;
  try {
    results = JSON.parse(run.stdout);
  } catch {
    throw new Error(`expected JSON on stdout, got ${JSON.stringify(run.stdout)}; stderr: ${run.stderr}`);
  }
  return { ...run, results };
}

const madeFolders: string[] = [];

/** A temp folder holding `files` (path → contents); `removeMadeFolders` (in afterEach) cleans up. */
export function makeFolder(files: Record<string, string | Uint8Array> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'replylint-cli-'));
  madeFolders.push(root);
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  return root;
}

export function removeMadeFolders(): void {
  for (const root of madeFolders.splice(0)) rmSync(root, { recursive: true, force: true });
}

/**
 * `npm test` builds dist/ first; a lone `vitest run tests/cli` may find it missing or
 * older than the sources, so build the CLI then, with esbuild.mjs's options. The bundle
 * is written beside and renamed over, so test files building at once never run half a file.
 */
export async function ensureCliBuilt(): Promise<void> {
  const sources = [
    join(REPO, 'esbuild.mjs'),
    join(REPO, 'server', 'cli.ts'),
    ...filesUnder(join(REPO, 'server', 'cli')),
    ...filesUnder(join(REPO, 'server', 'config')),
    ...filesUnder(join(REPO, 'shared')),
  ];
  const newestSource = Math.max(...sources.map((file) => statSync(file).mtimeMs));
  try {
    if (statSync(CLI).mtimeMs >= newestSource) return;
  } catch {
    // not built yet
  }
  // esbuild.mjs's own options (and its YAML plugin), so the test bundle is the shipped bundle.
  const buildScript: { commonOptions: esbuild.BuildOptions } = await import(pathToFileURL(join(REPO, 'esbuild.mjs')).href);
  const result = await esbuild.build({
    ...buildScript.commonOptions,
    entryPoints: [join(REPO, 'server', 'cli.ts')],
    outfile: CLI,
    banner: { js: '#!/usr/bin/env node' },
    write: false,
  });
  mkdirSync(dirname(CLI), { recursive: true });
  for (const file of result.outputFiles) {
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

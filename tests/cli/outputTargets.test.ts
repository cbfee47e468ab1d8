// Where the report goes: files that are not regular files, standard output that fails, and
// what a terminal is shown. Each runs the built CLI as a process, the way a shell or CI does.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, lstatSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureCliBuilt, makeFolder, removeMadeFolders, runReplylint } from './cliProcess';

const DEFENSIVE_REPLY = 'As I already said, the refund takes 5 days. Thanks for waiting.\n';

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

/** Runs the CLI with its standard output going wherever `stdout` says; resolves when it exits. */
function runWithStdout(args: string[], cwd: string, stdout: 'pipe' | number, whenStarted?: (child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', stdout, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  whenStarted?.(child);
  return new Promise<{ status: number | null; stderr: string }>((resolve) => child.on('close', (status) => resolve({ status, stderr })));
}

function readAll(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    createReadStream(path, 'utf8')
      .on('data', (chunk) => (text += chunk))
      .on('end', () => resolve(text))
      .on('error', reject);
  });
}

describe('--output-file to something that is not a regular file', () => {
  it('writes into a FIFO in place, and the FIFO stays a FIFO', async () => {
    const folder = makeFolder({ 'd.reply': DEFENSIVE_REPLY });
    const fifo = join(folder, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const report = readAll(fifo);
    const run = await runWithStdout(['--format', 'json', '-o', fifo, 'd.reply'], folder, 'pipe');
    expect(run).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(await report)[0].messages[0].ruleId).toBe('no-defensive');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['d.reply', 'report.fifo']);
  });

  it('writes into a character device in place, and the device stays a device', (context) => {
    const folder = makeFolder({ 'd.reply': DEFENSIVE_REPLY });
    // A private null device, so the test never risks the machine's own /dev/null.
    const device = join(folder, 'null');
    if (spawnSync('mknod', [device, 'c', '1', '3']).status !== 0) context.skip();
    const run = runReplylint(['-o', device, 'd.reply'], { cwd: folder });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['d.reply', 'null']);
  });

  it('writes -o /dev/stdout to standard output when it is a pipe', () => {
    const folder = makeFolder({ 'd.reply': DEFENSIVE_REPLY });
    const run = runReplylint(['--format', 'json', '-o', '/dev/stdout', 'd.reply'], { cwd: folder });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)[0].messages[0].ruleId).toBe('no-defensive');
  });
});

describe('standard output that cannot take the report', () => {
  it.skipIf(!existsSync('/dev/full'))('says so in one line and exits 2 when the disk is full', async () => {
    const folder = makeFolder({ 'd.reply': DEFENSIVE_REPLY });
    const full = openSync('/dev/full', 'w');
    try {
      const run = await runWithStdout(['d.reply'], folder, full);
      expect(run).toEqual({ status: 2, stderr: 'replylint: cannot write the report to standard output (ENOSPC)\n' });
    } finally {
      closeSync(full);
    }
  });

  it('says so in one line and exits 2 when the reader has gone (EPIPE)', async () => {
    const folder = makeFolder({ 'd.reply': DEFENSIVE_REPLY });
    // The read end is closed before the CLI has even started, so its first write fails.
    const run = await runWithStdout(['d.reply'], folder, 'pipe', (child) => child.stdout!.destroy());
    expect(run).toEqual({ status: 2, stderr: 'replylint: cannot write the report to standard output (EPIPE)\n' });
  });
});

describe('control characters in what is printed', () => {
  const HOSTILE_NAME = 'x\u001b]0;owned\u0007\u001b[2J\u202ereply.txt\nforged row';

  it('are escaped in stylish file headers', () => {
    const folder = makeFolder({ [HOSTILE_NAME]: DEFENSIVE_REPLY });
    const { status, stdout } = runReplylint([HOSTILE_NAME], { cwd: folder });
    expect(status).toBe(0);
    expect(stdout).toContain(`${folder}/x\\x1b]0;owned\\x07\\x1b[2J\\u202ereply.txt\\x0aforged row\n`);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('are escaped in messages on stderr', () => {
    const folder = makeFolder({ [HOSTILE_NAME]: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d]) });
    const { stderr } = runReplylint([HOSTILE_NAME], { cwd: folder });
    expect(stderr).toContain('x\\x1b]0;owned\\x07\\x1b[2J\\u202ereply.txt\\x0aforged row');
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('leave JSON the same value, with C1 and bidi controls written as escapes', () => {
    const folder = makeFolder({ [HOSTILE_NAME]: DEFENSIVE_REPLY });
    const { stdout } = runReplylint(['--format', 'json', HOSTILE_NAME], { cwd: folder });
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(stdout)[0].filePath).toBe(join(folder, HOSTILE_NAME));
  });
});

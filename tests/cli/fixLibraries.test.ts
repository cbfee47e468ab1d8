// --fix in macro libraries: the safe fixes land inside the file's own syntax (escaped in JSON,
// quoted in YAML), nothing else changes, and a second run changes nothing.
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson, runReplylint } from './cliProcess';

/** Replies with safe fixes ("As I already said," and "Please be advised that" go), and one with none. */
const BODIES = [
  'Hi Zoë 👋,\n\nAs I already said, the "Export" button sits under Settings → Data.\n\nSam',
  'Hello,\n\nPlease be advised that the café\'s refund takes 3–5 days. Thanks for waiting 🙏🏽.\tPath: C:\\refunds\\2026',
  'Thanks for the screenshots! The “Sync” switch was off; turning it on brings your notes back.',
  'You should have cleared the cache. As I already said, please be advised that it takes a minute.',
];
const TITLES = ['Export', 'Refund timing', 'Screenshots', 'Cache'];

/** A Zendesk export as the help desk writes it: other fields around the text, non-ASCII as \u escapes. */
function zendeskExport(bodies: string[]): string {
  const macros = bodies.map((body, i) => ({
    id: 360000 + i,
    title: TITLES[i],
    active: true,
    actions: [
      { field: 'status', value: 'pending' },
      { field: 'comment_value', value: body },
    ],
    restriction: null,
  }));
  return `${JSON.stringify({ macros, count: macros.length }, null, 2).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

let folder: string;
beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

/** What --fix makes of each body as a plain .reply file: the reference the library must match. */
function fixedAsPlainFiles(): string[] {
  const files: Record<string, string> = {};
  BODIES.forEach((body, i) => (files[`${i}.reply`] = body));
  const plain = makeFolder(files);
  runReplylint(['--fix', '.'], { cwd: plain });
  return BODIES.map((_, i) => readFileSync(join(plain, `${i}.reply`), 'utf8'));
}

describe('--fix on a Zendesk export', () => {
  it('leaves valid JSON whose only differences are the fixed phrases; a second run changes nothing', () => {
    const before = zendeskExport(BODIES);
    folder = makeFolder({ 'zendesk.json': before });
    const expectedBodies = fixedAsPlainFiles();
    // Something to fix in three macros, nothing in the screenshots one.
    expect(expectedBodies.map((body, i) => body !== BODIES[i])).toEqual([true, true, false, true]);

    const first = runJson(['--fix', 'zendesk.json'], { cwd: folder });
    expect(first.stderr).toBe('');
    const after = readFileSync(join(folder, 'zendesk.json'), 'utf8');
    const parsed = JSON.parse(after);
    // Every text is what the same fixes make of it as a plain file…
    expect(parsed.macros.map((macro: { actions: Array<{ value: string }> }) => macro.actions[1].value)).toEqual(expectedBodies);
    // …and everything else is as it was, down to the characters: the escapes of untouched text, the layout.
    const original = JSON.parse(before);
    original.macros.forEach((macro: { actions: Array<{ value: string }> }, i: number) => (macro.actions[1].value = expectedBodies[i]));
    expect(parsed).toEqual(original);
    const changedLines = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changedLines).toHaveLength(3);
    for (const line of changedLines) expect(line).toMatch(/^ {10}"value": ".*",?$/);
    expect(after.split('\n')).toHaveLength(before.split('\n').length);
    // Untouched text keeps its \u escapes, as the help desk wrote them.
    expect(after).toContain('Hi Zo\\u00eb \\ud83d\\udc4b,');

    // What is reported is what is left: the blame stays (a rewrite of tone is never applied).
    expect(first.results[0].messages.map((m) => m.ruleId)).toContain('no-blame');
    expect(first.results[0].messages.map((m) => m.ruleId)).not.toContain('no-defensive');

    const written = statSync(join(folder, 'zendesk.json'));
    const second = runJson(['--fix', 'zendesk.json'], { cwd: folder });
    expect(second.results[0].output).toBeUndefined();
    expect(readFileSync(join(folder, 'zendesk.json'), 'utf8')).toBe(after);
    const again = statSync(join(folder, 'zendesk.json'));
    expect([again.ino, again.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
  });

  it('never rewrites a library with no safe fix in it', () => {
    const text = zendeskExport([BODIES[2]]);
    folder = makeFolder({ 'clean.json': text });
    const before = statSync(join(folder, 'clean.json'));
    runReplylint(['--fix', 'clean.json'], { cwd: folder });
    const after = statSync(join(folder, 'clean.json'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('keeps the safety rules of --fix: a read-only export is linted, not written, and the run says so', () => {
    folder = makeFolder({ 'zendesk.json': zendeskExport(BODIES) });
    const path = join(folder, 'zendesk.json');
    chmodSync(path, 0o444);
    const run = runReplylint(['--fix', 'zendesk.json'], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('read-only');
    expect(readFileSync(path, 'utf8')).toBe(zendeskExport(BODIES));
  });
});

describe('--fix on a YAML library of saved replies', () => {
  it('fixes inside block and quoted scalars, and the file still parses to the same replies, fixed', () => {
    const yaml = [
      '# Saved replies of the support team',
      'replies:',
      `  - title: ${TITLES[0]}`,
      '    body: |',
      ...BODIES[0].split('\n').map((line) => (line === '' ? '' : `      ${line}`)),
      `  - title: ${TITLES[3]}`,
      `    body: "${BODIES[3]}"`,
      '',
    ].join('\n');
    folder = makeFolder({ 'saved.yml': yaml });
    const expectedBodies = fixedAsPlainFiles();
    runReplylint(['--fix', 'saved.yml'], { cwd: folder });
    const after = readFileSync(join(folder, 'saved.yml'), 'utf8');
    const parsed = parseYaml(after);
    // A block scalar keeps one final newline ("clip"); the text is otherwise the fixed reply.
    expect(parsed.replies.map((reply: { body: string }) => reply.body)).toEqual([`${expectedBodies[0]}\n`, expectedBodies[3]]);
    expect(after.startsWith('# Saved replies of the support team\nreplies:\n')).toBe(true);
  });
});

// Macro libraries through the CLI: which files a folder search reads, `item` on messages,
// the stylish grouping, and the same findings on the same characters in every export format.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EslintMessage } from '../../server/cli/eslintResult';
import { ensureCliBuilt, makeFolder, removeMadeFolders, REPO, runJson, runReplylint } from './cliProcess';
import { offsetsOf } from './positions';

/**
 * Replies as an agent might keep them, with what trips encoders: emoji (surrogate pairs),
 * straight and curly quotes, backslashes, a tab, blank lines.
 */
const REPLIES = [
  {
    title: 'Export "stuck" 🐢',
    body: 'Hi Zoë 👋,\n\nAs I already said, the "Export" button sits under Settings → Data. Please be advised that exports over 2 GB take a while.\n\nBest,\nSam',
  },
  {
    title: 'Cache, again',
    body: 'Hello,\n\nYou should have cleared the cache before updating 🙄 — it lives in C:\\Users\\you\\cache.\tWe apologize for any inconvenience.\n',
  },
  {
    title: 'Thanks for the screenshots',
    body: 'Thanks for the screenshots! 🙏🏽 The “Sync” switch was off; turning it on brings your notes back.\n\nLee',
  },
  {
    title: 'Looking into it',
    body: "Hi,\n\nWe'll look into it and someone will get back to you soon. It's not our fault the courier's label said \"fragile\" twice.",
  },
];

type Decode = (slice: string) => string;
const jsonString: Decode = (slice) => JSON.parse(`"${slice}"`) as string;
const csvCell: Decode = (slice) => slice.replace(/""/g, '"');

const EXPORTS: Array<{ name: string; text: string; decode: Decode }> = [
  {
    name: 'zendesk.json',
    text: JSON.stringify(
      { macros: REPLIES.map((reply, i) => ({ id: 100 + i, title: reply.title, actions: [{ field: 'status', value: 'open' }, { field: 'comment_value', value: reply.body }] })) },
      null,
      2,
    ),
    decode: jsonString,
  },
  {
    name: 'freshdesk.json',
    text: JSON.stringify(REPLIES.map((reply, i) => ({ id: i + 1, title: reply.title, folder_id: 7, content: reply.body })), null, 2),
    decode: jsonString,
  },
  {
    name: 'helpscout.json',
    // Help Scout escapes non-ASCII as \uXXXX in its exports: the positions must survive that too.
    text: JSON.stringify({ items: REPLIES.map((reply, i) => ({ id: i + 1, name: reply.title, text: reply.body })) }).replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
    decode: jsonString,
  },
  {
    name: 'macros.csv',
    text: `title,body,tags\r\n${REPLIES.map((reply) => `"${reply.title.replace(/"/g, '""')}","${reply.body.replace(/"/g, '""')}",support`).join('\r\n')}\r\n`,
    decode: csvCell,
  },
];

let folder: string;
beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

/** Each finding as its rule and the exact characters it flags, decoded from the file's syntax. */
function flagged(text: string, messages: EslintMessage[], decode: Decode): string[] {
  return messages.map((message) => {
    const { start, end } = offsetsOf(text, message);
    return `${message.ruleId}: ${decode(text.slice(start, end))}`;
  });
}

describe('the same replies as plain files and as exports', () => {
  it('give the same findings, each on exactly the flagged characters of the export', () => {
    const files: Record<string, string> = {};
    REPLIES.forEach((reply, i) => (files[`plain/${i}.reply`] = reply.body));
    for (const exported of EXPORTS) files[`exports/${exported.name}`] = exported.text;
    folder = makeFolder(files);
    const { status, results, stderr } = runJson(['plain', 'exports'], { cwd: folder });
    expect(stderr).toBe('');
    expect(status).toBe(1);

    const plain = REPLIES.map((reply, i) => {
      const result = results.find((r) => r.filePath === join(folder, `plain/${i}.reply`))!;
      expect(result.messages.every((message) => message.item === undefined)).toBe(true);
      return flagged(reply.body, result.messages, (slice) => slice);
    });
    // The planted phrases are there, so the comparison below compares something.
    expect(plain.flat()).toEqual(
      expect.arrayContaining(['no-defensive: As I already said', 'no-blame: You should have cleared', 'no-scripted-phrase: We apologize for any inconvenience']),
    );

    for (const exported of EXPORTS) {
      const result = results.find((r) => r.filePath === join(folder, `exports/${exported.name}`));
      expect(result, exported.name).toBeDefined();
      for (const [index, reply] of REPLIES.entries()) {
        const ofMacro = result!.messages.filter((message) => message.item?.index === index);
        for (const message of ofMacro) expect(message.item, exported.name).toEqual({ index, title: reply.title });
        expect(flagged(exported.text, ofMacro, exported.decode), `${exported.name}, macro ${index}`).toEqual(plain[index]);
      }
      expect(result!.messages.every((message) => message.item !== undefined), exported.name).toBe(true);
    }
  });
});

describe('which files a folder search lints', () => {
  it('reads .reply files always, and other library extensions only when they hold a help-desk export or saved replies', () => {
    const handbook = `# Replies\n\n## Refund\n\n${REPLIES[1].body}\n\n## Follow-up\n\n${REPLIES[3].body}\n`;
    folder = makeFolder({
      'macros/zendesk.json': EXPORTS[0].text,
      'macros/saved.yml': `- title: Refund\n  body: ${JSON.stringify(REPLIES[1].body)}\n- title: Follow-up\n  body: ${JSON.stringify(REPLIES[3].body)}\n`,
      'macros/handbook.md': handbook,
      'macros/README.md': '# Macros\n\n## Layout\n\nAs I already said, these are our macros. Keep them tidy.\n\n## Owners\n\nThe support leads.\n',
      'macros/package.json': '{ "name": "macros", "version": "1.0.0", "description": "As I already said" }\n',
      'macros/notes.txt': 'As I already said, notes are not replies.\n',
      'macros/draft.reply': REPLIES[3].body,
      'macros/broken.yaml': 'replies:\n  - title: "Unclosed\n    body: As I already said\n',
      // A rule-like file: entries with a message field but no titles are not saved replies.
      'macros/phrases.yaml': 'phrases:\n  - match: as I already said\n    message: Defensive.\n  - match: rest assured\n    message: Scripted.\n',
    });
    const { results } = runJson(['macros'], { cwd: folder });
    expect(results.map((r) => r.filePath.slice(folder.length + 1))).toEqual(['macros/draft.reply', 'macros/saved.yml', 'macros/zendesk.json']);
    // Markdown sections read as replies, but so do a README's: a handbook is linted when named (or globbed).
    const named = runJson(['macros/handbook.md'], { cwd: folder }).results[0];
    expect(new Set(named.messages.map((m) => m.item?.title))).toEqual(new Set(['Refund', 'Follow-up']));
    // …or when a rule file names the format for its glob: then a folder search reads it too.
    writeFileSync(join(folder, '.replylint.yaml'), 'overrides:\n  - files: ["macros/handbook.md"]\n    format: markdown\n');
    expect(runJson(['macros'], { cwd: folder }).results.map((r) => r.filePath.slice(folder.length + 1))).toEqual([
      'macros/draft.reply',
      'macros/handbook.md',
      'macros/saved.yml',
      'macros/zendesk.json',
    ]);
  });

  it('lints a library file saved as .txt when it holds a JSON export', () => {
    folder = makeFolder({ 'export.txt': EXPORTS[1].text });
    const { results } = runJson(['.'], { cwd: folder });
    expect(results.map((r) => r.filePath)).toEqual([join(folder, 'export.txt')]);
    expect(results[0].messages[0].item).toBeDefined();
  });

  it('reads a file in the format a rule file names for its glob, over what its name says', () => {
    const csv = EXPORTS.find((exported) => exported.name === 'macros.csv')!.text;
    folder = makeFolder({ 'exports/macros.txt': csv });
    // As plain text, a CSV export is no library: the folder search leaves it alone.
    expect(runJson(['.'], { cwd: folder }).results).toEqual([]);

    folder = makeFolder({ 'exports/macros.txt': csv, '.replylint.yaml': 'overrides:\n  - files: ["exports/*.txt"]\n    format: csv\n' });
    const { results } = runJson(['.'], { cwd: folder });
    expect(results.map((r) => r.filePath)).toEqual([join(folder, 'exports/macros.txt')]);
    expect(new Set(results[0].messages.map((m) => m.item?.title))).toEqual(new Set([REPLIES[0].title, REPLIES[1].title, REPLIES[3].title]));
  });

  it('says where a rule file names a format that does not exist', () => {
    folder = makeFolder({ 'a.reply': REPLIES[2].body, '.replylint.yaml': 'format: excel\n' });
    const run = runReplylint(['.'], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.replylint\.yaml:1:9: .*format.*reply, text, markdown, html, json, yaml, csv/);
  });

  it('fails on a file named on the command line that holds no reply', () => {
    folder = makeFolder({ 'package.json': '{ "name": "macros", "version": "1.0.0" }\n' });
    const run = runReplylint(['package.json'], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${join(folder, 'package.json')}: no replies found`);
  });

  it('reports a syntax error in a library with its line and column, and still lints the macros it could read', () => {
    const text = '{ "macros": [\n  { "title": "Fine", "actions": [{ "field": "comment_value", "value": "As I already said, it ships today." }] },\n  { "title": "Broken", "actions": [ }\n] }\n';
    folder = makeFolder({ 'zendesk.json': text });
    const { status, results } = runJson(['zendesk.json'], { cwd: folder });
    expect(status).toBe(1);
    const [fatal] = results[0].messages.filter((m) => m.ruleId === null);
    expect(fatal).toMatchObject({ fatal: true, severity: 2, line: 3 });
    expect(fatal.message).toMatch(/^JSON syntax error/);
    expect(results[0].messages.some((m) => m.ruleId === 'no-defensive' && m.item?.title === 'Fine')).toBe(true);
  });
});

describe('stylish output of a library', () => {
  it('groups the rows of each macro under its title and place in the file', () => {
    folder = makeFolder({ 'zendesk.json': EXPORTS[0].text });
    const { stdout } = runReplylint(['zendesk.json'], { cwd: folder });
    const lines = stdout.split('\n');
    const header = (index: number) => lines.findIndex((line) => line === `  ${REPLIES[index].title} (macro ${index + 1})`);
    expect(header(0)).toBeGreaterThan(0);
    expect(header(1)).toBeGreaterThan(header(0));
    // The screenshots reply is clean: no heading for it.
    expect(header(2)).toBe(-1);
    expect(header(3)).toBeGreaterThan(header(1));
    const rowsOfFirst = lines.slice(header(0) + 1, header(1));
    expect(rowsOfFirst.length).toBeGreaterThan(0);
    for (const row of rowsOfFirst) expect(row).toMatch(/^ {4}\d+:\d+ +(warning|error|info) /);
    expect(rowsOfFirst.some((row) => row.endsWith('no-defensive'))).toBe(true);
  });
});

describe('broken libraries', () => {
  it('a library cut off anywhere is reported with a line and column, never with an internal error', () => {
    const fixtures = ['zendesk.json', 'helpscout.json', 'saved-replies.yml', 'label-actions.yml', 'macros.csv', 'handbook.md', 'welcome.html'];
    const files: Record<string, string> = {};
    for (const name of fixtures) {
      const text = readFileSync(join(REPO, 'tests/fixtures/macros', name), 'utf8');
      // Cut at a tenth, a third, half and near the end: inside strings, escapes, keys and tags.
      for (const fraction of [0.1, 0.33, 0.5, 0.77, 0.97]) files[`cut/${fraction}-${name}`] = text.slice(0, Math.floor(text.length * fraction));
    }
    folder = makeFolder(files);
    const names = Object.keys(files);
    const { status, stderr, results } = runJson(names, { cwd: folder });
    expect(stderr).not.toMatch(/internal error/);
    expect([1, 2]).toContain(status);
    for (const result of results) {
      const text = files[result.filePath.slice(folder.length + 1)];
      for (const message of result.messages) {
        expect(message.line, result.filePath).toBeGreaterThanOrEqual(1);
        expect(message.line, result.filePath).toBeLessThanOrEqual(text.split('\n').length);
        if (message.ruleId === null) expect(message.message).toMatch(/syntax error|could not be|front matter|YAML|JSON|CSV/);
      }
    }
    // Every file named is accounted for: reported, or named on stderr (nothing left in it to lint).
    for (const name of names) {
      const reported = results.some((r) => r.filePath === join(folder, name));
      expect(reported || stderr.includes(join(folder, name)), name).toBe(true);
    }
  });
});

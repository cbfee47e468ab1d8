// Real macro libraries, as their projects keep them (../shared/corpus/macros/native: JSON,
// YAML, Markdown with one reply per section, HTML), through the CLI. The corpus lives outside
// the repository and its texts never enter it; where it is absent these checks skip and say why.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, readDocument } from '../../shared/index';
// @ts-expect-error realCorpus.mjs is a plain ESM script shared with `npm run eval`
import { REAL_CORPUS_DIR } from '../corpus/realCorpus.mjs';
import { ensureCliBuilt, runJson } from './cliProcess';
import { offsetsOf } from './positions';

const NATIVE = join(REAL_CORPUS_DIR as string, 'macros', 'native');
const present = existsSync(NATIVE);

describe.skipIf(!present)('real macro libraries (../shared/corpus/macros/native)', () => {
  beforeAll(ensureCliBuilt);

  it('a folder search finds the saved-reply libraries there and lints them without a crash', () => {
    const { status, stderr, results } = runJson(['.'], { cwd: NATIVE });
    expect(stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(status);
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.messages.every((m) => m.ruleId === null || m.item !== undefined), result.filePath).toBe(true);
  });

  it('each library named lints without a crash, one item per macro with its title, no range on syntax', () => {
    const libraries = readdirSync(NATIVE).filter((name) => /\.(ya?ml|md|json)$/.test(name) && name !== 'MANIFEST.json');
    const { status, stderr, results } = runJson(libraries, { cwd: NATIVE });
    expect(stderr).not.toMatch(/internal error/);
    // Findings, and syntax errors the parser reports, are exit 1; a crash or an unread file would be 2.
    expect([0, 1]).toContain(status);
    for (const name of libraries) expect(results.map((r) => r.filePath)).toContain(join(NATIVE, name));

    for (const result of results) {
      const text = readFileSync(result.filePath, 'utf8');
      const document = readDocument(text, detectFormat(result.filePath, text));
      expect(document.isLibrary, result.filePath).toBe(true);
      for (const message of result.messages) {
        if (message.ruleId === null) {
          // A syntax error of the file: no macro, a position, and a message that says what.
          expect(message.fatal).toBe(true);
          expect(message.message).toMatch(/syntax error|could not be/);
          continue;
        }
        const where = `${result.filePath}:${message.line}:${message.column} ${message.ruleId}`;
        expect(message.item, where).toBeDefined();
        const { index, title } = message.item!;
        expect(title.trim(), where).not.toBe('');
        // One item per macro: the macro's place in the file and its title, as the file gives them
        // (a macro with several texts, as Help Scout's text and chatText, names the field too).
        const replies = document.replies.filter((reply) => reply.index === index && reply.title === title);
        expect(replies.length, where).toBeGreaterThan(0);

        // The flagged characters are inside that macro's text, and start and end on its words, not on syntax.
        const { start, end } = offsetsOf(text, message);
        const spans = replies.map((reply) => reply.body.sourceRange(0, reply.body.text.length));
        expect(spans.some((span) => span.start <= start && end <= span.end), where).toBe(true);
        if (end > start) {
          const slice = text.slice(start, end);
          // Markdown inside a macro's text (a heading in a YAML block) is the macro's own text; the file's syntax is not.
          // A template blank ("<name of the person who helped>") is text the customer would see, brackets and all.
          const blank = message.ruleId === 'valid-placeholders' && /^<[^<>\n]+>$/u.test(slice);
          if (!blank) expect(slice, where).not.toMatch(/^["'<>:\s]|["<>\s]$/u);
        }
      }
    }
  });

  it('an HTML template named on the command line is linted as one reply, its markup never flagged', () => {
    const templates = readdirSync(NATIVE).filter((name) => /\.html?$/.test(name));
    if (templates.length === 0) return;
    const { status, stderr, results } = runJson(templates, { cwd: NATIVE });
    expect(stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(status);
    for (const result of results) {
      const text = readFileSync(result.filePath, 'utf8');
      for (const message of result.messages) {
        expect(message.item).toBeUndefined();
        const { start, end } = offsetsOf(text, message);
        if (end > start) expect(text.slice(start, end)).not.toMatch(/^[<>\s]|[<>\s]$/u);
      }
    }
  });
});

describe.runIf(!present)('real macro libraries', () => {
  it.skip('are not here (../shared/corpus/macros/native is absent), so real libraries are not linted', () => {});
});

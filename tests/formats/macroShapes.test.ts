// Which replies each export shape yields, with which title and placeholder dialect.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, lintDocument, readDocument, type ReplyDocument } from '../../shared/index';
import { expectFindingsOnTheSameWords, htmlToText, linter, unescapeJson } from './helpers';

const FIXTURES = join(__dirname, '../fixtures/macros');
const read = (name: string): { text: string; document: ReplyDocument } => {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return { text, document: readDocument(text, detectFormat(name, text)) };
};
const summary = (document: ReplyDocument) => document.replies.map((item) => [item.index, item.title, item.platform]);

describe('help-desk exports are recognised by their shape', () => {
  it.each([
    ['zendesk.json', [[0, 'Refund delayed', 'zendesk'], [1, 'Password reset', 'zendesk'], [2, 'Wrong address', 'zendesk']]],
    ['freshdesk.json', [[0, 'Invoice copy', 'freshdesk']]],
    ['helpscout.json', [[0, 'Order on hold (text)', 'helpscout'], [0, 'Order on hold (chat)', 'helpscout']]],
    ['intercom.json', [[0, 'Trial extension', 'intercom']]],
    ['front.json', [[0, 'Shipping times', 'front']]],
    ['gorgias.json', [[0, 'Size exchange', 'gorgias']]],
    ['zoho.json', [[0, 'Callback booked', 'zoho']]],
    ['saved-replies.yml', [[0, 'Needs a reproduction', 'plain'], [1, 'Duplicate: see #12', 'plain'], [2, 'Fixed in 2.4', 'plain']]],
    ['label-actions.yml', [[0, 'STATE: Need logs', 'plain'], [1, 'STATE: Solved', 'plain']]],
    ['macros.csv', [[0, 'Late delivery, apology', undefined], [1, 'Thanks note', undefined]]],
  ])('%s', (name, expected) => {
    const { document } = read(name);
    expect(document.problems).toEqual([]);
    expect(document.isLibrary).toBe(true);
    expect(summary(document)).toEqual(expected);
  });

  it('reads the reply text as the customer gets it: escapes decoded, HTML as text, the channel array unwrapped', () => {
    const { document } = read('zendesk.json');
    expect(document.replies[0].body.text).toBe(
      'Hi {{ticket.requester.first_name}},\n\nAs I already said, the refund left our bank on Monday 💸. Please be advised that banks take 3–5 days to show it as "received".\n\nSam',
    );
    expect(document.replies[1].body.text).toMatch(/^Hello,\n\nThanks for writing in! Click “Forgot password”/);
    expect(document.replies[2].body.text).toBe('\nYou should have entered the full address at checkout.\n\n\nWe apologize for any inconvenience & the delay.\n');
  });

  it('lints the HTML a help desk sends when an export keeps both HTML and plain text', () => {
    expect(read('freshdesk.json').document.replies[0].body.text).toContain('Hi there, kindly find');
    expect(read('gorgias.json').document.replies).toHaveLength(1);
    // Intercom's placeholder is a tag; it stays in the text so the engine sees a placeholder.
    expect(read('intercom.json').document.replies[0].body.text).toContain('<attribute key="first_name" default="there"/>');
  });

  it('takes a single macro ({"macro": …}) and a bare array as well as {"macros": […]}', () => {
    const macro = { title: 'Hold', actions: [{ field: 'comment_value', value: 'Thanks for waiting, the fix ships today.' }] };
    for (const text of [JSON.stringify({ macro }), JSON.stringify([macro]), JSON.stringify({ macros: [macro] }, null, 2)]) {
      expect(summary(readDocument(text, 'json'))).toEqual([[0, 'Hold', 'zendesk']]);
    }
  });

  it('finds nothing in JSON and YAML that hold no replies, and says so by not calling them libraries', () => {
    for (const [text, format] of [
      ['{"name": "replylint", "version": "1.0.0", "description": "A linter for support replies."}', 'json'],
      ['steps:\n  - run: npm test\n    name: Test\n', 'yaml'],
      ['id,price\n1,3.50\n', 'csv'],
    ] as const) {
      const document = readDocument(text, format);
      expect([document.isLibrary, document.replies.length]).toEqual([false, 0]);
    }
  });

  it('reports a syntax error with its offset and still reads the macros the parser could', () => {
    const text = '[{"title": "Ok", "content": "Thanks for the logs, we found the cause."}, {"title": "Broken" "content": "x"}]';
    const document = readDocument(text, 'json');
    expect(document.problems[0]).toMatchObject({ message: expect.stringContaining('JSON syntax error'), offset: text.indexOf('"content": "x"') });
    expect(document.replies.map((item) => item.title)).toEqual(['Ok']);
  });
});

describe('files that are one reply', () => {
  it('a plain-text or .reply file is one reply, the file itself', () => {
    const { text, document } = read('draft.txt');
    expect(document.isLibrary).toBe(false);
    expect(document.replies.map((item) => item.body.text)).toEqual([text]);
  });

  it('an HTML e-mail template is one reply: head, styles and tags are not prose', () => {
    const { document } = read('welcome.html');
    const body = document.replies[0].body.text;
    expect(body).not.toMatch(/margin|Welcome|<p>/);
    expect(body).toContain('Thanks & welcome — Team');
  });

  it('a Markdown file without repeated sections is one reply', () => {
    const text = '# Refund\n\nHi Jo,\n\nThanks for waiting. The refund went out today.\n';
    expect(readDocument(text, 'markdown').replies.map((item) => item.body.text)).toEqual([text]);
  });
});

describe('Markdown libraries', () => {
  it('one reply per section, one per bullet where a section is only bullets; the title heading is not a reply', () => {
    const { document } = read('handbook.md');
    expect(document.replies.map((item) => item.title)).toEqual(['Refund approved', 'Logs needed (1)', 'Logs needed (2)', 'Closing']);
    expect(document.replies[2].body.text).toBe("You failed to attach the log, so we can't look yet.");
  });

  it('ignores headings inside code fences', () => {
    const text = '## One\n\nThanks, the first reply is here.\n\n```\n## not a heading\n```\n\n## Two\n\nThanks, the second reply is here.\n';
    expect(readDocument(text, 'markdown').replies.map((item) => item.title)).toEqual(['One', 'Two']);
  });
});

describe('every fixture: findings sit on the same words in the file', () => {
  const json = (slice: string) => htmlToText(unescapeJson(slice));
  it.each([
    ['zendesk.json', json, 'As I already said'],
    ['helpscout.json', json, "It's not our fault"],
    ['gorgias.json', json, 'as I already said'],
    ['saved-replies.yml', (slice: string) => slice, 'As I already said'],
    ['label-actions.yml', (slice: string) => slice.replace(/''/g, "'"), null],
    ['macros.csv', (slice: string) => slice.replace(/""/g, '"'), null],
    ['handbook.md', (slice: string) => slice, 'As I already said'],
  ])('%s', (name, decodeSlice, defensive) => {
    const { text, document } = read(name);
    expect(lintDocument(document, linter).length).toBeGreaterThan(0);
    expectFindingsOnTheSameWords(text, document.format, decodeSlice, defensive);
  });
});

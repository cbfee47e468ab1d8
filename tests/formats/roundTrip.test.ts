// Property tests: findings land on the same words in the file, and fixed files still parse and hold the fixed text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify as stringifyYaml, parse as parseYaml, Scalar } from 'yaml';
import { parse as parseCsv } from 'csv-parse/sync';
import { fixDocument, readDocument } from '../../shared/index';
import { decodeHtml } from '../../shared/formats/htmlText';
import { expectFindingsOnTheSameWords, htmlToText, linter, PLANTED, reply, unescapeJson, words } from './helpers';

const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 100) };

/** JSON string literals written three ways: as JSON.stringify does, ASCII-only (Python's default), and with extra escapes. */
const jsonStyle = fc.constantFrom('stringify', 'ascii', 'escaped');
function jsonString(text: string, style: string): string {
  const plain = JSON.stringify(text);
  if (style === 'stringify') return plain;
  const asciiOnly = plain.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (style === 'ascii') return asciiOnly;
  // Escapes JSON allows but nobody needs: every "e" as \u0065, every "/" as \/.
  return `"${[...text].map((char) => (char === 'e' ? '\\u0065' : char === '/' ? '\\/' : JSON.stringify(char).slice(1, -1))).join('')}"`;
}

describe('JSON macro libraries (Zendesk export)', () => {
  it('maps every finding onto the same words, through \\n, \\", \\uXXXX and surrogate-pair escapes', () => {
    fc.assert(
      fc.property(reply, jsonStyle, (text, style) => {
        const file = `{"macros": [{"id": 7, "title": "Cache", "actions": [{"field": "comment_value", "value": ${jsonString(text, style)}}]}]}`;
        expect(readDocument(file, 'json').replies.map((item) => item.body.text)).toEqual([text]);
        expectFindingsOnTheSameWords(file, 'json', unescapeJson);
      }),
      RUNS,
    );
  });

  it('fixes in the file: valid JSON holding exactly the fixed text, everything else byte for byte', () => {
    fc.assert(
      fc.property(reply, jsonStyle, (text, style) => {
        const before = `{"macros": [{"id": 7, "title": "Cache", "actions": [{"field": "comment_value", "value": `;
        const file = `${before}${jsonString(text, style)}}]}]}`;
        const fixed = fixDocument(file, 'json', linter).text;
        // a Zendesk export: its replies are fixed as Zendesk replies (placeholders included)
        expect(JSON.parse(fixed).macros[0].actions[0].value).toBe(linter.fixAll(text, 10, { platform: 'zendesk' }).text);
        expect(fixed.startsWith(before)).toBe(true);
        expect(fixed.endsWith('}]}]}')).toBe(true);
        // Converged: a second run changes nothing.
        expect(fixDocument(fixed, 'json', linter).text).toBe(fixed);
      }),
      RUNS,
    );
  });
});

/** Reply text as HTML: paragraphs, entities for what must be escaped (and some that need not be), tags inside the phrase. */
function toHtml(text: string, seed: number): string {
  const escape = (value: string) =>
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, seed % 2 ? '&#39;' : "'").replace(/👋/g, '&#x1F44B;').replace(/é/g, '&eacute;');
  return text
    .split('\n\n')
    .map((paragraph) => {
      let html = escape(paragraph).replace(/\n/g, '<br>');
      if (paragraph === PLANTED) html = html.replace('As I already', 'As <b>I already').replace('said,', 'said</b>,').replace('advised', '<a href="https://example.com/?a=1&amp;b=2">advised</a>');
      return `<p>${html}</p>`;
    })
    .join(seed % 3 ? '\n' : '');
}

describe('HTML bodies (inside JSON, as Zendesk comment_value_html)', () => {
  it('maps every finding onto the same words through tags and entities', () => {
    fc.assert(
      fc.property(reply, fc.nat(), (text, seed) => {
        const file = `{"macro": {"title": "Cache", "actions": [{"field": "comment_value_html", "value": ${JSON.stringify(toHtml(text, seed))}}]}}`;
        expectFindingsOnTheSameWords(file, 'json', (slice) => htmlToText(unescapeJson(slice)));
      }),
      RUNS,
    );
  });

  it('fixes keep every tag, in order, and the body decodes to the fixed text', () => {
    fc.assert(
      fc.property(reply, fc.nat(), (text, seed) => {
        const html = toHtml(text, seed);
        const fixed = fixDocument(html, 'html', linter).text;
        const tags = (value: string) => value.match(/<[^>]+>/g) ?? [];
        expect(tags(fixed)).toEqual(tags(html));
        const decoded = decodeHtml(html).text;
        expect(decodeHtml(fixed).text).toBe(linter.fixAll(decoded).text);
      }),
      RUNS,
    );
  });
});

const YAML_STYLES = [Scalar.PLAIN, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED] as const;

describe('YAML saved replies, in every scalar style', () => {
  const yamlFile = (text: string, style: (typeof YAML_STYLES)[number], lineWidth: number) =>
    stringifyYaml({ replies: [{ title: 'Cache', body: text }] }, { defaultStringType: style, defaultKeyType: Scalar.PLAIN, lineWidth, minContentWidth: 10 });

  it('maps every finding onto the same words through folding, indentation, quotes and escapes', () => {
    fc.assert(
      fc.property(reply, fc.constantFrom(...YAML_STYLES), fc.integer({ min: 20, max: 100 }), (text, style, lineWidth) => {
        const file = yamlFile(text, style, lineWidth);
        // What the library reads back is the truth (its stringify does not round-trip every text).
        expect(readDocument(file, 'yaml').replies.map((item) => item.body.text)).toEqual([parseYaml(file).replies[0].body]);
        // Words survive folding; quotes and double-quoted escapes need undoing, an escaped line break joins.
        // The library picks another style when the asked one cannot hold the text: read which it wrote.
        const written = /body: (["'])/.exec(file)?.[1];
        const unescape = (slice: string) =>
          written === "'"
            ? slice.replace(/''/g, "'")
            : written === '"'
              ? slice
                  .replace(/\\\r?\n[ \t]*/g, '')
                  .replace(/\\[xuU]([0-9a-fA-F]+)/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
                  .replace(/\\./g, ' ')
              : slice;
        expectFindingsOnTheSameWords(file, 'yaml', unescape);
      }),
      RUNS,
    );
  });

  it('fixes keep the file valid and the reply fixed, or leave a reply its style cannot hold untouched', () => {
    fc.assert(
      fc.property(reply, fc.constantFrom(...YAML_STYLES), fc.integer({ min: 20, max: 100 }), (text, style, lineWidth) => {
        const file = yamlFile(text, style, lineWidth);
        const fixed = fixDocument(file, 'yaml', linter).text;
        const original = parseYaml(file).replies[0].body;
        const body = parseYaml(fixed).replies[0].body;
        const expected = linter.fixAll(original).text;
        if (style === Scalar.BLOCK_LITERAL || style === Scalar.QUOTE_DOUBLE) expect(body).toBe(expected);
        else expect([expected, original]).toContain(body);
      }),
      RUNS,
    );
  });
});

describe('CSV with a body column', () => {
  const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

  it('maps findings through doubled quotes and line breaks in cells, and fixes re-quote', () => {
    fc.assert(
      fc.property(reply, fc.boolean(), (text, crlf) => {
        const newline = crlf ? '\r\n' : '\n';
        const file = `title,body${newline}"Cache, again",${csvCell(text)}${newline}Other,Thanks for writing in.${newline}`;
        expect(readDocument(file, 'csv').replies.map((item) => item.body.text)).toEqual([text, 'Thanks for writing in.']);
        expectFindingsOnTheSameWords(file, 'csv', (slice) => slice.replace(/""/g, '"'));
        const fixed = fixDocument(file, 'csv', linter).text;
        const rows = parseCsv(fixed, { relax_column_count: true }) as string[][];
        expect(rows[1]).toEqual(['Cache, again', linter.fixAll(text).text]);
        expect(rows[2]).toEqual(['Other', 'Thanks for writing in.']);
      }),
      RUNS,
    );
  });
});

describe('Markdown, one reply per section', () => {
  it('maps findings inside sections and bullets and keeps the headings when fixing', () => {
    fc.assert(
      fc.property(reply, (text) => {
        // A line starting with # would be a heading of its own.
        const paragraphs = text.replace(/\n{3,}/g, '\n\n').replace(/^#/gm, 'No. ');
        const bullet = `- ${PLANTED}\n  And the second line.`;
        const file = `# Saved replies\n\n## Cache\n\n${paragraphs}\n\n## Logs\n\n${bullet}\n\n## Thanks\n\n- Thanks for the logs, they helped.\n- Thanks, that settles it.\n`;
        const document = readDocument(file, 'markdown');
        expect(document.replies.map((item) => item.title)).toEqual(['Cache', 'Logs', 'Thanks (1)', 'Thanks (2)']);
        expect(document.replies[1].body.text).toBe(`${PLANTED}\nAnd the second line.`);
        expectFindingsOnTheSameWords(file, 'markdown', (slice) => slice);
        const fixed = fixDocument(file, 'markdown', linter).text;
        expect(readDocument(fixed, 'markdown').replies.map((item) => item.body.text)).toEqual(
          document.replies.map((item) => linter.fixAll(item.body.text).text),
        );
        expect(words(fixed).filter((word) => word === 'Saved' || word === 'Logs')).toEqual(['Saved', 'Logs']);
      }),
      RUNS,
    );
  });
});

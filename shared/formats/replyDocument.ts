import { readCsv, type CsvCell } from './csvTable';
import { VerbatimText, LayeredText, type EmbeddedText, type SourceRange } from './embeddedText';
import { decodeHtml, looksLikeHtml } from './htmlText';
import { readJsonTree, type ParsedTree } from './jsonTree';
import type { TreeValue } from './valueTree';
import { findMacros, type Platform } from './macroShapes';
import { readMarkdownReplies } from './markdownReplies';
import { readYamlTree } from './yamlTree';

/**
 * How a file holds its replies. Detected from the file name and content
 * (`detectFormat`); a rule file will be able to name it per glob instead, which is why
 * reading takes the format as an argument rather than deciding it again.
 */
export type DocumentFormat = 'reply' | 'text' | 'markdown' | 'html' | 'json' | 'yaml' | 'csv';
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['reply', 'text', 'markdown', 'html', 'json', 'yaml', 'csv'];

/** One reply of a file: a whole `.reply` file, or one macro of a library. */
export interface ReplyItem {
  /** which macro of the library, from 0 in file order; the bodies of one macro (Help Scout's text and chatText) share it */
  index: number;
  /** the macro's title; empty for a file that is one reply */
  title: string;
  platform?: Platform;
  channel?: 'chat';
  /** the text the engine lints, and the way back to the file */
  body: EmbeddedText;
  /** the whole macro in the file (its object, mapping, section or row), for the outline */
  range: SourceRange;
  /** its title in the file, for the outline's selection */
  titleRange: SourceRange;
}

export interface DocumentProblem {
  message: string;
  offset: number;
}

export interface ReplyDocument {
  format: DocumentFormat;
  /** several titled macros (a library), rather than one reply per file */
  isLibrary: boolean;
  /**
   * A library by a shape no other kind of file has: a help-desk export, a saved-replies
   * collection (titled entries with a reply field), a CSV with a body column. A folder search
   * lints only these among the files it finds by extension; a locale file or a README whose
   * sections read as replies is linted when named. Unset for a file that is one reply.
   */
  recognised?: boolean;
  replies: ReplyItem[];
  /** why some or all of the file could not be read: a syntax error, a text whose positions could not be mapped */
  problems: DocumentProblem[];
}

const EXTENSIONS: Record<string, DocumentFormat> = {
  reply: 'reply',
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  json: 'json',
  jsonc: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  csv: 'csv',
  tsv: 'csv',
};

/** The format a file name implies, or undefined for a name no supported format uses. */
export function formatOfFileName(fileName: string): DocumentFormat | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : EXTENSIONS[extension];
}

/**
 * The format of a file: its extension says which syntax it is in; a file with another
 * name (one named on the command line, piped in) or a `.txt` file is recognised by its
 * first characters.
 */
export function detectFormat(fileName: string, text: string): DocumentFormat {
  const byName = formatOfFileName(fileName);
  // `.txt` names no syntax: an export saved as text is still JSON or HTML inside.
  if (byName && byName !== 'text') return byName;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^[[{]/.test(start) && readJsonTree(text).problems.length === 0) return 'json';
  if (/^<(?:!doctype|html|body|div|p|table)\b/i.test(start)) return 'html';
  return byName ?? 'reply';
}

/** The replies of a file in a given format. Never throws on bad input: it reports problems. */
export function readDocument(text: string, format: DocumentFormat): ReplyDocument {
  switch (format) {
    case 'reply':
    case 'text':
      return single(format, new VerbatimText(text), text);
    case 'html':
      return single(format, decodeHtml(text), text);
    case 'markdown': {
      const sections = readMarkdownReplies(text);
      if (!sections) return single(format, new VerbatimText(text), text);
      return {
        format,
        isLibrary: true,
        replies: sections.map((section, index) => ({ index, ...section })),
        problems: [],
      };
    }
    case 'json':
      return fromTree(format, readJsonTree(text));
    case 'yaml':
      return fromTree(format, readYamlTree(text));
    case 'csv':
      return fromCsv(text);
  }
}

function single(format: DocumentFormat, body: EmbeddedText, text: string): ReplyDocument {
  const whole = { start: 0, end: text.length };
  return { format, isLibrary: false, replies: [{ index: 0, title: '', body, range: whole, titleRange: whole }], problems: [] };
}

/**
 * The macros of a JSON or YAML tree. A file with syntax errors still gives the macros
 * the parser could read (every text is checked against the parser's value, so a
 * damaged one is left out rather than mapped wrongly), and the errors are reported.
 */
function fromTree(format: DocumentFormat, tree: ParsedTree): ReplyDocument {
  const replies: ReplyItem[] = [];
  const problems: DocumentProblem[] = [...tree.problems];
  findMacros(tree.root).forEach((macro, index) => {
    for (const body of macro.bodies) {
      const embedded = body.value.embedded();
      if (!embedded) {
        problems.push({ message: `the text of “${macro.title}” could not be mapped to exact positions; not linted`, offset: body.value.range.start });
        continue;
      }
      const several = macro.bodies.length > 1;
      replies.push({
        index,
        title: several ? `${macro.title} (${body.channel ?? body.field})` : macro.title,
        platform: macro.platform,
        channel: body.channel,
        body: body.html ? new LayeredText(decodeHtml(embedded.text), embedded) : embedded,
        range: macro.range,
        titleRange: macro.titleRange,
      });
    }
  });
  const recognised = replies.length > 0 && (replies.some((reply) => reply.platform !== undefined && reply.platform !== 'plain') || isSavedReplies(tree.root));
  return { format, isLibrary: replies.length > 0, recognised, replies, problems };
}

/**
 * Whether a file found by its extension (not named by the user) is linted: a library by its
 * shape, or any library when a rule file names the file's format (the team said what it is).
 */
export function isLintedLibrary(document: ReplyDocument, formatNamed: boolean): boolean {
  return document.recognised === true || (formatNamed && document.isLibrary);
}

const SAVED_REPLY_TITLE = new Set(['title', 'name', 'label', 'subject']);
const SAVED_REPLY_BODY = new Set(['body', 'text', 'content', 'comment', 'message', 'reply', 'response', 'answer', 'template', 'body_text', 'body_html', 'content_html']);

/**
 * Saved replies as teams keep them: a list (or a map keyed by title) of entries, each with a
 * reply field and a title, at the top of the file or under one top-level key. Most entries
 * must be such, so a rule file's list of phrases with messages or a grammar's repository is not.
 */
function isSavedReplies(root: TreeValue | undefined): boolean {
  if (!root) return false;
  const collections = [root, ...(root.kind === 'map' ? root.entries.map((entry) => entry.value) : [])];
  return collections.some((collection) => {
    const entries =
      collection.kind === 'list'
        ? collection.items.map((item) => ({ value: item, keyed: false }))
        : collection.kind === 'map'
          ? collection.entries.map((entry) => ({ value: entry.value, keyed: true }))
          : [];
    if (entries.length === 0) return false;
    const saved = entries.filter(({ value, keyed }) => {
      if (value.kind !== 'map') return false;
      const text = (names: Set<string>) => value.entries.some((entry) => names.has(entry.key.toLowerCase()) && entry.value.kind === 'text');
      return text(SAVED_REPLY_BODY) && (keyed || text(SAVED_REPLY_TITLE));
    });
    return saved.length >= Math.max(1, 0.8 * entries.length);
  });
}

const BODY_COLUMN = /^(?:body|text|content|reply|response|message|comment|answer|template|macro[ _]?(?:body|text)|comment[ _]?value|body[ _]?text|(?:body|content|comment[ _]?value)[ _]?html)$/i;
const TITLE_COLUMN = /^(?:title|name|label|subject|macro|template[ _]?name|macro[ _]?name)$/i;

/** A CSV with a header row naming a body column: one reply per row. */
function fromCsv(text: string): ReplyDocument {
  const table = readCsv(text);
  const [header, ...rows] = table.rows;
  if (!header) return { format: 'csv', isLibrary: false, replies: [], problems: table.problems };
  const names = header.map((cell) => cell.value.trim());
  const bodyColumn = names.findIndex((name) => BODY_COLUMN.test(name));
  if (bodyColumn < 0) return { format: 'csv', isLibrary: false, replies: [], problems: table.problems };
  const titleColumn = names.findIndex((name) => TITLE_COLUMN.test(name));
  const replies: ReplyItem[] = [];
  rows.forEach((row, index) => {
    const cell: CsvCell | undefined = row[bodyColumn];
    if (!cell || cell.value.trim() === '') return;
    const titleCell = titleColumn >= 0 ? row[titleColumn] : undefined;
    const decoded = cell.decode();
    replies.push({
      index,
      title: titleCell?.value.replace(/\s+/g, ' ').trim() || `row ${index + 2}`,
      body: /html/i.test(names[bodyColumn]) || looksLikeHtml(decoded.text) ? new LayeredText(decodeHtml(decoded.text), decoded) : decoded,
      range: { start: row[0].range.start, end: row[row.length - 1].range.end },
      titleRange: titleCell?.range ?? cell.range,
    });
  });
  return { format: 'csv', isLibrary: replies.length > 0, recognised: replies.length > 0, replies, problems: table.problems };
}

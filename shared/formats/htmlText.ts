import { DecodingMode, EntityDecoder, htmlDecodeTree } from 'entities/decode';
import { escapeText } from 'entities/escape';
import { PiecewiseOffsetMap } from '../text/offsetMap';
import { DecodedText } from './embeddedText';

/**
 * Elements that end a line where they open and close: in the decoded text each becomes a
 * line break, so a phrase never runs from one paragraph into the next.
 */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
  'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul',
]);
/** Elements whose contents are not prose at all. */
const SKIPPED_ELEMENTS = new Set(['head', 'script', 'style', 'template', 'noscript']);
/** Intercom's placeholder is a tag; it stays in the text so the engine sees a placeholder, not nothing. */
const PLACEHOLDER_TAG = /^<attribute\b/i;

const LOOKS_LIKE_HTML =
  /<\/?(?:a|b|i|u|p|br|hr|em|strong|span|div|ul|ol|li|h[1-6]|table|tr|td|img|blockquote|pre|code|font|center|small|sup|sub|html|body)\b[^<>]*>/i;

/**
 * Whether a text field holds HTML (help desks keep some bodies as HTML, some as plain
 * text): a tag says so; an entity alone does not, since plain text may mention one.
 */
export function looksLikeHtml(text: string): boolean {
  return LOOKS_LIKE_HTML.test(text);
}

/**
 * The prose of an HTML body: tags produce nothing (block tags a line break), entities
 * their characters (decoded by `entities`, WHATWG's table), comments and scripts nothing.
 * Written back, text is entity-escaped and the tags inside a replaced range are kept.
 */
export function decodeHtml(source: string, start = 0, end = source.length): DecodedText {
  const input = end < source.length ? source.slice(0, end) : source;
  const map = new PiecewiseOffsetMap(start);
  let text = '';
  let entity = '';
  const decoder = new EntityDecoder(htmlDecodeTree, (codePoint) => {
    entity += String.fromCodePoint(codePoint);
  });
  let runStart = start;
  const flush = (until: number) => {
    if (until > runStart) {
      map.addVerbatim(runStart, until - runStart);
      text += input.slice(runStart, until);
    }
  };
  let i = start;
  while (i < end) {
    const char = input.charCodeAt(i);
    if (char === 0x26 /* & */) {
      decoder.startEntity(DecodingMode.Legacy);
      let length = decoder.write(input, i + 1);
      if (length < 0) length = decoder.end();
      if (length > 0 && entity !== '') {
        flush(i);
        map.addEscape(i, i + length, entity.length);
        text += entity;
        entity = '';
        i += length;
        runStart = i;
        continue;
      }
      entity = '';
      i++;
      continue;
    }
    if (char === 0x3c /* < */) {
      const tag = readTag(input, i, end);
      if (tag) {
        flush(i);
        if (PLACEHOLDER_TAG.test(input.slice(i, i + 10))) {
          map.addVerbatim(i, tag.end - i);
          text += input.slice(i, tag.end);
        } else if (tag.name && SKIPPED_ELEMENTS.has(tag.name) && !tag.closing) {
          tag.end = skipElement(input, tag.end, end, tag.name);
        } else if (tag.name && BLOCK_ELEMENTS.has(tag.name)) {
          map.addEscape(i, tag.end, 1);
          text += '\n';
        }
        i = tag.end;
        runStart = i;
        continue;
      }
    }
    i++;
  }
  flush(end);
  return new DecodedText(text, map, source, { encode: (decoded) => escapeText(decoded), keepsMarkup: true });
}

interface Tag {
  /** lower-case element name; empty for comments, doctypes and processing instructions */
  name: string;
  closing: boolean;
  end: number;
}

/** The tag starting at `at` (`<p class="x">`, `</p>`, `<!-- … -->`, `<!doctype html>`), or undefined for a bare `<`. */
function readTag(input: string, at: number, end: number): Tag | undefined {
  if (input.startsWith('<!--', at)) {
    const close = input.indexOf('-->', at + 4);
    return { name: '', closing: false, end: close < 0 || close + 3 > end ? end : close + 3 };
  }
  const match = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)|^<[!?]/.exec(input.slice(at, at + 40));
  if (!match) return undefined;
  // Find the closing '>' outside attribute quotes.
  let quote = 0;
  for (let i = at + match[0].length; i < end; i++) {
    const char = input.charCodeAt(i);
    if (quote !== 0) {
      if (char === quote) quote = 0;
    } else if (char === 0x22 || char === 0x27) {
      quote = char;
    } else if (char === 0x3e /* > */) {
      return { name: (match[2] ?? '').toLowerCase(), closing: match[1] === '/', end: i + 1 };
    } else if (char === 0x3c /* < */) {
      return undefined;
    }
  }
  return undefined;
}

/** The offset after `</name>`, or the end when the element is never closed. */
function skipElement(input: string, from: number, end: number, name: string): number {
  const close = new RegExp(`</${name}\\s*>`, 'ig');
  close.lastIndex = from;
  const found = close.exec(input);
  return found && found.index + found[0].length <= end ? found.index + found[0].length : end;
}

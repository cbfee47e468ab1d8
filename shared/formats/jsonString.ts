import { PiecewiseOffsetMap } from '../text/offsetMap';
import { DecodedText } from './embeddedText';

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * The contents of one JSON string literal, decoded, with every decoded unit mapped to
 * its source: `\n` and `\"` are escapes of one unit, `\uXXXX` one unit each (so the two
 * halves of an escaped surrogate pair map to their own escapes). `quoteStart` is the
 * offset of the opening quote. The parser (jsonc-parser) has already checked the syntax;
 * anything it let through that is not a valid escape is kept verbatim.
 */
export function decodeJsonString(source: string, quoteStart: number, quoteEnd: number): DecodedText {
  const contentStart = quoteStart + 1;
  const contentEnd = quoteEnd - 1;
  const map = new PiecewiseOffsetMap(contentStart);
  let text = '';
  let runStart = contentStart;
  let asciiEscapes = false;
  let rawNonAscii = false;
  for (let i = contentStart; i < contentEnd; i++) {
    const code = source.charCodeAt(i);
    if (code > 0x7f) rawNonAscii = true;
    if (code !== 0x5c /* \ */) continue;
    if (i > runStart) {
      map.addVerbatim(runStart, i - runStart);
      text += source.slice(runStart, i);
    }
    const next = source[i + 1] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
      const unit = parseInt(source.slice(i + 2, i + 6), 16);
      if (unit > 0x7f) asciiEscapes = true;
      map.addEscape(i, i + 6, 1);
      text += String.fromCharCode(unit);
      i += 5;
    } else if (SIMPLE_ESCAPES[next] !== undefined) {
      map.addEscape(i, i + 2, 1);
      text += SIMPLE_ESCAPES[next];
      i += 1;
    } else {
      // Not an escape JSON knows; jsonc-parser reported it. Keep the backslash as written.
      map.addVerbatim(i, 1);
      text += '\\';
    }
    runStart = i + 1;
  }
  if (contentEnd > runStart) {
    map.addVerbatim(runStart, contentEnd - runStart);
    text += source.slice(runStart, contentEnd);
  }
  // A file written with ASCII-only escapes (Python's json.dumps default) stays ASCII-only.
  const asciiOnly = asciiEscapes && !rawNonAscii;
  return new DecodedText(text, map, source, { encode: (decoded) => encodeJsonString(decoded, asciiOnly), keepsMarkup: false });
}

/** `text` as the inside of a JSON string literal. */
export function encodeJsonString(text: string, asciiOnly = false): string {
  const escaped = JSON.stringify(text).slice(1, -1);
  return asciiOnly ? escaped.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`) : escaped;
}

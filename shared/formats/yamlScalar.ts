import type { CST, Scalar } from 'yaml';
import { PiecewiseOffsetMap } from '../text/offsetMap';
import { DecodedText, type Codec } from './embeddedText';
import { encodeJsonString } from './jsonString';

/**
 * One YAML string scalar decoded with every unit mapped to its source, for each of the
 * five styles: plain, 'single', "double", literal `|` and folded `>`. The `yaml` library
 * parses the file and gives each scalar its style, CST token and value; this walks the
 * token's source the way the library's own resolver does (compose/resolve-*-scalar.js),
 * recording where each decoded run came from. The result is checked against the
 * library's value, so a style this gets wrong is reported, never mapped wrongly.
 */
export function decodeYamlScalar(source: string, scalar: Scalar): DecodedText | undefined {
  const token = scalar.srcToken as CST.Token | undefined;
  if (!token || typeof scalar.value !== 'string' || !scalar.range) return undefined;
  let decoded: DecodedText | undefined;
  switch (token.type) {
    case 'scalar':
      decoded = unfold(source, token.offset, token.offset + token.source.length, false, plainCodec);
      break;
    case 'single-quoted-scalar':
      decoded = unfold(source, token.offset + 1, token.offset + token.source.length - 1, true, singleQuotedCodec);
      break;
    case 'double-quoted-scalar':
      decoded = doubleQuoted(source, token.offset, token.offset + token.source.length);
      break;
    case 'block-scalar':
      decoded = blockScalar(source, token, scalar.range[1]);
      break;
    default:
      return undefined;
  }
  return decoded && decoded.text === scalar.value ? decoded : undefined;
}

/** A plain scalar cannot hold a line break, `: ` or ` #`, nor start or end with a space. */
const plainCodec: Codec = {
  encode: (text) => (/[\r\n]|: | #|^\s|\s$/.test(text) ? undefined : text),
  keepsMarkup: false,
};
const singleQuotedCodec: Codec = {
  encode: (text) => (/[\r\n]/.test(text) ? undefined : text.replace(/'/g, "''")),
  keepsMarkup: false,
};
/** JSON's string escapes are all valid in a YAML double-quoted scalar. */
const doubleQuotedCodec: Codec = { encode: (text) => encodeJsonString(text), keepsMarkup: false };

interface Line {
  /** first character of the line */
  start: number;
  /** end of its content, before "\r\n" or "\n" */
  end: number;
  /** after its line break; `end` for the last line */
  next: number;
}

function linesOf(source: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let at = start;
  for (;;) {
    const newline = source.indexOf('\n', at);
    if (newline < 0 || newline >= end) {
      lines.push({ start: at, end, next: end });
      return lines;
    }
    const contentEnd = newline > at && source.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    lines.push({ start: at, end: contentEnd, next: newline + 1 });
    at = newline + 1;
  }
}

const isBlank = (code: number) => code === 0x20 || code === 0x09;

/**
 * Plain and single-quoted scalars: each line trimmed, one line break folded to a space,
 * n + 1 line breaks to n newlines (YAML 1.2 §6.5 line folding); in single quotes `''` is `'`.
 */
function unfold(source: string, start: number, end: number, singleQuoted: boolean, codec: Codec): DecodedText {
  const map = new PiecewiseOffsetMap(start);
  let text = '';
  const emitContent = (from: number, to: number) => {
    if (!singleQuoted) {
      map.addVerbatim(from, to - from);
      text += source.slice(from, to);
      return;
    }
    let run = from;
    for (let quote = source.indexOf("''", from); quote >= 0 && quote + 1 < to; quote = source.indexOf("''", run)) {
      map.addVerbatim(run, quote - run);
      map.addEscape(quote, quote + 2, 1);
      text += `${source.slice(run, quote)}'`;
      run = quote + 2;
    }
    map.addVerbatim(run, to - run);
    text += source.slice(run, to);
  };
  const lines = linesOf(source, start, end);
  if (lines.length === 1) {
    emitContent(start, end);
    return new DecodedText(text, map, source, codec);
  }
  // First line: trailing blanks go.
  let contentEnd = lines[0].end;
  while (contentEnd > lines[0].start && isBlank(source.charCodeAt(contentEnd - 1))) contentEnd--;
  emitContent(lines[0].start, contentEnd);
  let gapStart = contentEnd;
  let emptyLines = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const last = i === lines.length - 1;
    let from = line.start;
    while (from < line.end && isBlank(source.charCodeAt(from))) from++;
    let to = line.end;
    if (!last) while (to > from && isBlank(source.charCodeAt(to - 1))) to--;
    if (from === to && !last) {
      emptyLines++;
      continue;
    }
    const separator = emptyLines === 0 ? ' ' : '\n'.repeat(emptyLines);
    map.addEscape(gapStart, from, separator.length);
    text += separator;
    emitContent(from, to);
    gapStart = to;
    emptyLines = 0;
  }
  return new DecodedText(text, map, source, codec);
}

const DOUBLE_QUOTED_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085',
  _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};

/** A double-quoted scalar: escapes, escaped line breaks, and the same line folding. */
function doubleQuoted(source: string, tokenStart: number, tokenEnd: number): DecodedText {
  const start = tokenStart + 1;
  const end = tokenEnd - 1;
  const map = new PiecewiseOffsetMap(start);
  let text = '';
  for (let i = start; i < end; i++) {
    const char = source[i];
    if (char === '\r' && source[i + 1] === '\n') continue;
    if (char === '\n') {
      // Fold: the break and the blanks and breaks after it.
      let newlines = 0;
      let j = i;
      for (;;) {
        const next = source[j + 1];
        if (next === ' ' || next === '\t' || next === '\n' || (next === '\r' && source[j + 2] === '\n')) {
          if (next === '\n') newlines++;
          j++;
        } else break;
      }
      const fold = newlines === 0 ? ' ' : '\n'.repeat(newlines);
      map.addEscape(i, j + 1, fold.length);
      text += fold;
      i = j;
    } else if (char === '\\') {
      const next = source[i + 1];
      if (DOUBLE_QUOTED_ESCAPES[next] !== undefined) {
        map.addEscape(i, i + 2, 1);
        text += DOUBLE_QUOTED_ESCAPES[next];
        i++;
      } else if (next === '\n' || (next === '\r' && source[i + 2] === '\n')) {
        // An escaped line break joins the lines; the next line's leading blanks go too.
        i += next === '\n' ? 1 : 2;
        while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const digits = source.slice(i + 2, i + 2 + length);
        const codePoint = digits.length === length && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : NaN;
        if (Number.isNaN(codePoint) || codePoint > 0x10ffff) {
          map.addVerbatim(i, 2);
          text += source.slice(i, i + 2);
          i++;
        } else {
          const decoded = String.fromCodePoint(codePoint);
          map.addEscape(i, i + 2 + length, decoded.length);
          text += decoded;
          i += 1 + length;
        }
      } else {
        map.addVerbatim(i, 2);
        text += source.slice(i, i + 2);
        i++;
      }
    } else if (char === ' ' || char === '\t') {
      // Blanks before a line break are dropped; elsewhere they are text.
      const blankStart = i;
      while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      const after = source[i + 1];
      if (after !== '\n' && !(after === '\r' && source[i + 2] === '\n')) {
        map.addVerbatim(blankStart, i + 1 - blankStart);
        text += source.slice(blankStart, i + 1);
      }
    } else {
      map.addVerbatim(i, 1);
      text += char;
    }
  }
  return new DecodedText(text, map, source, doubleQuotedCodec);
}

/** Literal `|` and folded `>` block scalars, with their indentation and chomping indicators. */
function blockScalar(source: string, token: CST.BlockScalar, end: number): DecodedText | undefined {
  const header = token.props.find((prop): prop is CST.SourceToken => prop.type === 'block-scalar-header');
  if (!header) return undefined;
  const folded = header.source[0] === '>';
  const chomp = /[-+]/.exec(header.source.slice(1))?.[0] ?? '';
  const explicitIndent = Number(/[1-9]/.exec(header.source.slice(1))?.[0] ?? 0);
  const bodyStart = end - token.source.length;
  const map = new PiecewiseOffsetMap(bodyStart);
  let text = '';
  const lines = linesOf(source, bodyStart, end).map((line) => {
    let indentEnd = line.start;
    while (indentEnd < line.end && source.charCodeAt(indentEnd) === 0x20) indentEnd++;
    return { ...line, indent: indentEnd - line.start, empty: indentEnd === line.end };
  });
  // Trailing empty lines (a token ending in a line break has an empty last one) are chomped.
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0 && lines[i].empty; i--) chompStart = i;
  if (chompStart === 0) return undefined; // an empty block: nothing to lint
  let trimIndent = token.indent + explicitIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; i++) {
    const line = lines[i];
    if (line.empty) {
      if (explicitIndent === 0 && line.indent > trimIndent) trimIndent = line.indent;
    } else {
      if (explicitIndent === 0) trimIndent = line.indent;
      contentStart = i;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; i--) {
    if (lines[i].indent > trimIndent) chompStart = i + 1;
  }
  const contentFrom = (line: (typeof lines)[number]) => line.start + Math.min(line.indent, trimIndent);
  let gapStart = bodyStart;
  let pending = '';
  for (let i = 0; i < contentStart; i++) pending += `${source.slice(contentFrom(lines[i]), lines[i].end)}\n`;
  let separator = '';
  let previousMoreIndented = false;
  const emit = (line: (typeof lines)[number], from: number) => {
    const joined = pending + separator;
    if (joined.length > 0) map.addEscape(gapStart, from, joined.length);
    text += joined;
    map.addVerbatim(from, line.end - from);
    text += source.slice(from, line.end);
    gapStart = line.end;
    pending = '';
  };
  for (let i = contentStart; i < chompStart; i++) {
    const line = lines[i];
    const from = contentFrom(line);
    const content = source.slice(from, line.end);
    if (!folded) {
      emit(line, from);
      separator = '\n';
    } else if (line.indent > trimIndent || content.startsWith('\t')) {
      if (separator === ' ') separator = '\n';
      else if (!previousMoreIndented && separator === '\n') separator = '\n\n';
      emit(line, from);
      separator = '\n';
      previousMoreIndented = true;
    } else if (from === line.end) {
      if (separator === '\n') pending += '\n';
      else separator = '\n';
    } else {
      emit(line, from);
      separator = ' ';
      previousMoreIndented = false;
    }
  }
  const lastContent = lines[chompStart - 1];
  let tail = '';
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; i++) tail += `\n${source.slice(contentFrom(lines[i]), lines[i].end)}`;
    if (!tail.endsWith('\n')) tail += '\n';
    map.addEscape(lastContent.end, end, tail.length);
  } else if (chomp === '') {
    tail = '\n';
    map.addEscape(lastContent.end, lastContent.next, 1);
  }
  text += tail;
  const indent = ' '.repeat(trimIndent);
  const codec: Codec = {
    // A literal block holds any line; a new line needs the block's indentation. Folding
    // would turn a written line break into a space, so folded blocks take none.
    encode: (replacement) =>
      folded ? (/[\r\n]/.test(replacement) ? undefined : replacement) : replacement.replace(/\r?\n/g, `\n${indent}`),
    keepsMarkup: false,
  };
  return new DecodedText(text, map, source, codec);
}

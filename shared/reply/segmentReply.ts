import { findFrontMatter, type FrontMatter } from './frontMatter';
import { findPlaceholders, type Placeholder } from './placeholders';

/** A half-open range of UTF-16 offsets into the reply text. */
export interface Span {
  start: number;
  end: number;
}

export type { FrontMatter } from './frontMatter';

/**
 * A reply split into what the agent wrote and what they did not. Tone rules read
 * only `prose`, through `masked`, where placeholders, URLs, handles and code are
 * blanked out (same length, so offsets stay those of the source).
 */
export interface ReplyStructure {
  text: string;
  frontMatter?: FrontMatter;
  /** The agent's own words, in order: everything but front matter, quotes and signature. */
  prose: Span[];
  quotes: Span[];
  signature?: Span;
  greeting?: Span;
  /** Where the agent's words start after the greeting (or the first prose offset). */
  bodyStart: number;
  placeholders: Placeholder[];
  /** `text` with every non-word part replaced: an opaque mark and spaces; line breaks kept. */
  masked: string;
}

/** The first character of a blanked-out part; the tokenizer reads it as an opaque token. */
export const OPAQUE_MARK = '\uE000';

const QUOTE_HEADER = /^\s*On\b[^\n]{0,300}?\bwrote:\s*$/;
const QUOTE_HEADER_START = /^\s*On\s\S/;
const ORIGINAL_MESSAGE = /^\s*(?:-{2,}\s*(?:Original|Forwarded) Message\s*-{2,}|_{10,}\s*)$/i;
const HEADER_FROM = /^\s*From:\s*\S/;
const HEADER_NEXT = /^\s*(?:Sent|Date|To|Subject):\s*/;
const SIGNATURE_DELIMITER = /^--\s?$/;
const QUOTED_LINE = /^\s*>/;
const GREETING =
  /^[ \t]*(?:@[\w.]+[ \t]+)*(?:hi|hello|hey|heya|hiya|dear|greetings|howdy|good[ \t]+(?:morning|afternoon|evening|day))\b/i;

const NON_WORD_PARTS = [
  /```[\s\S]*?(?:```|$)/g, // fenced code
  /`[^`\n]+`/g, // inline code
  /\b(?:https?:\/\/|www\.)[^\s<>()"']+[^\s<>()"'.,;:!?]/gi, // URLs
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, // e-mail addresses
  /(?<![\w@])@[A-Za-z0-9_](?:[\w.-]*\w)?/g, // @handles
  /(?<!\w)#[A-Za-z]\w+/g, // hashtags
  /<\/?[A-Za-z][^<>\n]*>/g, // HTML tags
];

export function segmentReply(text: string): ReplyStructure {
  const lines = splitLines(text);
  const frontMatter = findFrontMatter(text, lines);
  let lineIndex = frontMatter ? lines.findIndex((line) => line.start >= frontMatter.end) : 0;
  if (lineIndex < 0) lineIndex = lines.length;

  const quotes: Span[] = [];
  const prose: Span[] = [];
  let signature: Span | undefined;
  let proseStart = -1;
  const closeProse = (end: number) => {
    if (proseStart >= 0 && end > proseStart) prose.push({ start: proseStart, end });
    proseStart = -1;
  };

  for (let i = lineIndex; i < lines.length; i++) {
    const line = lines[i];
    const content = text.slice(line.start, line.end);
    if (SIGNATURE_DELIMITER.test(content)) {
      closeProse(line.start);
      signature = { start: line.start, end: text.length };
      break;
    }
    if (startsQuotedHistory(text, lines, i)) {
      closeProse(line.start);
      quotes.push({ start: line.start, end: text.length });
      break;
    }
    if (QUOTED_LINE.test(content)) {
      closeProse(line.start);
      quotes.push({ start: line.start, end: line.breakEnd });
      continue;
    }
    if (proseStart < 0) proseStart = line.start;
  }
  closeProse(text.length);

  const placeholders = prose.flatMap((span) => findPlaceholders(text, span.start, span.end));
  const masked = maskNonWords(text, frontMatter, quotes, signature, placeholders);
  const greeting = findGreeting(text, prose);
  const firstProse = prose.find((span) => /\S/.test(text.slice(span.start, span.end)));
  const afterGreeting = greeting ? greeting.end : firstProse ? firstProse.start : text.length;
  const bodyStart = skipWhitespace(text, afterGreeting);

  return { text, frontMatter, prose, quotes, signature, greeting, bodyStart, placeholders, masked };
}

interface Line {
  start: number;
  /** end of content, before the line break */
  end: number;
  /** after the line break */
  breakEnd: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    lines.push({ start, end: m.index, breakEnd: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length, breakEnd: text.length });
  return lines;
}

function startsQuotedHistory(text: string, lines: Line[], i: number): boolean {
  const content = text.slice(lines[i].start, lines[i].end);
  if (ORIGINAL_MESSAGE.test(content)) return true;
  if (HEADER_FROM.test(content) && i + 1 < lines.length) {
    const next = text.slice(lines[i + 1].start, lines[i + 1].end);
    if (HEADER_NEXT.test(next)) return true;
  }
  if (!QUOTE_HEADER_START.test(content)) return false;
  // Mail clients wrap long "On <date>, <name> <address> wrote:" headers over up to three lines.
  let joined = content;
  for (let j = i; j < Math.min(i + 3, lines.length); j++) {
    if (j > i) joined += ' ' + text.slice(lines[j].start, lines[j].end);
    if (QUOTE_HEADER.test(joined)) return true;
  }
  return false;
}

function maskNonWords(
  text: string,
  frontMatter: FrontMatter | undefined,
  quotes: Span[],
  signature: Span | undefined,
  placeholders: Placeholder[],
): string {
  // One code unit per slot: splitting a long reply into one-character strings costs more than the
  // matching itself (and all of it is garbage a moment later).
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  const blank = (start: number, end: number, opaque: boolean) => {
    for (let i = start; i < end; i++) {
      if (codes[i] !== LINE_FEED && codes[i] !== CARRIAGE_RETURN) codes[i] = SPACE;
    }
    if (opaque && end > start) codes[start] = OPAQUE_CODE;
  };
  if (frontMatter) blank(frontMatter.start, frontMatter.end, false);
  for (const quote of quotes) blank(quote.start, quote.end, false);
  if (signature) blank(signature.start, signature.end, false);
  for (const placeholder of placeholders) blank(placeholder.start, placeholder.end, true);
  const partly = UTF16.decode(codes);
  for (const pattern of NON_WORD_PARTS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(partly); m; m = pattern.exec(partly)) {
      if (m[0].includes(OPAQUE_MARK) && m[0].length === 1) continue;
      blank(m.index, m.index + m[0].length, true);
    }
  }
  return UTF16.decode(codes);
}

const SPACE = 32;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const OPAQUE_CODE = OPAQUE_MARK.charCodeAt(0);
/**
 * Decodes the masked copy. A lone surrogate becomes U+FFFD, one unit for one, so every offset
 * still holds; the masked copy is only ever tokenized, never shown.
 */
const UTF16 = new TextDecoder('utf-16le');

function findGreeting(text: string, prose: Span[]): Span | undefined {
  for (const span of prose) {
    const slice = text.slice(span.start, span.end);
    const lead = slice.search(/\S/);
    if (lead < 0) continue;
    const lineBreak = slice.slice(lead).search(/[\r\n]/);
    const line = slice.slice(lead, lineBreak < 0 ? slice.length : lead + lineBreak);
    const match = GREETING.exec(line);
    if (!match) return undefined;
    // The greeting runs to the first comma, "!" or line end, but never more than a few words:
    // "Hi Sam, the export failed" greets only "Hi Sam,".
    const rest = line.slice(match[0].length);
    const stop = /[,!:.—–-](?=\s|$)|$/.exec(rest);
    const stopAt = stop ? stop.index + stop[0].length : rest.length;
    const words = rest.slice(0, stopAt).trim().split(/\s+/).filter(Boolean).length;
    const length = words <= 5 ? match[0].length + stopAt : match[0].length;
    const start = span.start + lead;
    return { start, end: start + length };
  }
  return undefined;
}

function skipWhitespace(text: string, offset: number): number {
  while (offset < text.length && /\s/.test(text[offset])) offset++;
  return offset;
}

import { PiecewiseOffsetMap } from '../text/offsetMap';
import { DecodedText, VerbatimText, type EmbeddedText, type SourceRange } from './embeddedText';

/** One reply of a Markdown library: a section, or one bullet of a section. */
export interface MarkdownReply {
  title: string;
  titleRange: SourceRange;
  range: SourceRange;
  body: EmbeddedText;
}

interface Line {
  start: number;
  end: number;
  next: number;
}

interface Heading {
  line: number;
  level: number;
  title: string;
  titleRange: SourceRange;
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BULLET = /^( {0,3})(?:[-*+]|\d{1,9}[.)])( +|$)/;
const HAS_WORDS = /\p{L}/u;

/**
 * The replies in a Markdown file. A file whose headings each head a reply of their own
 * (two or more sections with text directly under their heading) is a library: one reply
 * per section, titled by its heading; a section made only of bullets gives one reply per
 * bullet. Anything else is one reply: the whole file. Only the block structure matters
 * here (headings, fences, bullets), so the file is read line by line; the reply text is
 * the Markdown as written, which is what help desks send.
 */
export function readMarkdownReplies(text: string): MarkdownReply[] | undefined {
  const lines = splitLines(text);
  const headings = findHeadings(text, lines);
  const sections = headings.map((heading, i) => {
    const first = heading.line + 1;
    const last = i + 1 < headings.length ? headings[i + 1].line : lines.length;
    return { heading, first, last };
  });
  let withText = sections.filter((section) => hasWords(text, lines, section.first, section.last));
  // A lone top heading over the sections is the document's title; the text under it an introduction.
  const top = Math.min(...headings.map((heading) => heading.level));
  if (headings[0]?.level === top && headings.filter((heading) => heading.level === top).length === 1) {
    withText = withText.filter((section) => section.heading !== headings[0]);
  }
  if (withText.length < 2) return undefined;
  const replies: MarkdownReply[] = [];
  for (const section of withText) {
    const range = { start: lines[section.heading.line].start, end: lines[section.last - 1].end };
    const bullets = bulletItems(text, lines, section.first, section.last);
    if (bullets && bullets.length > 1) {
      bullets.forEach((bullet, n) =>
        replies.push({ title: `${section.heading.title} (${n + 1})`, titleRange: section.heading.titleRange, range: bullet.range, body: bullet.body }),
      );
    } else if (bullets && bullets.length === 1) {
      replies.push({ title: section.heading.title, titleRange: section.heading.titleRange, range, body: bullets[0].body });
    } else {
      let first = section.first;
      let last = section.last - 1;
      while (first < last && isBlankLine(text, lines[first])) first++;
      while (last > first && isBlankLine(text, lines[last])) last--;
      const start = lines[first].start;
      const end = lines[last].end;
      replies.push({ title: section.heading.title, titleRange: section.heading.titleRange, range, body: new VerbatimText(text.slice(start, end), start) });
    }
  }
  return replies;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    if (newline < 0) {
      lines.push({ start, end: text.length, next: text.length });
      return lines;
    }
    lines.push({ start, end: newline > start && text[newline - 1] === '\r' ? newline - 1 : newline, next: newline + 1 });
    start = newline + 1;
  }
}

function findHeadings(text: string, lines: Line[]): Heading[] {
  const headings: Heading[] = [];
  let first = 0;
  // Front matter is not a section.
  if (/^---\s*$/.test(text.slice(lines[0].start, lines[0].end))) {
    const close = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(text.slice(line.start, line.end)));
    if (close > 0) first = close + 1;
  }
  let fence: string | undefined;
  for (let i = first; i < lines.length; i++) {
    const content = text.slice(lines[i].start, lines[i].end);
    const fenceMatch = FENCE.exec(content);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    const heading = ATX_HEADING.exec(content);
    if (!heading) continue;
    // The title: after the marks, without a closing run of #.
    const titleStart = heading[0].length;
    const closing = /(?:^|[ \t]+)#+[ \t]*$|[ \t]+$/.exec(content.slice(titleStart));
    const titleEnd = closing ? titleStart + closing.index : content.length;
    const start = lines[i].start + titleStart;
    const end = lines[i].start + titleEnd;
    headings.push({ line: i, level: heading[1].length, title: text.slice(start, end).trim() || '(untitled)', titleRange: { start, end } });
  }
  return headings;
}

function isBlankLine(text: string, line: Line): boolean {
  return text.slice(line.start, line.end).trim() === '';
}

function hasWords(text: string, lines: Line[], first: number, last: number): boolean {
  for (let i = first; i < last; i++) if (HAS_WORDS.test(text.slice(lines[i].start, lines[i].end))) return true;
  return false;
}

/**
 * The bullets of a section made only of a list, each as a reply without its marker;
 * undefined when anything else stands in the section (an intro line, a paragraph after).
 */
function bulletItems(text: string, lines: Line[], first: number, last: number): Array<{ range: SourceRange; body: EmbeddedText }> | undefined {
  const items: Array<{ lines: Array<{ from: number; line: Line }>; indent: number }> = [];
  let afterBlank = false;
  for (let i = first; i < last; i++) {
    const line = lines[i];
    const content = text.slice(line.start, line.end);
    if (content.trim() === '') {
      afterBlank = true;
      continue;
    }
    const bullet = BULLET.exec(content);
    if (bullet) {
      const indent = bullet[0].length;
      items.push({ lines: [{ from: line.start + indent, line }], indent });
      afterBlank = false;
      continue;
    }
    const current = items[items.length - 1];
    if (!current) return undefined;
    const leading = /^ */.exec(content)![0].length;
    // After a blank line only an indented line still belongs to the bullet.
    if (afterBlank && leading < current.indent) return undefined;
    current.lines.push({ from: line.start + Math.min(leading, current.indent), line });
    afterBlank = false;
  }
  if (items.length === 0) return undefined;
  return items.map((item) => {
    const map = new PiecewiseOffsetMap(item.lines[0].from);
    let decoded = '';
    item.lines.forEach(({ from, line }, n) => {
      if (n > 0) {
        // The line breaks (and blank lines) since the last line; indentation and markers are gaps.
        const previous = item.lines[n - 1].line;
        const breaks = text.slice(previous.end, line.start).split('\n').length - 1;
        map.addEscape(previous.end, line.start, breaks);
        decoded += '\n'.repeat(breaks);
      }
      map.addVerbatim(from, line.end - from);
      decoded += text.slice(from, line.end);
    });
    const indent = ' '.repeat(item.indent);
    const body = new DecodedText(decoded, map, text, {
      // A new line inside a bullet is indented to stay in it.
      encode: (value) => value.replace(/\r?\n/g, (lineBreak) => `${lineBreak}${indent}`),
      keepsMarkup: false,
    });
    const lastLine = item.lines[item.lines.length - 1].line;
    return { range: { start: item.lines[0].line.start, end: lastLine.end }, body };
  });
}

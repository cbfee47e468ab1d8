import { parse } from 'csv-parse/sync';
import { PiecewiseOffsetMap } from '../text/offsetMap';
import { DecodedText, type SourceRange } from './embeddedText';

/** One cell of a CSV file, decoded, with its place in the file. */
export interface CsvCell {
  range: SourceRange;
  value: string;
  decode(): DecodedText;
}

export interface CsvTable {
  rows: CsvCell[][];
  problems: Array<{ message: string; offset: number }>;
}

/** The delimiter a header line uses most, outside quotes: comma, semicolon (European Excel) or tab. */
export function guessDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

/**
 * Reads CSV (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes) with
 * the range of every cell. csv-parse is the judge of what the cells hold: its `info`
 * counts records in bytes, not cells in UTF-16 units, so the cells are found here and
 * their values checked against csv-parse's; a file where the two disagree is reported,
 * never linted with guessed positions.
 */
export function readCsv(text: string, delimiter = guessDelimiter(text)): CsvTable {
  const rows = scanCells(text, delimiter);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    // csv-parse names the line (of the quote left open, say) in its message, and counts lines from 1.
    const line = Number(/\bat line (\d+)/.exec(message)?.[1] ?? (error as { lines?: number }).lines ?? 1);
    return { rows: [], problems: [{ message: `CSV syntax error: ${message}`, offset: offsetOfLine(text, line) }] };
  }
  const agrees =
    records.length === rows.length &&
    records.every((record, r) => record.length === rows[r].length && record.every((value, c) => value === rows[r][c].value));
  if (!agrees) return { rows: [], problems: [{ message: 'CSV cells could not be located exactly; not linted', offset: 0 }] };
  return { rows, problems: [] };
}

function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return offset;
    offset = next + 1;
  }
  return offset;
}

function scanCells(text: string, delimiter: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    // An empty line is no record (skip_empty_lines).
    if (!(row.length === 1 && row[0].range.start === row[0].range.end)) rows.push(row);
    row = [];
  };
  if (i >= text.length) return rows;
  for (;;) {
    const cellStart = i;
    let cellEnd: number;
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          i = text.length;
          break;
        }
        if (text[quote + 1] === '"') {
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      cellEnd = i;
      row.push(quotedCell(text, cellStart, cellEnd));
    } else {
      while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
      cellEnd = i;
      row.push(plainCell(text, cellStart, cellEnd, delimiter));
    }
    if (i >= text.length) {
      endRow();
      return rows;
    }
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else if (text[i] === '\r' || text[i] === '\n') i++;
    else {
      // Characters after a closing quote: malformed; csv-parse will say so.
      while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    endRow();
    if (i >= text.length) return rows;
  }
}

function plainCell(text: string, start: number, end: number, delimiter: string): CsvCell {
  const value = text.slice(start, end);
  return {
    range: { start, end },
    value,
    decode: () => {
      const map = new PiecewiseOffsetMap(start);
      map.addVerbatim(start, end - start);
      // An unquoted cell cannot take a delimiter, a quote or a line break without being quoted as a whole.
      const special = new RegExp(`[${delimiter === '\t' ? '\\t' : delimiter}"\\r\\n]`);
      return new DecodedText(value, map, text, {
        encode: (decoded) => (special.test(decoded) ? undefined : decoded),
        keepsMarkup: false,
      });
    },
  };
}

function quotedCell(text: string, start: number, end: number): CsvCell {
  const contentEnd = text[end - 1] === '"' && end - 1 > start ? end - 1 : end;
  const inner = text.slice(start + 1, contentEnd);
  return {
    range: { start, end },
    value: inner.replace(/""/g, '"'),
    decode: () => {
      const map = new PiecewiseOffsetMap(start + 1);
      let decoded = '';
      let run = start + 1;
      for (let quote = text.indexOf('""', run); quote >= 0 && quote < contentEnd; quote = text.indexOf('""', run)) {
        map.addVerbatim(run, quote - run);
        map.addEscape(quote, quote + 2, 1);
        decoded += `${text.slice(run, quote)}"`;
        run = quote + 2;
      }
      map.addVerbatim(run, contentEnd - run);
      decoded += text.slice(run, contentEnd);
      return new DecodedText(decoded, map, text, { encode: (value) => value.replace(/"/g, '""'), keepsMarkup: false });
    },
  };
}

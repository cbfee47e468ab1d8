// ESLint's 1-based lines and UTF-16 columns back to offsets, to read what a message flags.

/** The offset of a 1-based line and column; lines end at \n (a \r before it stays on its line). */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) throw new Error(`line ${line} is past the end of the text (${current} lines)`);
    offset = next + 1;
  }
  return offset + column - 1;
}

/** The offsets a message's range covers in `text`. */
export function offsetsOf(text: string, message: { line: number; column: number; endLine: number; endColumn: number }): { start: number; end: number } {
  return { start: offsetAt(text, message.line, message.column), end: offsetAt(text, message.endLine, message.endColumn) };
}

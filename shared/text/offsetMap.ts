/**
 * Maps offsets in a piece of embedded text (a reply decoded from a JSON string,
 * an HTML body, a YAML block scalar) back to offsets in the file it came from.
 * The engine lints the decoded text and maps every finding and edit through this,
 * so positions are never re-found by searching.
 *
 * A range maps with two functions because the two ends of a range want different
 * sides of whatever lies between decoded characters: a start goes after markup that
 * produced nothing (a tag, indentation), an end before it, so a range never takes in
 * syntax at its edges; and a range that cuts an escape takes the whole escape.
 */
export interface OffsetMap {
  /** Source offset where decoded offset `offset` starts (0..decoded length inclusive). */
  toSource(offset: number): number;
  /** Source offset where a range ending at decoded offset `offset` ends. */
  toSourceEnd(offset: number): number;
}

/**
 * Built piece by piece while decoding, in source order: each decoded run records where
 * it lies in the source and whether it was copied verbatim (inner offsets map one to
 * one) or produced by an escape (the run maps to the escape as a whole). Source left
 * between pieces produced nothing: tags, indentation, quotes.
 */
export class PiecewiseOffsetMap implements OffsetMap {
  private readonly decodedStarts: number[] = [];
  private readonly sourceStarts: number[] = [];
  private readonly sourceEnds: number[] = [];
  private readonly verbatim: boolean[] = [];
  private decodedLength = 0;

  /** @param emptyAt where an empty decoded text sits in the source (between the quotes of `""`) */
  constructor(private readonly emptyAt = 0) {}

  /** How many UTF-16 units the decoded text has. */
  get length(): number {
    return this.decodedLength;
  }

  /** A decoded run of `length` units copied from `sourceStart`. */
  addVerbatim(sourceStart: number, length: number): void {
    if (length <= 0) return;
    const last = this.decodedStarts.length - 1;
    // Adjacent verbatim runs are one piece: fewer pieces, faster lookups.
    if (last >= 0 && this.verbatim[last] && this.sourceEnds[last] === sourceStart) {
      this.sourceEnds[last] += length;
    } else {
      this.push(sourceStart, sourceStart + length, true);
    }
    this.decodedLength += length;
  }

  /** `decodedLength` units produced by an escape occupying source [sourceStart, sourceEnd). */
  addEscape(sourceStart: number, sourceEnd: number, decodedLength: number): void {
    if (decodedLength <= 0) return;
    this.push(sourceStart, sourceEnd, false);
    this.decodedLength += decodedLength;
  }

  toSource(offset: number): number {
    const count = this.decodedStarts.length;
    if (count === 0) return this.emptyAt;
    if (offset >= this.decodedLength) return this.sourceEnds[count - 1];
    const piece = this.pieceAt(Math.max(0, offset));
    const inner = Math.max(0, offset) - this.decodedStarts[piece];
    return this.verbatim[piece] ? this.sourceStarts[piece] + inner : this.sourceStarts[piece];
  }

  toSourceEnd(offset: number): number {
    const count = this.decodedStarts.length;
    if (count === 0) return this.emptyAt;
    if (offset <= 0) return this.sourceStarts[0];
    // The piece holding the unit just before the end.
    const piece = this.pieceAt(Math.min(offset, this.decodedLength) - 1);
    const inner = Math.min(offset, this.decodedLength) - this.decodedStarts[piece];
    return this.verbatim[piece] ? this.sourceStarts[piece] + inner : this.sourceEnds[piece];
  }

  /**
   * The smallest decoded range holding [start, end) that cuts no escape: an edit of
   * part of an escape's output must rewrite the whole escape.
   */
  widen(start: number, end: number): { start: number; end: number } {
    if (this.decodedStarts.length === 0) return { start, end };
    let from = start;
    if (start < this.decodedLength) {
      const piece = this.pieceAt(Math.max(0, start));
      if (!this.verbatim[piece]) from = this.decodedStarts[piece];
    }
    let to = end;
    if (end > 0 && end < this.decodedLength) {
      const piece = this.pieceAt(end - 1);
      if (!this.verbatim[piece]) to = this.pieceEnd(piece);
    }
    return { start: from, end: Math.max(from, to) };
  }

  /** Source ranges inside [sourceStart, sourceEnd) that no decoded text came from (markup), in order. */
  gapsWithin(sourceStart: number, sourceEnd: number): Array<[number, number]> {
    const gaps: Array<[number, number]> = [];
    let cursor = sourceStart;
    let piece = this.firstPieceEndingAfter(sourceStart);
    for (; piece < this.decodedStarts.length && this.sourceStarts[piece] < sourceEnd; piece++) {
      if (this.sourceStarts[piece] > cursor) gaps.push([cursor, this.sourceStarts[piece]]);
      cursor = Math.max(cursor, this.sourceEnds[piece]);
    }
    if (cursor < sourceEnd) gaps.push([cursor, sourceEnd]);
    return gaps;
  }

  private pieceEnd(piece: number): number {
    return piece + 1 < this.decodedStarts.length ? this.decodedStarts[piece + 1] : this.decodedLength;
  }

  /** The last piece starting at or before decoded `offset`. */
  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.decodedStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.decodedStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private firstPieceEndingAfter(sourceOffset: number): number {
    let low = 0;
    let high = this.sourceEnds.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sourceEnds[mid] <= sourceOffset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private push(sourceStart: number, sourceEnd: number, verbatim: boolean): void {
    this.decodedStarts.push(this.decodedLength);
    this.sourceStarts.push(sourceStart);
    this.sourceEnds.push(sourceEnd);
    this.verbatim.push(verbatim);
  }
}

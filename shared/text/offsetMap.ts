/**
 * Maps offsets in a piece of embedded text (a reply decoded from a JSON string,
 * an HTML body, a YAML block scalar) back to offsets in the file it came from.
 * The engine lints the decoded text and maps every finding and edit through this,
 * so positions are never re-found by searching.
 */
export interface OffsetMap {
  /** Source offset of the decoded offset `offset` (0..decoded length inclusive). */
  toSource(offset: number): number;
}

/**
 * Built piece by piece while decoding: each decoded run records where it starts
 * in the source and whether it was copied verbatim (so inner offsets map one to one)
 * or produced by an escape (so inner offsets map to the escape's start).
 */
export class PiecewiseOffsetMap implements OffsetMap {
  private readonly decodedStarts: number[] = [];
  private readonly sourceStarts: number[] = [];
  private readonly verbatim: boolean[] = [];
  private decodedLength = 0;
  private sourceEnd = 0;

  /** A decoded run of `length` units copied from `sourceStart`. */
  addVerbatim(sourceStart: number, length: number): void {
    if (length <= 0) return;
    this.push(sourceStart, true);
    this.decodedLength += length;
    this.sourceEnd = sourceStart + length;
  }

  /** `decodedLength` units produced by an escape occupying source [sourceStart, sourceEnd). */
  addEscape(sourceStart: number, sourceEnd: number, decodedLength: number): void {
    if (decodedLength <= 0) return;
    this.push(sourceStart, false);
    this.decodedLength += decodedLength;
    this.sourceEnd = sourceEnd;
  }

  toSource(offset: number): number {
    if (this.decodedStarts.length === 0) return this.sourceEnd;
    if (offset >= this.decodedLength) return this.sourceEnd;
    let low = 0;
    let high = this.decodedStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.decodedStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    const inner = offset - this.decodedStarts[low];
    return this.verbatim[low] ? this.sourceStarts[low] + inner : this.sourceStarts[low];
  }

  private push(sourceStart: number, verbatim: boolean): void {
    this.decodedStarts.push(this.decodedLength);
    this.sourceStarts.push(sourceStart);
    this.verbatim.push(verbatim);
  }
}

import type { TextEdit } from '../engine/types';
import type { PiecewiseOffsetMap } from '../text/offsetMap';

/** A half-open range of UTF-16 offsets into a file. */
export interface SourceRange {
  start: number;
  end: number;
}

/**
 * A reply as the engine lints it (decoded: no escapes, no tags, no indentation), and
 * the way back to the exact characters of the file it sits in.
 */
export interface EmbeddedText {
  readonly text: string;
  /** The range of the file that [start, end) of `text` came from; an empty range maps to a point. */
  sourceRange(start: number, end: number): SourceRange;
  /**
   * `edit` of `text` as an edit of the file that keeps the file valid (escaped,
   * quoted, indented as the container needs), or undefined when it cannot be written
   * there exactly; the caller then leaves that fix unapplied.
   */
  sourceEdit(edit: TextEdit): TextEdit | undefined;
}

/** How a container writes decoded text back. */
export interface Codec {
  /** `decoded` as the container spells it, or undefined when this container cannot hold it in place. */
  encode(decoded: string): string | undefined;
  /** Markup inside a replaced range (HTML tags) is kept, not deleted, so the markup stays balanced. */
  keepsMarkup: boolean;
}

/** A reply that is the file itself, or a slice of it copied as is (a `.reply` file, a Markdown section). */
export class VerbatimText implements EmbeddedText {
  constructor(
    readonly text: string,
    private readonly origin = 0,
  ) {}

  sourceRange(start: number, end: number): SourceRange {
    return { start: this.origin + start, end: this.origin + Math.max(start, end) };
  }

  sourceEdit(edit: TextEdit): TextEdit {
    return { start: this.origin + edit.start, end: this.origin + edit.end, text: edit.text };
  }
}

/** Decoded text with its offset map and the codec that writes it back. */
export class DecodedText implements EmbeddedText {
  constructor(
    readonly text: string,
    private readonly map: PiecewiseOffsetMap,
    /** the text the map's source offsets point into */
    private readonly source: string,
    private readonly codec: Codec,
  ) {}

  sourceRange(start: number, end: number): SourceRange {
    if (end <= start) {
      const at = this.map.toSource(start);
      return { start: at, end: at };
    }
    return { start: this.map.toSource(start), end: this.map.toSourceEnd(end) };
  }

  sourceEdit(edit: TextEdit): TextEdit | undefined {
    const widened = this.map.widen(edit.start, edit.end);
    const replacement = this.text.slice(widened.start, edit.start) + edit.text + this.text.slice(edit.end, widened.end);
    const range = this.sourceRange(widened.start, widened.end);
    const encoded = this.codec.encode(replacement);
    if (encoded === undefined) return undefined;
    // Tags inside the range stay, ahead of the new words: "As <b>I said, you</b>" → "<b>You</b>".
    const markup = this.codec.keepsMarkup
      ? this.map
          .gapsWithin(range.start, range.end)
          .map(([start, end]) => this.source.slice(start, end))
          .join('')
      : '';
    return { start: range.start, end: range.end, text: markup + encoded };
  }
}

/**
 * Text decoded twice, as HTML inside a JSON string: `inner` maps the reply into the
 * JSON-decoded HTML, `outer` maps that HTML into the file.
 */
export class LayeredText implements EmbeddedText {
  constructor(
    private readonly inner: EmbeddedText,
    private readonly outer: EmbeddedText,
  ) {}

  get text(): string {
    return this.inner.text;
  }

  sourceRange(start: number, end: number): SourceRange {
    const middle = this.inner.sourceRange(start, end);
    return this.outer.sourceRange(middle.start, middle.end);
  }

  sourceEdit(edit: TextEdit): TextEdit | undefined {
    const middle = this.inner.sourceEdit(edit);
    return middle && this.outer.sourceEdit(middle);
  }
}

import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../shared/index';
import { PiecewiseOffsetMap } from '../../shared/text/offsetMap';

describe('LineIndex: offsets to LSP positions in UTF-16 code units', () => {
  it('counts an emoji as two code units and CRLF as one line break', () => {
    const text = 'Hi 👋 Sam,\r\n\r\nYou should have cleared it.';
    const index = new LineIndex(text);
    const offset = text.indexOf('You');
    expect(index.positionAt(text.indexOf('Sam'))).toEqual({ line: 0, character: 6 });
    expect(index.positionAt(offset)).toEqual({ line: 2, character: 0 });
    expect(index.offsetAt({ line: 2, character: 0 })).toBe(offset);
    expect(index.lineCount).toBe(3);
  });

  it('treats a lone CR as a line break and keeps tabs as one unit', () => {
    const text = 'one\rtwo\n\tthree';
    const index = new LineIndex(text);
    expect(index.positionAt(text.indexOf('two'))).toEqual({ line: 1, character: 0 });
    expect(index.positionAt(text.indexOf('three'))).toEqual({ line: 2, character: 1 });
  });

  it('clamps positions past the end of a line to the line end, before its break', () => {
    const index = new LineIndex('ab\r\ncd');
    expect(index.offsetAt({ line: 0, character: 99 })).toBe(2);
    expect(index.offsetAt({ line: 9, character: 0 })).toBe(6);
  });
});

describe('PiecewiseOffsetMap: decoded text back to its file', () => {
  it('maps through a JSON escape', () => {
    // file: "Hi\nthere" inside a JSON string starting at offset 10; \n is two source characters
    const map = new PiecewiseOffsetMap();
    map.addVerbatim(10, 2); // "Hi"
    map.addEscape(12, 14, 1); // "\n"
    map.addVerbatim(14, 5); // "there"
    expect(map.toSource(0)).toBe(10);
    expect(map.toSource(2)).toBe(12);
    expect(map.toSource(3)).toBe(14);
    expect(map.toSource(8)).toBe(19);
  });
});

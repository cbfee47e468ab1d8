import { describe, expect, it } from 'vitest';
import { PiecewiseOffsetMap } from '../../shared/text/offsetMap';

/** `<b>Hi</b> &amp; you`: decoded "Hi & you"; the tags are gaps, the entity an escape. */
function htmlLikeMap(): PiecewiseOffsetMap {
  const map = new PiecewiseOffsetMap();
  map.addVerbatim(3, 2); // "Hi" after "<b>"
  map.addVerbatim(9, 1); // " " after "</b>"
  map.addEscape(10, 15, 1); // "&amp;" → "&"
  map.addVerbatim(15, 4); // " you"
  return map;
}

describe('PiecewiseOffsetMap: the two ends of a range', () => {
  it('puts a start after markup and an end before it, so a range never takes in a tag at its edges', () => {
    const map = htmlLikeMap();
    // "Hi" is decoded [0, 2): source [3, 5), not [3, 9) with the closing tag.
    expect([map.toSource(0), map.toSourceEnd(2)]).toEqual([3, 5]);
    // " " starts after "</b>".
    expect(map.toSource(2)).toBe(9);
  });

  it('maps a range that ends or starts inside an escape to the whole escape', () => {
    const map = new PiecewiseOffsetMap();
    map.addVerbatim(0, 2); // "ab"
    map.addEscape(2, 11, 2); // "&#128075;" → "👋" (two UTF-16 units)
    map.addVerbatim(11, 2); // "cd"
    expect(map.toSourceEnd(3)).toBe(11);
    expect(map.toSource(3)).toBe(2);
    expect(map.widen(3, 3)).toEqual({ start: 2, end: 4 });
    expect(map.widen(1, 3)).toEqual({ start: 1, end: 4 });
    expect(map.widen(0, 2)).toEqual({ start: 0, end: 2 });
  });

  it('lists the markup inside a source range, in order', () => {
    expect(htmlLikeMap().gapsWithin(3, 19)).toEqual([[5, 9]]);
    expect(htmlLikeMap().gapsWithin(0, 19)).toEqual([
      [0, 3],
      [5, 9],
    ]);
  });

  it('places an empty decoded text where it sits in the source', () => {
    const map = new PiecewiseOffsetMap(7);
    expect([map.toSource(0), map.toSourceEnd(0), map.length]).toEqual([7, 7, 0]);
  });
});

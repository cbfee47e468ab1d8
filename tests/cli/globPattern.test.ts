// The small glob matcher the CLI uses instead of a dependency (Node 20 has no fs.globSync).
import { describe, expect, it } from 'vitest';
import { globMatcher, isGlob, splitGlob } from '../../server/cli/globPattern';

const matches = (pattern: string, path: string) => {
  const { rest } = splitGlob(pattern);
  return globMatcher(rest)(path);
};

describe('glob patterns', () => {
  it('tells a glob from a plain path', () => {
    expect(isGlob('macros/*.reply')).toBe(true);
    expect(isGlob('macros/a?.reply')).toBe(true);
    expect(isGlob('macros/welcome.reply')).toBe(false);
  });

  it('walks from the leading folders that have no wildcard', () => {
    expect(splitGlob('macros/social/**/*.reply')).toEqual({ base: 'macros/social', rest: ['**', '*.reply'] });
    expect(splitGlob('*.reply')).toEqual({ base: '.', rest: ['*.reply'] });
    expect(splitGlob('/srv/replies/*.reply')).toEqual({ base: '/srv/replies', rest: ['*.reply'] });
  });

  it.each([
    ['*.reply', 'a.reply', true],
    ['*.reply', 'sub/a.reply', false],
    ['**/*.reply', 'a.reply', true],
    ['**/*.reply', 'x/y/z/a.reply', true],
    ['**/*.reply', 'x/a.txt', false],
    ['x/**/a.reply', 'x/a.reply', true],
    ['x/**', 'x/y/z.txt', true],
    ['a?.reply', 'ab.reply', true],
    ['a?.reply', 'a.reply', false],
    ['a?.reply', 'a/.reply', false],
    ['*.reply', '.hidden.reply', false],
    ['**/*.reply', '.git/a.reply', false],
    ['a+b(*).reply', 'a+b(1).reply', true], // regular-expression characters are literal
    ['a+b(*).reply', 'aab(1).reply', false],
    ['[draft]*.reply', '[draft] welcome.reply', true],
  ])('%s against %s → %s', (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });
});

import picomatch from 'picomatch';

/**
 * Globs of rule files (`overrides[].files`, `ignorePatterns`), matched against paths relative to
 * the folder of the rule file that declares them, written with "/". A glob with no "/" matches a
 * file name at any depth ("*.csv"), as in .gitignore.
 */
export function globMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  // The same lists come back for every file a rule file governs: compile each once.
  const known = compiled.get(globs);
  if (known) return known;
  const matchers = globs.map((glob) => {
    const normalised = glob.replace(/^\.\//, '').replace(/\/$/, '/**');
    return picomatch(normalised, { dot: true, basename: !normalised.includes('/') });
  });
  const matcher = (relativePath: string) => matchers.some((matches) => matches(relativePath));
  compiled.set(globs, matcher);
  return matcher;
}

const compiled = new WeakMap<readonly string[], (relativePath: string) => boolean>();

/**
 * What is wrong with a glob, in words, or undefined. picomatch reads almost anything, and an
 * unclosed "{" silently matches nothing: a team lead would never learn why an override does not apply.
 */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'a glob must not be empty';
  if (glob.includes('\\')) return `"${glob}" has a "\\"; globs use "/" between folders on every system`;
  if (/^\/|^[A-Za-z]:/.test(glob)) return `"${glob}" is absolute; globs are relative to the rule file's folder`;
  if (glob.split('/').includes('..')) return `"${glob}" leaves the rule file's folder; put the setting in a rule file higher up`;
  const closers: string[] = [];
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  for (const char of glob) {
    if (pairs[char]) closers.push(pairs[char]);
    else if (char === '}' || char === ']' || char === ')') {
      if (closers.pop() !== char) return `"${glob}" has a "${char}" with no opening bracket before it`;
    }
  }
  if (closers.length > 0) return `"${glob}" opens a bracket it never closes (missing "${closers[closers.length - 1]}")`;
  return undefined;
}

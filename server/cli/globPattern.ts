/**
 * The few glob forms a CI line needs: `*` (any characters within one path segment),
 * `?` (one character), and `**` as a whole segment (any number of folders, none too).
 * Node 20 has no `fs.globSync`, and a dependency for this is not worth it.
 * Like most shells, `*` and `?` do not match a leading dot: hidden files stay hidden.
 */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * Splits a pattern into the folder to start walking from (its leading segments with
 * no wildcard) and the rest, which is matched against paths relative to that folder.
 * Segments are separated by `/` (and `\` on Windows).
 */
export function splitGlob(pattern: string, separators = /\//): { base: string; rest: string[] } {
  const segments = pattern.split(separators);
  let firstWild = segments.findIndex(isGlob);
  if (firstWild < 0) firstWild = segments.length;
  const baseSegments = segments.slice(0, firstWild);
  const base = baseSegments.join('/') || (pattern.startsWith('/') ? '/' : '.');
  return { base, rest: segments.slice(firstWild).filter((segment) => segment !== '') };
}

/** A matcher for paths relative to the glob's base, written with `/` separators. */
export function globMatcher(rest: string[]): (relativePath: string) => boolean {
  let source = '';
  rest.forEach((segment, i) => {
    const last = i === rest.length - 1;
    if (segment === '**') {
      // Zero or more folders that are not hidden; as the last segment, any non-hidden path.
      source += last ? '(?!\\.)[^/]*(?:/(?!\\.)[^/]*)*' : '(?:(?!\\.)[^/]+/)*';
      return;
    }
    source += segmentSource(segment) + (last ? '' : '/');
  });
  const regex = new RegExp(`^${source}$`);
  return (relativePath) => regex.test(relativePath);
}

function segmentSource(segment: string): string {
  const hideDotFiles = segment.startsWith('*') || segment.startsWith('?') ? '(?!\\.)' : '';
  let source = hideDotFiles;
  for (const char of segment.replace(/\*{2,}/g, '*')) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return source;
}

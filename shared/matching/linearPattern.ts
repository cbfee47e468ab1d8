import { RE2JS } from 're2js';

/**
 * A team's regular expression, run by RE2 (re2js): matching time grows linearly with the text
 * whatever the pattern, so `(a+)+$` on a megabyte line costs what any pattern does. A rule file
 * is untrusted data; JavaScript's backtracking RegExp would let one line of it freeze the editor.
 * RE2 has no look-around and no back-references: a pattern using them is refused when the rule
 * file is read, with the engine's own reason.
 */
export class LinearPattern {
  private readonly compiled: RE2JS;

  constructor(readonly source: string) {
    this.compiled = RE2JS.compile(source);
  }

  /** Non-empty, non-overlapping matches in [from, to) of `text`, as offsets into `text`. */
  *matches(text: string, from = 0, to = text.length): Generator<{ start: number; end: number }> {
    const matcher = this.compiled.matcher(text.slice(from, to));
    while (matcher.find()) {
      const start = matcher.start();
      const end = matcher.end();
      if (end > start) yield { start: from + start, end: from + end };
    }
  }
}

/** Why RE2 refuses `source`, or undefined when it compiles. */
export function linearPatternProblem(source: string): string | undefined {
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    const message = (error as Error).message.replace(/^error parsing regexp: /, '');
    return `the pattern is not a regular expression this engine runs (${message}); patterns use RE2 syntax: no look-around, no back-references`;
  }
}

import type { Finding, Linter } from '../../shared';
import { keepLineEndings, type DecodedReply } from './replyEncoding';

export interface LintedReply {
  /** the text the findings point into: the fixed text when fixes applied */
  text: string;
  findings: Finding[];
  /** set only when fixing changed the text */
  output?: string;
}

/**
 * Lints one decoded reply, first applying every safe fix when asked. What is
 * reported after a fix is what is left in the fixed text, as ESLint does.
 */
export function lintReply(reply: DecodedReply, linter: Linter, fix: boolean): LintedReply {
  if (fix) {
    const fixed = keepLineEndings(linter.fixAll(reply.text).text, reply);
    if (fixed !== reply.text) return { text: fixed, findings: linter.lint(fixed).findings, output: fixed };
  }
  return { text: reply.text, findings: linter.lint(reply.text).findings };
}

import type { Severity } from '../rules/ruleDefinition';

/** A change to the linted text, in UTF-16 offsets: replace [start, end) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Suggestion {
  /** what the writer sees in the quick-fix menu */
  title: string;
  edits: TextEdit[];
}

export type FindingSeverity = Exclude<Severity, 'off'>;

export interface Finding {
  ruleId: string;
  severity: FindingSeverity;
  message: string;
  /** flagged range in the linted text */
  start: number;
  end: number;
  /** safe to apply unattended (fix-all, --fix, the preferred quick fix) */
  fix?: Suggestion;
  /** tone rewrites, offered one at a time, never applied unattended */
  suggestions: Suggestion[];
}

export interface LintResult {
  findings: Finding[];
}

/**
 * What a reply says about itself and where it goes: from its front matter, else from the
 * configuration (a rule file's `platform:`, a macro library's help desk).
 */
export interface ReplyContext {
  platform?: string;
  channel?: string;
  locale?: string;
}

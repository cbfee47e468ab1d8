import type { DocumentFormat } from '../formats/replyDocument';
import type { RuleDefinition, Severity } from '../rules/ruleDefinition';

/** A rule's setting in a rule file: a severity, or a severity with options. */
export type RuleSetting = Severity | { severity?: Severity; options?: Record<string, unknown> };

/** Configuration after rule files, presets and editor settings are merged, for one document. */
export type Preset = 'recommended' | 'strict';
export const PRESETS: readonly Preset[] = ['recommended', 'strict'];

export interface LintConfig {
  /** `strict` adds the milder forms that `recommended` leaves alone; default `recommended` */
  preset?: Preset;
  /** severity per rule id; rules not named keep the severity of their preset */
  rules?: Record<string, RuleSetting>;
  /** the team's own rules, in the same shape as the built-ins */
  custom?: RuleDefinition[];
  /** words and phrases never flagged */
  accept?: string[];
  /** the help desk of the replies (a reply's front matter wins): its placeholder dialect */
  platform?: string;
  /** where the replies are sent (a reply's front matter wins): email, chat, social, sms */
  channel?: string;
  /** how a file holds its replies, when a rule file says it over what its name and content say */
  format?: DocumentFormat;
}

export function settingOptions(setting: RuleSetting | undefined): Record<string, unknown> | undefined {
  return typeof setting === 'object' ? setting.options : undefined;
}

export function settingSeverity(setting: RuleSetting | undefined): Severity | undefined {
  if (setting === undefined) return undefined;
  return typeof setting === 'string' ? setting : setting.severity;
}

/**
 * The pure lint engine: no editor, no protocol, no file system. The language server,
 * the CLI and the tests are thin adapters over these exports.
 */
import type { LintConfig } from './config/lintConfig';
import { Linter } from './engine/linter';
import type { LintResult } from './engine/types';

export { Linter } from './engine/linter';
export type { Finding, FindingSeverity, LintResult, ReplyContext, Suggestion, TextEdit } from './engine/types';
export { applyEditGroups } from './engine/edits';
export { fixCapabilities } from './engine/ruleKinds';
export { LineIndex, type Position } from './text/lineIndex';
export { segmentReply, type ReplyStructure } from './reply/segmentReply';
export { NO_RULE_ID, MAX_FRONT_MATTER_LENGTH, type FrontMatter } from './reply/frontMatter';
export { builtinRules, findBuiltinRule } from './rules/builtinRules';
export type { RuleDefinition, Severity } from './rules/ruleDefinition';
export { checkRuleDefinition, SEVERITIES } from './rules/ruleDefinition';
export type { LintConfig, Preset, RuleSetting } from './config/lintConfig';
export { PRESETS } from './config/lintConfig';
export { closestRuleId } from './config/closestRuleId';
export {
  detectFormat,
  formatOfFileName,
  isLintedLibrary,
  readDocument,
  DOCUMENT_FORMATS,
  type DocumentFormat,
  type DocumentProblem,
  type ReplyDocument,
  type ReplyItem,
} from './formats/replyDocument';
export { lintDocument, lintDocumentWithProblems, documentFindings, replyContext, problemFindings, withProblems, fixDocument, type DocumentFinding, type FixOptions, type ItemRef } from './formats/lintDocument';
export type { Platform } from './formats/macroShapes';
export { placeholderPlatforms, placeholdersFor, type PlatformPlaceholders, type PlatformVariable } from './placeholders/platformPlaceholders';

const linters = new Map<string, Linter>();

/**
 * Lints one reply with a configuration. Compiled configurations are cached by value,
 * so calling this per keystroke costs the match, not the compile.
 */
export function lint(text: string, options: { config?: LintConfig; filePath?: string } = {}): LintResult {
  return linterFor(options.config ?? {}).lint(text);
}

export function linterFor(config: LintConfig): Linter {
  // The same configuration object comes back on every keystroke: no need to serialise a team's
  // (possibly large) rule file each time to find its linter.
  const known = lintersByIdentity.get(config);
  if (known) return known;
  const key = JSON.stringify(config);
  let linter = linters.get(key);
  if (!linter) {
    if (linters.size > 50) linters.clear();
    linter = new Linter(config);
    linters.set(key, linter);
  }
  lintersByIdentity.set(config, linter);
  return linter;
}

const lintersByIdentity = new WeakMap<LintConfig, Linter>();

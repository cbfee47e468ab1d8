import type { DocumentFormat } from '../formats/replyDocument';
import { globMatcher } from './globs';
import { settingSeverity, type LintConfig, type Preset, type RuleSetting } from './lintConfig';
import type { RuleFileData } from './ruleFile';
import type { RuleDefinition } from '../rules/ruleDefinition';
import type { ValuePath } from './sourceTree';

/**
 * One step of a cascade, farthest first: a preset named in `extends`, or a rule file's data.
 * Globs of a layer are read against `relativePath`: the linted file's path relative to the
 * folder the globs are relative to, with "/"; undefined when the file is outside that folder.
 */
export interface ConfigLayer {
  source: string;
  preset?: Preset;
  data?: RuleFileData;
  relativePath?: string;
}

/** What a file is linted with, after every rule file above it, and what it came from. */
export interface EffectiveConfig {
  preset: Preset;
  rules: Record<string, RuleSetting>;
  custom: RuleDefinition[];
  accept: string[];
  platform?: string;
  channel?: string;
  format?: DocumentFormat;
  /** an `ignorePatterns` glob matches the file: it is not linted */
  ignored: boolean;
  /** the rule files that applied, farthest first */
  ruleFiles: string[];
}

/**
 * Merges layers as ESLint's cascade does: later (nearer) layers win; within a layer, its
 * `overrides` that match the file come after its own settings, in order. Rules merge per id
 * (a severity alone keeps the options set above), custom rules per id, `accept` adds up.
 */
export function mergeLayers(layers: readonly ConfigLayer[]): EffectiveConfig {
  const effective: EffectiveConfig = { preset: 'recommended', rules: {}, custom: [], accept: [], ignored: false, ruleFiles: [] };
  for (const layer of layers) {
    if (layer.preset) effective.preset = layer.preset;
    const data = layer.data;
    if (!data) continue;
    if (!effective.ruleFiles.includes(layer.source)) effective.ruleFiles.push(layer.source);
    apply(effective, data);
    for (const rule of data.custom ?? []) {
      const at = effective.custom.findIndex((known) => known.id === rule.id);
      if (at >= 0) effective.custom[at] = rule;
      else effective.custom.push(rule);
    }
    const path = layer.relativePath;
    if (path === undefined) continue;
    if (data.ignorePatterns && globMatcher(data.ignorePatterns)(path)) effective.ignored = true;
    for (const override of data.overrides ?? []) {
      if (!globMatcher(override.files)(path)) continue;
      if (override.excludedFiles && globMatcher(override.excludedFiles)(path)) continue;
      apply(effective, override);
    }
  }
  return effective;
}

function apply(effective: EffectiveConfig, settings: Pick<RuleFileData, 'platform' | 'channel' | 'format' | 'rules' | 'accept'>): void {
  if (settings.platform !== undefined) effective.platform = settings.platform;
  if (settings.format !== undefined) effective.format = settings.format;
  if (settings.channel !== undefined) effective.channel = settings.channel;
  for (const [id, setting] of Object.entries(settings.rules ?? {})) effective.rules[id] = mergeSetting(effective.rules[id], setting);
  for (const term of settings.accept ?? []) if (!effective.accept.includes(term)) effective.accept.push(term);
}

function mergeSetting(above: RuleSetting | undefined, here: RuleSetting): RuleSetting {
  const options = typeof above === 'object' ? above.options : undefined;
  if (typeof here === 'string') return options ? { severity: here, options } : here;
  const severity = here.severity ?? settingSeverity(above);
  const merged: RuleSetting = {};
  if (severity) merged.severity = severity;
  if (here.options ?? options) merged.options = here.options ?? options;
  return merged;
}

/** The engine's configuration for an effective config. */
export function toLintConfig(effective: EffectiveConfig): LintConfig {
  const config: LintConfig = { preset: effective.preset, rules: effective.rules };
  if (effective.custom.length > 0) config.custom = effective.custom;
  if (effective.accept.length > 0) config.accept = effective.accept;
  if (effective.platform) config.platform = effective.platform;
  if (effective.channel) config.channel = effective.channel;
  if (effective.format) config.format = effective.format;
  return config;
}

/** Rule ids a rule file sets that no built-in or custom rule of its cascade has. */
export function unknownRuleIdsIn(data: RuleFileData, known: ReadonlySet<string>): Array<{ path: ValuePath; id: string }> {
  const unknown: Array<{ path: ValuePath; id: string }> = [];
  for (const id of Object.keys(data.rules ?? {})) if (!known.has(id)) unknown.push({ path: ['rules', id], id });
  data.overrides?.forEach((override, i) => {
    for (const id of Object.keys(override.rules ?? {})) if (!known.has(id)) unknown.push({ path: ['overrides', i, 'rules', id], id });
  });
  return unknown;
}

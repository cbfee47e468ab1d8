import { PRESETS, SEVERITIES, type LintConfig, type Preset, type Severity } from '../../shared/index';

/**
 * The `replylint` settings contract (package.json `contributes.configuration`), as the
 * server sees it after normalising: every field present, every value valid.
 */
export interface ReplylintSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** the built-in preset: `strict` adds the opt-in rules and milder forms */
  preset: Preset;
  /** severity per rule id, on top of the rule's own */
  rules: Record<string, Severity>;
  /** the help desk of replies whose front matter names none ('' for none): placeholder completion */
  platform: string;
  /** milliseconds to wait after a keystroke before linting; 0 lints at once while lints stay fast */
  lintDelay: number;
}

export const DEFAULT_SETTINGS: Readonly<ReplylintSettings> = Object.freeze({
  enable: true,
  run: 'onType',
  preset: 'recommended',
  rules: {},
  platform: '',
  lintDelay: 0,
});

/** The longest wait `replylint.lintDelay` may ask for. */
export const MAX_LINT_DELAY_MS = 5000;

/** The help desks BRIEF §3 names, as `platform:` in front matter and `replylint.platform`. */
export const PLATFORMS = ['zendesk', 'freshdesk', 'helpscout', 'intercom', 'front', 'gorgias', 'zoho', 'plain'] as const;

/**
 * Turns whatever a client sent (null, a partial object, a typo'd severity) into complete
 * settings. Invalid values fall back to the default instead of failing, because a bad
 * user setting must not silence the linter; `problems` says what was ignored so it can be logged.
 */
export function normaliseSettings(raw: unknown): { settings: ReplylintSettings; problems: string[] } {
  const problems: string[] = [];
  const value = isRecord(raw) ? raw : {};
  let enable = DEFAULT_SETTINGS.enable;
  if (typeof value.enable === 'boolean') enable = value.enable;
  else if (value.enable !== undefined) problems.push(`replylint.enable must be true or false; using ${enable}`);

  let run = DEFAULT_SETTINGS.run;
  if (value.run === 'onType' || value.run === 'onSave') run = value.run;
  else if (value.run !== undefined) problems.push(`replylint.run must be "onType" or "onSave"; using "${run}"`);

  let preset = DEFAULT_SETTINGS.preset;
  if (PRESETS.includes(value.preset as Preset)) preset = value.preset as Preset;
  else if (value.preset !== undefined && value.preset !== null) {
    problems.push(`replylint.preset must be one of ${PRESETS.join(', ')}; using "${preset}"`);
  }

  const rules: Record<string, Severity> = {};
  if (isRecord(value.rules)) {
    for (const [id, severity] of Object.entries(value.rules)) {
      if (SEVERITIES.includes(severity as Severity)) rules[id] = severity as Severity;
      else problems.push(`replylint.rules["${id}"] must be one of ${SEVERITIES.join(', ')}; ignoring it`);
    }
  } else if (value.rules !== undefined && value.rules !== null) {
    problems.push('replylint.rules must map rule ids to a severity; ignoring it');
  }
  let platform = DEFAULT_SETTINGS.platform;
  if (value.platform === '' || PLATFORMS.includes(value.platform as (typeof PLATFORMS)[number])) platform = value.platform as string;
  else if (value.platform !== undefined && value.platform !== null) {
    problems.push(`replylint.platform must be one of ${PLATFORMS.join(', ')}; ignoring "${String(value.platform)}"`);
  }
  let lintDelay = DEFAULT_SETTINGS.lintDelay;
  if (typeof value.lintDelay === 'number' && Number.isFinite(value.lintDelay) && value.lintDelay >= 0 && value.lintDelay <= MAX_LINT_DELAY_MS) {
    lintDelay = value.lintDelay;
  } else if (value.lintDelay !== undefined && value.lintDelay !== null) {
    problems.push(`replylint.lintDelay must be a number of milliseconds from 0 to ${MAX_LINT_DELAY_MS}; using ${lintDelay}`);
  }
  return { settings: { enable, run, preset, rules, platform, lintDelay }, problems };
}

/**
 * The engine configuration of a document: the team's rule files, then the editor's settings
 * over them: \`replylint.rules\` win (a writer's own choice on their machine), \`strict\` from either
 * side turns strict on, and \`replylint.platform\` stands in only where the rule files name none.
 */
export function lintConfigFor(settings: ReplylintSettings, ruleFiles?: LintConfig): LintConfig {
  // One object per (settings, rule files) pair, so the linter for it is found by identity.
  const perSettings = mergedConfigs.get(settings) ?? new WeakMap<LintConfig | typeof NO_RULE_FILES, LintConfig>();
  mergedConfigs.set(settings, perSettings);
  const known = perSettings.get(ruleFiles ?? NO_RULE_FILES);
  if (known) return known;
  const merged = mergeConfig(settings, ruleFiles);
  perSettings.set(ruleFiles ?? NO_RULE_FILES, merged);
  return merged;
}

const NO_RULE_FILES = {};
const mergedConfigs = new WeakMap<ReplylintSettings, WeakMap<LintConfig | typeof NO_RULE_FILES, LintConfig>>();

function mergeConfig(settings: ReplylintSettings, ruleFiles?: LintConfig): LintConfig {
  const platform = ruleFiles?.platform ?? (settings.platform || undefined);
  return {
    ...ruleFiles,
    preset: settings.preset === 'strict' || ruleFiles?.preset === 'strict' ? 'strict' : settings.preset,
    rules: { ...(ruleFiles?.rules ?? {}), ...settings.rules },
    ...(platform ? { platform } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

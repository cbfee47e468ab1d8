import { basename, resolve } from 'node:path';
import { builtinRules, linterFor, type LintConfig, type Linter, type Severity } from '../../shared';
import { settingSeverity } from '../../shared/config/lintConfig';
import { formatConfigError, RuleFileResolver, type ConfigError } from '../config/ruleFileResolver';
import type { CliOptions } from './cliOptions';
import { terminalText } from './terminalText';

const RULE_FILE_NAME = /(?:^|\.)replylint\.(?:ya?ml|json)$/i;

/** The linter for one file, or why it is not linted. */
export type FileLinter = { linter: Linter; config: LintConfig } | { ignored: true } | { broken: true };

/**
 * Rule files for one CLI run: each linted file gets the cascade above it, then `--config`,
 * then `--rule` and `--quiet`. A rule file with a problem stops the files it governs from
 * being linted (their findings would not be the team's) and is reported once, as
 * path:line:col, so the run exits 2.
 */
export class CliRuleFiles {
  private readonly resolver: RuleFileResolver;
  private readonly reported = new Set<string>();
  private readonly dependencies = new Set<string>();

  constructor(
    private readonly options: CliOptions,
    private readonly cwd: string,
    private readonly report: (line: string) => void,
  ) {
    this.resolver = new RuleFileResolver({ lookup: options.configLookup, explicitFile: options.config, cwd, keepLastGood: false });
  }

  linterFor(filePath: string): FileLinter {
    const resolved = this.resolver.resolve(filePath);
    for (const file of resolved.dependencies) this.dependencies.add(file);
    if (resolved.errors.length > 0) {
      this.reportErrors(resolved.errors);
      return { broken: true };
    }
    if (resolved.effective.ignored) return { ignored: true };
    const config = withCommandLine(resolved.lintConfig, this.options);
    return { linter: linterFor(config), config };
  }

  /**
   * Whether a file a folder search found is a rule file: named like one (`.replylint.yaml`,
   * `team.replylint.yaml`), or read as one for a file linted before it.
   */
  isRuleFile(filePath: string): boolean {
    return RULE_FILE_NAME.test(basename(filePath)) || this.dependencies.has(filePath);
  }

  private reportErrors(errors: ConfigError[]): void {
    for (const error of errors) {
      const line = terminalText(formatConfigError(error, this.cwd));
      if (this.reported.has(line)) continue;
      this.reported.add(line);
      this.report(line);
    }
  }
}

/**
 * `--preset` and `--rule` win over rule files. `--quiet` turns off every rule that is not at error
 * level, as ESLint 9 does: their findings, fixes and warning counts all vanish.
 */
export function withCommandLine(config: LintConfig, options: Pick<CliOptions, 'ruleSeverities' | 'quiet' | 'preset'>): LintConfig {
  const preset = options.preset ?? config.preset;
  const rules = { ...(config.rules ?? {}), ...options.ruleSeverities };
  if (options.quiet) {
    for (const rule of [...builtinRules(), ...(config.custom ?? [])]) {
      const severity: Severity = settingSeverity(rules[rule.id]) ?? defaultSeverity(rule, preset);
      rules[rule.id] = severity === 'error' ? 'error' : 'off';
    }
  }
  return { ...config, ...(preset ? { preset } : {}), rules };
}

/** A rule's severity when nothing names it: off for an opt-in rule outside the strict preset. */
function defaultSeverity(rule: { severity?: Severity; preset?: string }, preset: string | undefined): Severity {
  return rule.preset === 'strict' && preset !== 'strict' ? 'off' : rule.severity ?? 'warning';
}

/** `--print-config FILE`: what FILE is linted with, and where each part came from. Exit 2 on a broken rule file. */
export function printConfig(options: CliOptions, cwd: string, out: (text: string) => void, err: (text: string) => void): number {
  const file = resolve(cwd, options.printConfig ?? '.');
  const resolver = new RuleFileResolver({ lookup: options.configLookup, explicitFile: options.config, cwd, keepLastGood: false });
  const resolved = resolver.resolve(file);
  if (resolved.errors.length > 0) {
    for (const error of resolved.errors) err(`${terminalText(formatConfigError(error, cwd))}\n`);
    return 2;
  }
  const config = withCommandLine(resolved.lintConfig, options);
  const rules: Record<string, unknown> = {};
  for (const rule of [...builtinRules(), ...(config.custom ?? [])]) {
    const setting = config.rules?.[rule.id];
    const severity = settingSeverity(setting) ?? defaultSeverity(rule, config.preset);
    rules[rule.id] = typeof setting === 'object' && setting.options ? { severity, options: setting.options } : severity;
  }
  const shown = {
    file,
    ruleFiles: resolved.effective.ruleFiles,
    ignored: resolved.effective.ignored,
    preset: config.preset ?? resolved.effective.preset,
    platform: resolved.effective.platform ?? null,
    channel: resolved.effective.channel ?? null,
    rules,
    accept: resolved.effective.accept,
    custom: resolved.effective.custom,
  };
  out(`${JSON.stringify(shown, null, 2)}\n`);
  return 0;
}

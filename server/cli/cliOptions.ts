import { parseArgs } from 'node:util';
import { DEFAULT_BASELINE_NAME } from '../config/baselineFile';
import { builtinRules, PRESETS, SEVERITIES, type Preset, type Severity } from '../../shared';

/** A mistake on the command line: reported with a hint to `--help`, exit code 2. */
export class UsageError extends Error {}

export type OutputFormat = 'stylish' | 'json' | 'sarif' | 'github' | 'junit' | 'diff';
const FORMATS: readonly OutputFormat[] = ['stylish', 'json', 'sarif', 'github', 'junit', 'diff'];

export interface CliOptions {
  action: 'lint' | 'help' | 'version' | 'list-rules' | 'print-config' | 'test-rules' | 'init';
  patterns: string[];
  format: OutputFormat;
  fix: boolean;
  fixDryRun: boolean;
  /** undefined: any number of warnings passes */
  maxWarnings?: number;
  quiet: boolean;
  /** `--preset`: strict adds the opt-in rules and milder forms; wins over the rule files' preset */
  preset?: Preset;
  /** severities from `--rule`, applied over each rule's default */
  ruleSeverities: Record<string, Severity>;
  stdin: boolean;
  stdinFilename?: string;
  outputFile?: string;
  /** --config FILE: a rule file applied over the ones found */
  config?: string;
  /** false with --no-config-lookup: no rule files are looked for */
  configLookup: boolean;
  /** --print-config FILE: the file whose effective configuration is printed */
  printConfig?: string;
  /** --baseline FILE: findings the team accepted, not reported */
  baseline?: string;
  /** --update-baseline: record every finding in the baseline instead of reporting it */
  updateBaseline: boolean;
  /** `replylint test-rules [config]`: the rule file whose rules' examples are run (default: those found from here) */
  testRulesConfig?: string;
  /** --cache: reuse the outcome of files whose content and configuration did not change */
  cache: boolean;
  /** --cache-location: the cache file, or a folder to keep `.replylintcache` in */
  cacheLocation?: string;
  /** --concurrency: worker threads linting files at once; 'auto' sizes it to the cores and files */
  concurrency: number | 'auto';
  /** --shard i/n: lint only the i-th of n equal parts of the files (i from 1) */
  shard?: { index: number; count: number };
}

const OPTION_SPEC = {
  format: { type: 'string', short: 'f' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  preset: { type: 'string' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'output-file': { type: 'string', short: 'o' },
  'list-rules': { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string', short: 'c' },
  baseline: { type: 'string' },
  init: { type: 'boolean' },
  'print-config': { type: 'string' },
  'no-config-lookup': { type: 'boolean' },
  'update-baseline': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
} as const;

export function parseCliOptions(args: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTION_SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  let { positionals } = parsed;
  // `replylint test-rules [rule file]`: a subcommand, as `./test-rules` still names a folder
  const testRules = positionals[0] === 'test-rules';
  if (testRules) {
    if (positionals.length > 2) throw new UsageError(`test-rules takes one rule file at most; got ${positionals.slice(1).join(' ')}`);
    positionals = [];
  }
  const format = values.format ?? 'stylish';
  if (!FORMATS.includes(format as OutputFormat)) {
    throw new UsageError(`unknown --format "${format}"; use one of ${FORMATS.join(', ')}`);
  }
  if (values.fix && values['fix-dry-run']) throw new UsageError('use --fix or --fix-dry-run, not both');
  if (values.stdin && values.fix) {
    throw new UsageError('--fix cannot write back to piped-in text; use --fix-dry-run with --format json to get the output');
  }
  if (values.stdin && positionals.length > 0) {
    throw new UsageError(`--stdin lints the piped-in text; remove the paths (${positionals.join(' ')}) or --stdin`);
  }
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename needs --stdin');
  if (values['output-file'] === '') throw new UsageError('--output-file needs a file name');
  if (values.baseline === '') throw new UsageError('--baseline needs a file name');
  if (values['update-baseline'] && values.stdin) throw new UsageError('--update-baseline records the findings of files; it cannot take piped-in text');
  if (values.config === '') throw new UsageError('--config needs a rule file name');
  if (values['print-config'] === '') throw new UsageError('--print-config needs the name of a file to show the configuration of');
  if (values.preset !== undefined && !PRESETS.includes(values.preset as Preset)) {
    throw new UsageError(`unknown --preset "${values.preset}"; use one of ${PRESETS.join(', ')}`);
  }

  return {
    action: values.help
      ? 'help'
      : values.version
        ? 'version'
        : values['list-rules']
          ? 'list-rules'
          : values['print-config'] !== undefined
            ? 'print-config'
            : testRules
              ? 'test-rules'
              : values.init
                ? 'init'
                : 'lint',
    patterns: positionals.length > 0 ? positionals : ['.'],
    format: format as OutputFormat,
    fix: values.fix ?? false,
    // The diff format shows what the fixes change: without --fix it computes them as a dry run.
    fixDryRun: (values['fix-dry-run'] ?? false) || (format === 'diff' && !values.fix),
    maxWarnings: parseMaxWarnings(values['max-warnings']),
    quiet: values.quiet ?? false,
    preset: values.preset as Preset | undefined,
    ruleSeverities: parseRuleSettings(values.rule ?? []),
    stdin: values.stdin ?? false,
    stdinFilename: values['stdin-filename'],
    outputFile: values['output-file'],
    config: values.config,
    configLookup: !values['no-config-lookup'],
    printConfig: values['print-config'],
    cache: values.cache ?? false,
    cacheLocation: values['cache-location'],
    concurrency: parseConcurrency(values.concurrency),
    shard: parseShard(values.shard),
    testRulesConfig: testRules ? parsed.positionals[1] : undefined,
    baseline: values.baseline ?? (values['update-baseline'] ? DEFAULT_BASELINE_NAME : undefined),
    updateBaseline: values['update-baseline'] ?? false,
  };
}

function parseConcurrency(value: string | undefined): number | 'auto' {
  if (value === undefined || value.trim() === 'off') return 1;
  if (value.trim() === 'auto') return 'auto';
  if (!/^\d+$/.test(value.trim()) || Number(value.trim()) < 1) throw new UsageError(`--concurrency needs auto, off or a number of threads from 1, not "${value}"`);
  return Number(value.trim());
}

/** `--shard 2/4`: the second of four parts, as CI job matrices number them (from 1). */
function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard needs i/n with 1 ≤ i ≤ n, as in --shard 2/4; got "${value}"`);
  return { index, count };
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // -1 is ESLint's spelling of "no limit"; scripts written for it keep working.
  if (value.trim() === '-1') return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--max-warnings needs a whole number, not "${value}"`);
  return Number(value.trim());
}

/** ESLint's spellings, so muscle memory works: `warn`, and 0 / 1 / 2. */
const SEVERITY_ALIASES: Record<string, Severity> = { warn: 'warning', '0': 'off', '1': 'warning', '2': 'error' };

/** `--rule 'no-blame: off'`, repeatable, and `--rule 'no-blame: off, require-thanks: error'`. */
export function parseRuleSettings(values: string[]): Record<string, Severity> {
  const known = builtinRules().map((rule) => rule.id);
  const settings: Record<string, Severity> = {};
  for (const value of values) {
    for (const pair of value.split(',').filter((part) => part.trim() !== '')) {
      const match = /^\s*([^:\s]+)\s*:\s*(\S+)\s*$/.exec(pair);
      if (!match) throw new UsageError(`--rule expects "rule-id: severity", as in --rule 'no-blame: off'; got "${pair.trim()}"`);
      const [, id, rawSeverity] = match;
      const severity = SEVERITY_ALIASES[rawSeverity.toLowerCase()] ?? (rawSeverity.toLowerCase() as Severity);
      if (!known.includes(id)) {
        const near = closest(id, known);
        throw new UsageError(`unknown rule "${id}" in --rule${near ? `; did you mean "${near}"?` : ''} (replylint --list-rules lists them)`);
      }
      if (!SEVERITIES.includes(severity)) {
        throw new UsageError(`unknown severity "${rawSeverity}" for ${id} in --rule; use one of ${SEVERITIES.join(', ')}`);
      }
      settings[id] = severity;
    }
  }
  return settings;
}

/** The known id a typo most likely meant, if any is close enough to be a typo. */
function closest(id: string, known: string[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(id, candidate);
    if (!best || distance < best.distance) best = { id: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(id.length / 4)) ? best.id : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { builtinRules, LineIndex, type LintConfig } from '../../shared/index';
import { mergeLayers, toLintConfig, unknownRuleIdsIn, type ConfigLayer, type EffectiveConfig } from '../../shared/config/cascade';
import { closestRuleId } from '../../shared/config/closestRuleId';
import { PRESETS, type Preset } from '../../shared/config/lintConfig';
import { parseRuleFile, RULE_FILE_NAMES, type ParsedRuleFile, type RuleFileData } from '../../shared/config/ruleFile';
import type { SourceRange, ValuePath } from '../../shared/config/sourceTree';

/** A problem in a rule file, with the file and a 1-based line and column (UTF-16 code units). */
export interface ConfigError {
  file: string;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** what the text at the range most likely meant, for the editor's quick fix */
  replacement?: string;
}

/** The configuration of one linted file. */
export interface ResolvedConfig {
  effective: EffectiveConfig;
  lintConfig: LintConfig;
  /** problems in any rule file of the cascade: the CLI stops (exit 2); the editor shows them on the rule file */
  errors: ConfigError[];
  /** every file read to make this config (rule files and the files they extend), for watching */
  dependencies: string[];
}

export interface ResolverOptions {
  /** look for rule files from each linted file's folder upward (off: --no-config-lookup) */
  lookup: boolean;
  /** --config FILE: applied over whatever the lookup found; its globs are relative to `cwd` */
  explicitFile?: string;
  cwd: string;
  /**
   * The editor's choice: a rule file with problems keeps contributing what it last said when it
   * had none, so a half-typed edit never changes what replies show. The CLI applies nothing of it.
   */
  keepLastGood: boolean;
  /** the text of a rule file, or undefined when it does not exist; the editor passes unsaved buffers */
  read?: (path: string) => string | undefined;
}

/**
 * Finds, reads and merges rule files for linted files, with caches an edit invalidates. The
 * pure parts (parsing, checking, merging) are in shared/config; this adds the file system.
 */
export class RuleFileResolver {
  private readonly parsed = new Map<string, ParsedRuleFile | null>();
  private readonly lastGood = new Map<string, RuleFileData>();
  private readonly nearest = new Map<string, string | null>();
  private readonly resolved = new Map<string, ResolvedConfig>();
  private readonly read: (path: string) => string | undefined;

  constructor(private readonly options: ResolverOptions) {
    this.read = options.read ?? readRuleFileFromDisk;
  }

  /** A rule file changed, appeared or went away: forget everything that may depend on it. */
  invalidate(): void {
    this.parsed.clear();
    this.nearest.clear();
    this.resolved.clear();
  }

  /** The configuration for a linted file (an absolute path). */
  resolve(filePath: string): ResolvedConfig {
    const known = this.resolved.get(filePath);
    if (known) return known;
    const layers: ConfigLayer[] = [];
    const errors: ConfigError[] = [];
    const dependencies: string[] = [];
    const found = this.options.lookup ? this.cascadeFiles(dirname(filePath)) : [];
    for (const ruleFile of found) {
      const base = dirname(ruleFile);
      this.addFile(ruleFile, relativeInside(base, filePath), [], layers, errors, dependencies);
    }
    if (this.options.explicitFile) {
      const explicit = resolve(this.options.cwd, this.options.explicitFile);
      if (this.read(explicit) === undefined) {
        errors.push(problemAt(explicit, '', { start: 0, end: 0 }, 'no such rule file (given with --config)'));
      } else {
        this.addFile(explicit, relativeInside(this.options.cwd, filePath), [], layers, errors, dependencies);
      }
    }
    let effective = mergeLayers(layers);
    const knownIds = () => new Set([...builtinRules().map((rule) => rule.id), ...effective.custom.map((rule) => rule.id)]);
    const unknownIn = (layer: ConfigLayer) => (layer.data ? unknownRuleIdsIn(layer.data, knownIds()) : []);
    if (this.options.keepLastGood) {
      // In the editor a rule file naming a rule that is not there (a half-typed id) keeps what it last said.
      let replaced = false;
      for (const layer of layers) {
        const lastGood = this.lastGood.get(layer.source);
        if (unknownIn(layer).length > 0 && lastGood && lastGood !== layer.data) {
          layer.data = lastGood;
          replaced = true;
        }
      }
      if (replaced) effective = mergeLayers(layers);
    }
    const reported = new Set<string>();
    for (const layer of layers) {
      if (!layer.data) continue;
      const parsed = this.parse(layer.source);
      const current = parsed?.data;
      for (const { path, id } of current ? unknownRuleIdsIn(current, knownIds()) : []) {
        const key = `${layer.source} ${path.join('/')}`;
        if (reported.has(key) || !parsed) continue;
        reported.add(key);
        const near = closestRuleId(id, [...knownIds()]);
        errors.push(locatedProblem(layer.source, parsed, path, 'key', `no rule "${id}"${near ? `; did you mean "${near}"?` : ''} (replylint --list-rules lists them)`, near));
      }
      if (current && !reported.has(layer.source) && !errors.some((error) => error.file === layer.source)) this.lastGood.set(layer.source, current);
    }
    const seen = new Set<string>();
    const unique = errors.filter((error) => {
      const key = `${error.file} ${error.start} ${error.message}`;
      return !seen.has(key) && seen.add(key) !== undefined;
    });
    const result: ResolvedConfig = { effective, lintConfig: toLintConfig(effective), errors: unique, dependencies };
    this.resolved.set(filePath, result);
    return result;
  }

  /** A rule file as read (null when it does not exist), for tools that point into it. */
  parsedFile(file: string): ParsedRuleFile | null {
    return this.parse(file);
  }

  /** Problems of one rule file on its own and within the cascade of its folder, for the editor. */
  problemsOf(ruleFile: string): ConfigError[] {
    const probe = join(dirname(ruleFile), '\0probe');
    const inCascade = this.resolve(probe).errors.filter((error) => error.file === ruleFile);
    const own = this.ownProblems(ruleFile);
    const seen = new Set(own.map((error) => `${error.start} ${error.message}`));
    return [...own, ...inCascade.filter((error) => !seen.has(`${error.start} ${error.message}`))];
  }

  private ownProblems(ruleFile: string): ConfigError[] {
    const parsed = this.parse(ruleFile);
    if (!parsed) return [];
    return parsed.problems.map((problem) => problemAt(ruleFile, parsed.text, problem, problem.message, problem.replacement));
  }

  /** Rule files from the farthest to the nearest folder, stopping at `root: true`. */
  private cascadeFiles(folder: string): string[] {
    const files: string[] = [];
    let current = folder;
    for (;;) {
      const file = this.ruleFileIn(current);
      if (file) {
        files.unshift(file);
        if (this.dataOf(file)?.root === true) break;
      }
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
    return files;
  }

  private ruleFileIn(folder: string): string | undefined {
    let known = this.nearest.get(folder);
    if (known === undefined) {
      known = RULE_FILE_NAMES.map((name) => join(folder, name)).find((path) => this.parse(path) !== null) ?? null;
      this.nearest.set(folder, known);
    }
    return known ?? undefined;
  }

  private addFile(
    file: string,
    relativePath: string | undefined,
    stack: string[],
    layers: ConfigLayer[],
    errors: ConfigError[],
    dependencies: string[],
  ): void {
    if (!dependencies.includes(file)) dependencies.push(file);
    const parsed = this.parse(file);
    if (!parsed) return;
    for (const problem of parsed.problems) errors.push(problemAt(file, parsed.text, problem, problem.message, problem.replacement));
    const data = this.dataOf(file);
    if (!data) return;
    (data.extends ?? []).forEach((entry, index) => {
      if ((PRESETS as readonly string[]).includes(entry)) {
        layers.push({ source: `preset:${entry}`, preset: entry as Preset });
        return;
      }
      const target = isAbsolute(entry) ? entry : resolve(dirname(file), entry);
      if (target === file || stack.includes(target)) {
        const cycle = [...stack, file, target].map((path) => relative(this.options.cwd, path) || path).join(' → ');
        errors.push(locatedProblem(file, parsed, ['extends', index], 'value', `"extends" goes round in a circle: ${cycle}`));
        return;
      }
      if (this.parse(target) === null) {
        const looksLikePreset = !/[./\\]/.test(entry);
        const near = looksLikePreset ? closestRuleId(entry, [...PRESETS]) : undefined;
        const message = looksLikePreset
          ? `no preset "${entry}"; the presets are ${PRESETS.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}, or give a relative path to a rule file`
          : `"${entry}" is not there (looked for ${target})`;
        errors.push(locatedProblem(file, parsed, ['extends', index], 'value', message, near));
        if (!dependencies.includes(target)) dependencies.push(target);
        return;
      }
      // An extended file's globs read like the extending file's: a shared team file says "macros/social/**".
      this.addFile(target, relativePath, [...stack, file], layers, errors, dependencies);
    });
    layers.push({ source: file, data, relativePath });
  }

  /** What a rule file contributes: its data, or with keepLastGood, what it said when it last had no problems. */
  private dataOf(file: string): RuleFileData | undefined {
    const parsed = this.parse(file);
    if (parsed?.data) return parsed.data;
    return this.options.keepLastGood ? this.lastGood.get(file) : undefined;
  }

  /** null when the file does not exist. */
  private parse(file: string): ParsedRuleFile | null {
    let parsed = this.parsed.get(file);
    if (parsed === undefined) {
      const text = this.read(file);
      const unreadable = text?.startsWith(UNREADABLE) ? text.slice(UNREADABLE.length) : undefined;
      parsed =
        text === undefined
          ? null
          : unreadable !== undefined
            ? { text: '', data: undefined, problems: [{ start: 0, end: 0, message: `cannot read the rule file (${unreadable})` }], locate: () => ({ start: 0, end: 0 }) }
            : safelyParsed(file, text);
      this.parsed.set(file, parsed);
    }
    return parsed;
  }
}

/** parseRuleFile, with anything it did not foresee turned into a problem: a rule file never stops linting. */
function safelyParsed(file: string, text: string): ParsedRuleFile {
  try {
    return parseRuleFile(file, text);
  } catch (error) {
    return { text, data: undefined, problems: [{ start: 0, end: 0, message: `cannot read the rule file (${(error as Error).message})` }], locate: () => ({ start: 0, end: 0 }) };
  }
}

/** A rule file's text, undefined when there is none; a file that cannot be read is a problem to report. */
export function readRuleFileFromDisk(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    // A rule file that exists but cannot be read is a problem to report, not a file to skip.
    return `${UNREADABLE}${code ?? String(error)}`;
  }
}

const UNREADABLE = '\0unreadable: ';

/** `file` relative to `base` with "/", or undefined when it is not inside `base`. */
function relativeInside(base: string, file: string): string | undefined {
  const path = relative(base, file);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

function locatedProblem(file: string, parsed: ParsedRuleFile, path: ValuePath, at: 'key' | 'value', message: string, replacement?: string): ConfigError {
  return problemAt(file, parsed.text, parsed.locate(path, at), message, replacement);
}

export function problemAt(file: string, text: string, range: SourceRange, message: string, replacement?: string): ConfigError {
  const lines = new LineIndex(text);
  const start = lines.positionAt(range.start);
  const end = lines.positionAt(range.end);
  return {
    file,
    start: range.start,
    end: range.end,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    message,
    ...(replacement ? { replacement } : {}),
  };
}

/** "path:line:col: message", the form terminals and editors turn into links. */
export function formatConfigError(error: ConfigError, cwd: string): string {
  return `${shownPath(error.file, cwd)}:${error.line}:${error.column}: ${error.message}`;
}

/** A path as the user reads it: relative to the current folder when inside it. */
export function shownPath(file: string, cwd: string): string {
  const shown = relative(cwd, file);
  return shown === '' || shown.startsWith('..') ? file : shown;
}

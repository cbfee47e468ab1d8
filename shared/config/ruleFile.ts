import type { DocumentFormat } from '../formats/replyDocument';
import { linearPatternProblem } from '../matching/linearPattern';
import { expandDefines, parsePattern, PatternSyntaxError } from '../matching/phrasePattern';
import { builtinRules } from '../rules/builtinRules';
import { checkRuleDefinition, type PhraseEntry, type RuleDefinition } from '../rules/ruleDefinition';
import { globProblem } from './globs';
import type { RuleSetting } from './lintConfig';
import { schemaProblems, type DataProblem } from './schemaProblems';
import { offsetInValue, readSourceTree, type SourceRange, type SourceTree, type ValuePath } from './sourceTree';

/** The names a rule file may have, in the order they are looked for in one folder. */
export const RULE_FILE_NAMES = ['.replylint.yaml', '.replylint.yml', '.replylint.json'] as const;

/** Settings for the files an override's globs match. */
export interface RuleFileOverride {
  files: string[];
  excludedFiles?: string[];
  platform?: string;
  channel?: string;
  /** how the matched files hold their replies, over what their name and content say */
  format?: DocumentFormat;
  rules?: Record<string, RuleSetting>;
  accept?: string[];
}

/** One rule file's data, checked, with list-or-one values made lists. */
export interface RuleFileData {
  root?: boolean;
  extends?: string[];
  platform?: string;
  channel?: string;
  format?: DocumentFormat;
  rules?: Record<string, RuleSetting>;
  custom?: RuleDefinition[];
  accept?: string[];
  overrides?: RuleFileOverride[];
  ignorePatterns?: string[];
}

/** Something wrong in a rule file, at exact characters of its text. */
export interface ConfigProblem extends SourceRange {
  message: string;
  /** what the text at the range most likely meant ("no-blam" → "no-blame"), for a quick fix */
  replacement?: string;
}

export interface ParsedRuleFile {
  text: string;
  /** undefined when the file has problems: nothing of a wrong file is half-applied */
  data: RuleFileData | undefined;
  problems: ConfigProblem[];
  /** where a value (or its key) is written, for problems found later (unknown rule ids, extends) */
  locate(path: ValuePath, at?: 'key' | 'value'): SourceRange;
}

/**
 * Reads a rule file's text: syntax, shape (the JSON schema), then what the schema cannot say
 * (phrases and patterns that do not compile, globs that cannot match, custom rules clashing with
 * built-in ones). Pure: the adapters read the file and resolve `extends`.
 */
export function parseRuleFile(fileName: string, text: string): ParsedRuleFile {
  const tree = readSourceTree(text, /\.json$/i.test(fileName) ? 'json' : 'yaml');
  const locate = (path: ValuePath, at: 'key' | 'value' = 'value') => (at === 'key' ? tree.keyRange(path) : tree.valueRange(path));
  const parsed: ParsedRuleFile = { text, data: undefined, problems: [], locate };
  if (tree.syntaxErrors.length > 0) {
    parsed.problems = tree.syntaxErrors;
    return parsed;
  }
  const shape = schemaProblems(tree.data);
  const data = tree.data as RuleFileData & { extends?: string | string[]; overrides?: Array<{ files: string | string[]; excludedFiles?: string | string[] }> };
  const problems: Located[] = shape.length > 0 ? shape : meaningProblems(data, tree, text);
  parsed.problems = problems.map((problem) => ({
    ...(problem.range ?? locate(problem.path, problem.at)),
    message: problem.message,
    ...(problem.replacement ? { replacement: problem.replacement } : {}),
  }));
  if (parsed.problems.length === 0) parsed.data = normalise(data);
  return parsed;
}

function normalise(data: RuleFileData & { extends?: string | string[] }): RuleFileData {
  const list = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
  return {
    ...data,
    extends: list(data.extends),
    overrides: data.overrides?.map((override) => ({
      ...override,
      files: list(override.files as string | string[])!,
      excludedFiles: list(override.excludedFiles as string | string[] | undefined),
    })),
  };
}

type Located = DataProblem & { range?: SourceRange };

function meaningProblems(
  data: RuleFileData & { extends?: string | string[]; overrides?: Array<{ files: string | string[]; excludedFiles?: string | string[] }> },
  tree: SourceTree,
  text: string,
): Located[] {
  const problems: Located[] = [];
  const globs = (value: string | string[] | undefined, path: ValuePath) => {
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
    list.forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem) problems.push({ path: Array.isArray(value) ? [...path, i] : path, at: 'value', message: problem });
    });
  };
  globs(data.ignorePatterns, ['ignorePatterns']);
  data.overrides?.forEach((override, i) => {
    globs(override.files, ['overrides', i, 'files']);
    globs(override.excludedFiles, ['overrides', i, 'excludedFiles']);
  });
  const builtinIds = new Set(builtinRules().map((rule) => rule.id));
  const seen = new Map<string, number>();
  data.custom?.forEach((rule, i) => {
    const at: ValuePath = ['custom', i];
    if (builtinIds.has(rule.id)) {
      problems.push({ path: [...at, 'id'], at: 'value', message: `"${rule.id}" is a built-in rule; give the team's rule its own id, such as "team/${rule.id}"` });
    } else if (seen.has(rule.id)) {
      problems.push({ path: [...at, 'id'], at: 'value', message: `two custom rules have the id "${rule.id}" (the other is custom item ${seen.get(rule.id)! + 1})` });
    }
    seen.set(rule.id, i);
    for (const problem of checkRuleDefinition(rule)) problems.push({ path: [...at, ...problem.path], at: 'value', message: problem.message });
    problems.push(...phraseProblems(rule, at, tree, text));
    if (rule.kind === 'pattern' && rule.pattern !== undefined) {
      const problem = linearPatternProblem(rule.pattern);
      if (problem) problems.push({ path: [...at, 'pattern'], at: 'value', message: problem });
    }
  });
  return problems;
}

/** Every phrase of a custom rule must compile; a mistake points into the phrase where it is. */
function phraseProblems(rule: RuleDefinition, at: ValuePath, tree: SourceTree, text: string): Located[] {
  const problems: Located[] = [];
  const check = (pattern: string, path: ValuePath, isKey = false) => {
    try {
      parsePattern(expandDefines(pattern, rule.define));
    } catch (error) {
      if (!(error instanceof PatternSyntaxError)) throw error;
      const range = isKey ? tree.keyRange(path) : tree.valueRange(path);
      // An offset into the expanded phrase only means something when nothing was expanded.
      const start = pattern.includes('{') ? range.start : offsetInValue(text, range, pattern, error.offset);
      const exact = start !== range.start || error.offset === 0;
      problems.push({ path, at: isKey ? 'key' : 'value', message: `phrase "${pattern}": ${error.message}`, range: exact && start < range.end ? { start, end: start + 1 } : range });
    }
  };
  rule.phrases?.forEach((phrase: string | PhraseEntry, i) => {
    if (typeof phrase === 'string') return check(phrase, [...at, 'phrases', i]);
    const matches = Array.isArray(phrase.match) ? phrase.match : [phrase.match];
    matches.forEach((match, j) => check(match, Array.isArray(phrase.match) ? [...at, 'phrases', i, 'match', j] : [...at, 'phrases', i, 'match']));
  });
  rule.except?.forEach((phrase, i) => check(phrase, [...at, 'except', i]));
  for (const from of Object.keys(rule.swap ?? {})) check(from, [...at, 'swap', from], true);
  return problems;
}

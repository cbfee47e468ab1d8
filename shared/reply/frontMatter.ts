import { isMap, isNode, parseDocument, type Document } from 'yaml';
import type { Finding } from '../engine/types';

/**
 * The YAML front matter of a `.reply` file (BRIEF §3): found, read with limits, and what
 * kept it from being read. It holds settings (channel, platform, …), never the agent's
 * words, so a front matter that cannot be read is reported and the reply is still linted.
 */
export interface FrontMatter {
  /** from the opening `---` to after the line break of the closing `---` or `...` */
  start: number;
  end: number;
  /** the fields Replylint reads, those present and readable; other keys are never converted (frozen: shared) */
  data: Readonly<FrontMatterData>;
  /** why some or all of it could not be read, in UTF-16 offsets into the reply */
  problems: FrontMatterProblem[];
}

export interface FrontMatterData {
  title?: unknown;
  channel?: unknown;
  platform?: unknown;
  locale?: unknown;
  tags?: unknown;
}

export interface FrontMatterProblem {
  message: string;
  start: number;
  end: number;
}

/** The keys BRIEF §3 gives front matter. Only these are ever turned into values. */
const READ_KEYS = ['title', 'channel', 'platform', 'locale', 'tags'] as const;

/**
 * Real front matter is a few lines. Past this the YAML is not parsed at all: parsing
 * costs about a microsecond a character, and more with many keys, on every lint.
 */
export const MAX_FRONT_MATTER_LENGTH = 64 * 1024;

/** yaml's own default, said here so it is a decision: aliases a read value may expand. */
const MAX_ALIAS_COUNT = 100;

/**
 * The rule id of a finding that no rule made. Findings need a string, and no rule id can be
 * empty; the adapters read it as ESLint reads a `null` ruleId: a problem with the file itself
 * (`ruleId: null, fatal: true` in JSON, no `code` in LSP, no rule column in the terminal).
 */
export const NO_RULE_ID = '';

interface LineSpan {
  start: number;
  /** end of content, before the line break */
  end: number;
  /** after the line break */
  breakEnd: number;
}

const OPENING = /^---[ \t]*$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;

/** The front matter at the top of `text`, if it has one: `---` on the first line, closed by `---` or `...`. */
export function findFrontMatter(text: string, lines: readonly LineSpan[]): FrontMatter | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (lines.length < 2 || !OPENING.test(text.slice(lines[0].start + bom, lines[0].end))) return undefined;
  let close = -1;
  for (let i = 1; i < lines.length && close < 0; i++) {
    // Only a line that starts with "---" or "..." can close it; most lines are rejected by their first character.
    const first = text.charCodeAt(lines[i].start);
    if ((first === 0x2d || first === 0x2e) && CLOSING.test(text.slice(lines[i].start, lines[i].end))) close = i;
  }
  if (close < 0) return undefined;
  const yamlStart = lines[0].breakEnd;
  const yamlEnd = lines[close].start;
  const frontMatter: FrontMatter = { start: 0, end: lines[close].breakEnd, data: {}, problems: [] };
  if (yamlEnd - yamlStart > MAX_FRONT_MATTER_LENGTH) {
    frontMatter.problems.push({
      message: `Front matter is ${Math.ceil((yamlEnd - yamlStart) / 1024)} KB; Replylint reads at most ${MAX_FRONT_MATTER_LENGTH / 1024} KB of it, so none of its settings apply.`,
      start: lines[0].start + bom,
      end: lines[0].end,
    });
    return frontMatter;
  }
  const read = readYaml(text.slice(yamlStart, yamlEnd));
  frontMatter.data = read.data;
  frontMatter.problems = read.problems.map((problem) => ({
    message: problem.message,
    start: yamlStart + problem.start,
    end: yamlStart + problem.end,
  }));
  return frontMatter;
}

/** Findings for what kept the front matter from being read: errors, since its settings were dropped. */
export function frontMatterFindings(frontMatter: FrontMatter | undefined): Finding[] {
  return (frontMatter?.problems ?? []).map((problem) => ({
    ruleId: NO_RULE_ID,
    severity: 'error',
    message: problem.message,
    start: problem.start,
    end: problem.end,
    suggestions: [],
  }));
}

interface ReadYaml {
  data: Readonly<FrontMatterData>;
  /** offsets into the YAML source */
  problems: FrontMatterProblem[];
}

/**
 * Lints run on every keystroke and the front matter rarely changes: the same YAML source
 * is read once. A handful of entries covers the replies open at once.
 */
const readCache = new Map<string, ReadYaml>();
const READ_CACHE_SIZE = 32;

function readYaml(source: string): ReadYaml {
  const cached = readCache.get(source);
  if (cached) return cached;
  const read = parseAndRead(source);
  // Shared by every lint of the same source, so nobody may change it.
  Object.freeze(read.data);
  if (readCache.size >= READ_CACHE_SIZE) readCache.delete(readCache.keys().next().value as string);
  readCache.set(source, read);
  return read;
}

function parseAndRead(source: string): ReadYaml {
  const whole = { start: 0, end: source.length };
  let document: Document.Parsed;
  try {
    document = parseDocument(source);
  } catch (error) {
    return { data: {}, problems: [{ message: `Front matter could not be read: ${firstLine(error)}`, ...whole }] };
  }
  const [error] = document.errors;
  if (error) {
    const [start, end] = error.pos;
    return {
      data: {},
      problems: [{ message: `Front matter is not valid YAML: ${firstLine(error)}`, start, end: Math.max(end, start) }],
    };
  }
  if (document.contents === null) return { data: {}, problems: [] };
  if (!isMap(document.contents)) {
    return { data: {}, problems: [{ message: 'Front matter must be keys and values, such as “channel: email”.', ...whole }] };
  }
  const read: { data: FrontMatterData; problems: FrontMatterProblem[] } = { data: {}, problems: [] };
  for (const key of READ_KEYS) {
    const node: unknown = document.get(key, true);
    if (node === undefined) continue;
    try {
      // Only the values Replylint uses are converted, each with a bound on alias expansion,
      // so an alias bomb elsewhere in the front matter is never expanded at all.
      read.data[key] = isNode(node) ? node.toJS(document, { maxAliasCount: MAX_ALIAS_COUNT }) : node;
    } catch (conversion) {
      const range = isNode(node) && node.range ? { start: node.range[0], end: node.range[1] } : whole;
      read.problems.push({ message: `Front matter “${key}” could not be read: ${firstLine(conversion)}`, ...range });
    }
  }
  return read;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].replace(/\s*at line \d+, column \d+:?$/, '');
}

import { normalizeWord } from './normalizeWord';

/**
 * The phrase syntax of rule files, small enough for a team lead to write:
 *
 *   we apologi* for (the|any) [and all] inconvenience ... caused
 *
 * - words match case-insensitively, contractions and spelling variants folded;
 * - `word*` matches any word starting with `word` (inflections), `*ed` any word ending in "ed",
 *   `*word*` any word holding `word` (scripts written without spaces, such as Japanese);
 * - `{name}` stands for the pattern the rule defines under `define: { name: ... }`;
 * - `(a|b c)` one of the alternatives, `[a|b]` optional;
 * - `...` up to three words of anything inside the sentence, `*` alone exactly one word ("as * mentioned");
 * - `<` and `>` around the words to flag, when the rest is context: "<per our policy> ... unable".
 */
export type PatternNode =
  | { type: 'word'; word: string }
  | { type: 'prefix'; prefix: string }
  | { type: 'suffix'; suffix: string }
  | { type: 'infix'; infix: string }
  | { type: 'gap'; max: number }
  | { type: 'any' }
  | { type: 'choice'; options: PatternNode[][]; optional: boolean };

export class PatternSyntaxError extends Error {
  constructor(
    message: string,
    /** offset in the pattern string */
    readonly offset: number,
  ) {
    super(message);
  }
}

export const GAP_WORDS = 3;

const WORD_TEXT = /[^\s()[\]|<>]+/y;

/** Phrase syntax beyond words: a pattern with none of these is a list of words (most team phrases). */
const SYNTAX = /[()[\]|<>.…]/;
const PLAIN_WORD = /\S+/g;

export function parsePattern(source: string): PatternNode[] {
  if (!SYNTAX.test(source)) {
    const nodes: PatternNode[] = [];
    for (const match of source.matchAll(PLAIN_WORD)) nodes.push(...wordNodes(match[0], match.index));
    if (!nodes.some((node) => node.type !== 'any')) throw new PatternSyntaxError('the phrase has no words', 0);
    return nodes;
  }
  let pos = 0;

  const parseSequence = (closers: string): PatternNode[] => {
    const nodes: PatternNode[] = [];
    while (pos < source.length) {
      const ch = source[pos];
      if (/\s/.test(ch)) {
        pos++;
      } else if (closers.includes(ch)) {
        break;
      } else if (ch === '(' || ch === '[') {
        const close = ch === '(' ? ')' : ']';
        const open = pos++;
        const options: PatternNode[][] = [parseSequence('|' + close)];
        while (source[pos] === '|') {
          pos++;
          options.push(parseSequence('|' + close));
        }
        if (source[pos] !== close) throw new PatternSyntaxError(`"${ch}" is never closed with "${close}"`, open);
        pos++;
        if (options.some((option) => option.length === 0) && ch === '(') {
          throw new PatternSyntaxError('an alternative is empty; use [...] for optional words', open);
        }
        nodes.push({ type: 'choice', options, optional: ch === '[' });
      } else if (source.startsWith('...', pos) || ch === '…') {
        nodes.push({ type: 'gap', max: GAP_WORDS });
        pos += ch === '…' ? 1 : 3;
      } else if (ch === '<' || ch === '>') {
        if (closers !== '') throw new PatternSyntaxError(`"${ch}" cannot be inside (...) or [...]`, pos);
        pos++;
      } else if (')]|'.includes(ch)) {
        throw new PatternSyntaxError(`unexpected "${ch}"`, pos);
      } else {
        WORD_TEXT.lastIndex = pos;
        const match = WORD_TEXT.exec(source);
        const raw = match ? match[0] : ch;
        const start = pos;
        pos += raw.length;
        nodes.push(...wordNodes(raw, start));
      }
    }
    return nodes;
  };

  focusOf(source);
  const nodes = parseSequence('');
  if (pos < source.length) throw new PatternSyntaxError(`unexpected "${source[pos]}"`, pos);
  if (!nodes.some((node) => node.type !== 'gap' && node.type !== 'any')) throw new PatternSyntaxError('the phrase has no words', 0);
  if (nodes[0].type === 'gap' || nodes[nodes.length - 1].type === 'gap') {
    throw new PatternSyntaxError('"..." goes between words, not at the start or end of a phrase', 0);
  }
  return nodes;
}

/** The part of a pattern between `<` and `>`, or undefined when the whole match is flagged. */
export function focusOf(source: string): string | undefined {
  const open = source.indexOf('<');
  const close = source.indexOf('>');
  if (open < 0 && close < 0) return undefined;
  if (open < 0 || close < open || source.indexOf('<', open + 1) >= 0 || source.indexOf('>', close + 1) >= 0) {
    throw new PatternSyntaxError('mark the flagged words with exactly one "<" and one ">" after it', Math.max(open, 0));
  }
  return source.slice(open + 1, close);
}

/**
 * The nodes of each word already read: a team's ten thousand phrases repeat their words, and the
 * built-in packs repeat theirs across every spelled-out definition. Nodes are never changed.
 */
const wordNodeCache = new Map<string, readonly PatternNode[]>();
const WORD_NODE_CACHE_LIMIT = 50_000;

function wordNodes(raw: string, offset: number): readonly PatternNode[] {
  let nodes = wordNodeCache.get(raw);
  if (!nodes) {
    nodes = readWordNodes(raw, offset);
    if (wordNodeCache.size >= WORD_NODE_CACHE_LIMIT) wordNodeCache.clear();
    wordNodeCache.set(raw, nodes);
  }
  return nodes;
}

function readWordNodes(raw: string, offset: number): PatternNode[] {
  if (raw.includes('?')) throw new PatternSyntaxError('"?" is not phrase syntax: write [words] for optional words', offset);
  if (raw === '*') return [{ type: 'any' }];
  if (/^\*[\p{L}]+\*$/u.test(raw)) return [{ type: 'infix', infix: raw.slice(1, -1).toLowerCase() }];
  if (/^\*[\p{L}]+$/u.test(raw)) return [{ type: 'suffix', suffix: raw.slice(1).toLowerCase() }];
  const isPrefix = raw.endsWith('*');
  const body = raw.replace(/\*$/, '').replace(/^[^\p{L}\p{N}']+|[^\p{L}\p{N}'’]+$/gu, '');
  if (body.length === 0) {
    if (isPrefix) throw new PatternSyntaxError('"*" must follow the start of a word', offset);
    return [];
  }
  if (/[^\p{L}\p{N}'’-]/u.test(body)) {
    throw new PatternSyntaxError(`"${raw}" has characters a phrase cannot match; phrases are words`, offset);
  }
  const parts = body.split('-').filter(Boolean).flatMap((part) => normalizeWord(part));
  if (isPrefix) {
    const last = parts.pop()!;
    return [...parts.map((word) => ({ type: 'word' as const, word })), { type: 'prefix' as const, prefix: last }];
  }
  return parts.map((word) => ({ type: 'word' as const, word }));
}

const DEFINE_REFERENCE = /\{([a-z][a-z0-9-]*)\}/g;

/**
 * Replaces each `{name}` with the alternatives its rule defines, so a family of wording is written
 * once ("{we} {will} {follow-up}") and read as a family. Definitions may use other definitions.
 */
export function expandDefines(pattern: string, defines: Record<string, string> | undefined, depth = 0): string {
  if (!pattern.includes('{')) return pattern;
  if (depth > 8) throw new PatternSyntaxError('definitions refer to each other in a loop', pattern.indexOf('{'));
  return pattern.replace(DEFINE_REFERENCE, (reference, name: string, offset: number) => {
    const body = defines?.[name];
    if (body === undefined) {
      const known = Object.keys(defines ?? {});
      throw new PatternSyntaxError(
        `"${reference}" is not defined${known.length ? `; the rule defines ${known.map((k) => `{${k}}`).join(', ')}` : ''}`,
        offset,
      );
    }
    return `(${expandDefines(body, defines, depth + 1)})`;
  });
}

import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';

/** A range of UTF-16 offsets into a rule file's text. */
export interface SourceRange {
  start: number;
  end: number;
}

export type ValuePath = Array<string | number>;

/** A rule file read into plain data, with the way back from any value to its characters. */
export interface SourceTree {
  /** undefined when the text does not parse */
  data: unknown;
  syntaxErrors: Array<SourceRange & { message: string }>;
  /** where the value at `path` is written, or the nearest ancestor that is */
  valueRange(path: ValuePath): SourceRange;
  /** where the key of the value at `path` is written (the value's own range for a list item) */
  keyRange(path: ValuePath): SourceRange;
}

/** Syntax errors reported per file: the first few say where to start. */
const MAX_SYNTAX_ERRORS = 5;
/** At most this many aliases are expanded: a YAML "billion laughs" is a syntax error, not a hang. */
const MAX_ALIASES = 100;

export function readSourceTree(text: string, kind: 'yaml' | 'json'): SourceTree {
  const tooDeep = nestingProblem(text);
  if (tooDeep) {
    const nowhere = () => ({ start: tooDeep.start, end: tooDeep.end });
    return { data: undefined, syntaxErrors: [tooDeep], valueRange: nowhere, keyRange: nowhere };
  }
  return kind === 'json' ? readJson(text) : readYaml(text);
}

/** Brackets deeper than this are no rule file's; the parsers would spend all memory on them. */
const MAX_NESTING = 64;

/**
 * The first "[" or "{" nested past MAX_NESTING, outside quotes and comments, found in one linear
 * pass before any parser sees the text.
 */
function nestingProblem(text: string): (SourceRange & { message: string }) | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote || char === '\n') quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (char === '[' || char === '{') {
      if (++depth > MAX_NESTING) return { start: i, end: i + 1, message: `nested more than ${MAX_NESTING} levels deep; a rule file never needs that` };
    } else if ((char === ']' || char === '}') && depth > 0) depth--;
  }
  return undefined;
}

function readYaml(text: string): SourceTree {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  const clamp = (offset: number) => Math.max(0, Math.min(offset, text.length));
  // One problem is enough to point at: a line of ten thousand "[" is one mistake, not ten thousand.
  const syntaxErrors = document.errors.slice(0, MAX_SYNTAX_ERRORS).map((error) => ({
    start: clamp(error.pos[0]),
    end: clamp(Math.max(error.pos[1], error.pos[0])),
    message: yamlMessage(error.message),
  }));
  let data: unknown;
  if (syntaxErrors.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
      // an alias inside what it names makes a value that contains itself: no setting means that
      JSON.stringify(data);
    } catch (error) {
      const message = error instanceof TypeError && /circular/i.test(error.message)
        ? 'an alias (*name) is used inside the value it names; a rule file cannot hold itself'
        : `not valid YAML: ${(error as Error).message}`;
      syntaxErrors.push({ start: 0, end: 0, message });
    }
  }
  const rangeOf = (node: YamlNode | null | undefined): SourceRange | undefined =>
    node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
  const walk = (path: ValuePath): { node?: YamlNode; key?: YamlNode; last: SourceRange } => {
    let node = document.contents as YamlNode | null;
    let key: YamlNode | undefined;
    let last: SourceRange = rangeOf(node) ?? { start: 0, end: 0 };
    for (const segment of path) {
      let next: YamlNode | undefined;
      key = undefined;
      if (isMap(node)) {
        const pair = node.items.find((item: Pair) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (pair) {
          key = pair.key as YamlNode;
          next = (pair.value as YamlNode | null) ?? undefined;
          // "key:" with nothing after it: the key is where the value would be
          if (!next) return { key, last: rangeOf(key) ?? last };
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = (node.items[segment] as YamlNode | undefined) ?? undefined;
      }
      if (!next) return { last };
      node = next;
      last = rangeOf(node) ?? last;
    }
    return { node: node ?? undefined, key, last };
  };
  return {
    data,
    syntaxErrors,
    valueRange: (path) => walk(path).last,
    keyRange: (path) => {
      const found = walk(path);
      return rangeOf(found.key) ?? found.last;
    },
  };
}

/** The yaml library's first line is the message; the rest is a code frame we draw ourselves. */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `not valid YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

function readJson(text: string): SourceTree {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const clamp = (offset: number) => Math.max(0, Math.min(offset, text.length));
  const syntaxErrors = errors.slice(0, MAX_SYNTAX_ERRORS).map((error) => ({
    start: clamp(error.offset),
    end: clamp(error.offset + error.length),
    message: `not valid JSON: ${jsonMessage(printParseErrorCode(error.error))}`,
  }));
  let data: unknown;
  if (syntaxErrors.length === 0 && root) syntaxErrors.push(...duplicateKeys(root));
  if (syntaxErrors.length === 0) data = root ? jsonValue(root) : {};
  const nearest = (path: ValuePath): JsonNode | undefined => {
    for (let length = path.length; length >= 0; length--) {
      const node = root && findNodeAtLocation(root, path.slice(0, length));
      if (node) return node;
    }
    return root;
  };
  const range = (node: JsonNode | undefined): SourceRange => (node ? { start: node.offset, end: node.offset + node.length } : { start: 0, end: 0 });
  return {
    data,
    syntaxErrors,
    valueRange: (path) => range(nearest(path)),
    keyRange: (path) => {
      const node = root && findNodeAtLocation(root, path);
      if (node?.parent?.type === 'property' && node.parent.children?.[0]) return range(node.parent.children[0]);
      return range(nearest(path));
    },
  };
}

/** "PropertyNameExpected" → "property name expected". */
function jsonMessage(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** jsonc-parser keeps the last of two equal keys silently; YAML reports them, and so does JSON here. */
function duplicateKeys(node: JsonNode): Array<SourceRange & { message: string }> {
  const found: Array<SourceRange & { message: string }> = [];
  const seen = new Set<string>();
  for (const child of node.children ?? []) {
    if (node.type === 'object') {
      const key = child.children?.[0];
      if (key && seen.has(String(key.value))) {
        found.push({ start: key.offset, end: key.offset + key.length, message: `"${String(key.value)}" is set twice in one mapping; keep one` });
      }
      if (key) seen.add(String(key.value));
      if (child.children?.[1]) found.push(...duplicateKeys(child.children[1]));
    } else {
      found.push(...duplicateKeys(child));
    }
  }
  return found;
}

function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) result[String(key.value)] = jsonValue(value);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

/**
 * Where `offset` into a string value's contents is in the file: exact when the value is written
 * as a plain or simply quoted string, otherwise the start of the value.
 */
export function offsetInValue(text: string, range: SourceRange, value: string, offset: number): number {
  const written = text.slice(range.start, range.end);
  if (written === value) return range.start + offset;
  const quote = written[0];
  if ((quote === '"' || quote === "'") && written.slice(1, -1) === value) return range.start + 1 + offset;
  return range.start;
}

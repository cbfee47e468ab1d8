import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { decodeJsonString } from './jsonString';
import type { TreeValue } from './valueTree';

export interface ParsedTree {
  root: TreeValue | undefined;
  problems: Array<{ message: string; offset: number }>;
}

/**
 * Reads JSON (comments and trailing commas allowed, as help-desk exports edited by hand
 * have them) with jsonc-parser, which gives every node its offset and length.
 */
export function readJsonTree(text: string): ParsedTree {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  // The first error only, as ESLint reports a parse error: the ones after it (a missing brace,
  // then a missing bracket, at the same place) follow from it and say nothing new.
  const problems = errors.slice(0, 1).map((error) => ({
    message: `JSON syntax error: ${words(printParseErrorCode(error.error))}`,
    offset: error.offset,
  }));
  return { root: root && toTree(text, root), problems };
}

/** `CloseBraceExpected` → `close brace expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function toTree(text: string, node: Node): TreeValue {
  const range = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'object':
      return {
        kind: 'map',
        range,
        entries: (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          if (!key || !value || typeof key.value !== 'string') return [];
          return [{ key: key.value, keyRange: { start: key.offset, end: key.offset + key.length }, value: toTree(text, value) }];
        }),
      };
    case 'array':
      return { kind: 'list', range, items: (node.children ?? []).map((child) => toTree(text, child)) };
    case 'string': {
      const value = String(node.value);
      return {
        kind: 'text',
        range,
        value,
        embedded: () => {
          const decoded = decodeJsonString(text, range.start, range.end);
          return decoded.text === value ? decoded : undefined;
        },
      };
    }
    default:
      return { kind: 'other', range };
  }
}

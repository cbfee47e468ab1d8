import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import type { ParsedTree } from './jsonTree';
import type { TreeEntry, TreeValue } from './valueTree';
import { decodeYamlScalar } from './yamlScalar';

/**
 * Reads YAML with the `yaml` library, keeping its CST tokens so every string scalar can
 * be decoded with positions. Several documents (`---`) are read as one list.
 */
export function readYamlTree(text: string): ParsedTree {
  const documents = parseAllDocuments(text, { keepSourceTokens: true, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [];
  const problems = list.flatMap((document) =>
    document.errors.map((error) => ({ message: `YAML syntax error: ${error.message.split('\n')[0]}`, offset: error.pos[0] })),
  );
  const roots = list.flatMap((document) => (document.contents ? [toTree(text, document.contents)] : []));
  if (roots.length <= 1) return { root: roots[0], problems };
  return { root: { kind: 'list', range: { start: 0, end: text.length }, items: roots }, problems };
}

function toTree(text: string, node: Node): TreeValue {
  const range = node.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
  if (isMap(node)) {
    const entries: TreeEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.value === null || pair.value === undefined) continue;
      const key = pair.key;
      if (!key.range || (typeof key.value !== 'string' && typeof key.value !== 'number')) continue;
      entries.push({
        key: String(key.value),
        keyRange: { start: key.range[0], end: key.range[1] },
        value: toTree(text, pair.value as Node),
      });
    }
    return { kind: 'map', range, entries };
  }
  if (isSeq(node)) return { kind: 'list', range, items: node.items.map((item) => toTree(text, item as Node)) };
  if (isScalar(node) && typeof node.value === 'string') {
    const value = node.value;
    return { kind: 'text', range, value, embedded: () => decodeYamlScalar(text, node) };
  }
  return { kind: 'other', range };
}

import { focusOf, parsePattern, PatternSyntaxError, type PatternNode } from './phrasePattern';

/**
 * The phrases of a rule set compiled into one nondeterministic automaton over words, held
 * in flat integer arrays: every phrase starts from state 0, edges carry a word (or a prefix,
 * suffix or infix of one), any word, or nothing. Flat arrays are what lets the built-in packs
 * be compiled once at build time and loaded by a process in a millisecond or two
 * (`serialize`), and a team's own phrases be compiled on top of them (`extend`).
 *
 * Owners and spec numbers are not part of it: a compiled pattern is its end state, and each
 * configuration says which patterns it uses.
 */

export const EDGE_WORD = 0;
export const EDGE_PREFIX = 1;
export const EDGE_SUFFIX = 2;
export const EDGE_INFIX = 3;
export const EDGE_ANY = 4;
export const EDGE_EPSILON = 5;
const KIND_BITS = 3;

/** One compiled pattern: where it ends, and the phrase words it holds (for misspelling folding). */
export interface CompiledPattern {
  end: number;
  /** label ids of its `word` nodes, in the order they were compiled */
  words: number[];
}

/** The epsilon-free edges of a state: its own and those of every state its epsilon closure reaches. */
export interface MergedEdges {
  /** word label → target states */
  words: Map<number, number[]>;
  /** [edge kind, text, target] for prefix, suffix and infix edges */
  affixes: Array<[number, string, number]>;
  any: number[];
}

/** What `serialize` gives and `deserialize` takes: plain JSON, integer tables as varints in base64. */
export interface SerializedPhrases {
  format: 2;
  labels: string[];
  patternCount: number;
  stateCount: number;
  edgeCount: number;
  /** per pattern: end state (as a difference from the previous one), word count, word label ids */
  patternTable: string;
  /** per state: edge count; per edge: kind | zigzag(to - from) << 3, then the label of word and affix edges */
  edges: string;
}

export class CompiledPhrases {
  /** CSR: the edges of state s are edgeKind/edgeLabel/edgeTo[edgeStart[s] .. edgeStart[s + 1]) */
  readonly edgeStart: Int32Array;
  readonly edgeKind: Uint8Array;
  readonly edgeLabel: Int32Array;
  readonly edgeTo: Int32Array;
  /** 1 for a state with epsilon edges: the only states whose closure is more than themselves */
  readonly hasEpsilon: Uint8Array;

  private constructor(
    /** word and affix texts; edges refer to them by index */
    readonly labels: string[],
    readonly labelIds: Map<string, number>,
    readonly patterns: Map<string, CompiledPattern>,
    readonly stateCount: number,
    edges: { start: Int32Array; kind: Uint8Array; label: Int32Array; to: Int32Array },
  ) {
    this.edgeStart = edges.start;
    this.edgeKind = edges.kind;
    this.edgeLabel = edges.label;
    this.edgeTo = edges.to;
    this.hasEpsilon = new Uint8Array(stateCount);
    for (let state = 0; state < stateCount; state++) {
      for (let e = edges.start[state]; e < edges.start[state + 1]; e++) if (edges.kind[e] === EDGE_EPSILON) this.hasEpsilon[state] = 1;
    }
    // A packed array (no holes) keeps the per-state lookup on V8's fast path.
    this.merged = new Array<MergedEdges | undefined>(stateCount).fill(undefined);
  }

  private readonly closures = new Map<number, number[]>();
  private readonly merged: Array<MergedEdges | undefined>;

  /** The states reached from `state` by epsilon edges, `state` first. */
  closure(state: number): number[] {
    if (!this.hasEpsilon[state]) return [state];
    let cached = this.closures.get(state);
    if (cached) return cached;
    const { edgeStart, edgeKind, edgeTo } = this;
    const seen = new Set<number>([state]);
    const stack = [state];
    while (stack.length > 0) {
      const from = stack.pop()!;
      for (let e = edgeStart[from]; e < edgeStart[from + 1]; e++) {
        if (edgeKind[e] !== EDGE_EPSILON) continue;
        const next = edgeTo[e];
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    cached = [...seen];
    this.closures.set(state, cached);
    return cached;
  }

  /**
   * Epsilon-free edges of a state, built on first use and shared by every automaton over these
   * phrases: the state carries the edges of every state its epsilon closure reaches. The root's
   * table thus merges the first words of all phrases, and a word costs one map lookup there.
   */
  edgesOf(state: number): MergedEdges {
    let merged = this.merged[state];
    if (merged) return merged;
    merged = { words: new Map(), affixes: [], any: [] };
    const { edgeStart, edgeKind, edgeLabel, edgeTo, labels } = this;
    for (const member of this.closure(state)) {
      for (let e = edgeStart[member]; e < edgeStart[member + 1]; e++) {
        const kind = edgeKind[e];
        if (kind === EDGE_WORD) {
          const known = merged.words.get(edgeLabel[e]);
          if (known) known.push(edgeTo[e]);
          else merged.words.set(edgeLabel[e], [edgeTo[e]]);
        } else if (kind === EDGE_ANY) {
          merged.any.push(edgeTo[e]);
        } else if (kind !== EDGE_EPSILON) {
          merged.affixes.push([kind, labels[edgeLabel[e]], edgeTo[e]]);
        }
      }
    }
    this.merged[state] = merged;
    return merged;
  }

  private epsilonInto: { start: Int32Array; from: Int32Array } | undefined;

  /** The states with an epsilon edge into `state`: the closure read backwards. */
  epsilonSources(state: number): Int32Array {
    if (!this.epsilonInto) {
      const start = new Int32Array(this.stateCount + 1);
      const { edgeStart, edgeKind, edgeTo } = this;
      for (let e = 0; e < edgeKind.length; e++) if (edgeKind[e] === EDGE_EPSILON) start[edgeTo[e] + 1]++;
      for (let s = 0; s < this.stateCount; s++) start[s + 1] += start[s];
      const from = new Int32Array(start[this.stateCount]);
      const fill = start.slice(0, this.stateCount);
      for (let s = 0; s < this.stateCount; s++) {
        for (let e = edgeStart[s]; e < edgeStart[s + 1]; e++) if (edgeKind[e] === EDGE_EPSILON) from[fill[edgeTo[e]]++] = s;
      }
      this.epsilonInto = { start, from };
    }
    return this.epsilonInto.from.subarray(this.epsilonInto.start[state], this.epsilonInto.start[state + 1]);
  }

  private affixList: Array<[number, string]> | undefined;

  /** Every prefix, suffix and infix of the phrases, once each: a word none of them matches can only be "any word". */
  affixes(): Array<[number, string]> {
    if (this.affixList) return this.affixList;
    const seen = new Set<number>();
    this.affixList = [];
    for (let e = 0; e < this.edgeKind.length; e++) {
      const kind = this.edgeKind[e];
      if (kind !== EDGE_PREFIX && kind !== EDGE_SUFFIX && kind !== EDGE_INFIX) continue;
      const key = this.edgeLabel[e] * 8 + kind;
      if (seen.has(key)) continue;
      seen.add(key);
      this.affixList.push([kind, this.labels[this.edgeLabel[e]]]);
    }
    return this.affixList;
  }

  /** Compiles `patterns` (each once, however often it is given). Throws PatternSyntaxError naming the pattern. */
  static compile(patterns: Iterable<string>): CompiledPhrases {
    return new PhraseCompiler().addAll(patterns).finish();
  }

  /** These phrases plus `patterns`: what is already compiled is reused, the rest compiled on top. */
  extend(patterns: Iterable<string>): CompiledPhrases {
    let missing: string[] | undefined;
    for (const pattern of patterns) {
      if (!this.patterns.has(pattern)) (missing ??= []).push(pattern);
    }
    if (!missing) return this;
    return new PhraseCompiler(this).addAll(missing).finish();
  }

  /** Whether these phrases include `pattern` compiled. */
  has(pattern: string): boolean {
    return this.patterns.has(pattern);
  }

  /**
   * The compact form the build inlines: the pattern texts are left out (the engine makes the same
   * list again from the rule packs, `deserialize` takes it back), integers are varints in base64.
   */
  serialize(): SerializedPhrases {
    const table = new VarintWriter();
    let previousEnd = 0;
    for (const compiled of this.patterns.values()) {
      table.signed(compiled.end - previousEnd);
      previousEnd = compiled.end;
      table.unsigned(compiled.words.length);
      for (const word of compiled.words) table.unsigned(word);
    }
    const edges = new VarintWriter();
    for (let state = 0; state < this.stateCount; state++) {
      edges.unsigned(this.edgeStart[state + 1] - this.edgeStart[state]);
      for (let e = this.edgeStart[state]; e < this.edgeStart[state + 1]; e++) {
        const kind = this.edgeKind[e];
        const delta = this.edgeTo[e] - state;
        edges.unsigned(kind + (((delta << 1) ^ (delta >> 31)) >>> 0) * (1 << KIND_BITS));
        if (kind <= EDGE_INFIX) edges.unsigned(this.edgeLabel[e]);
      }
    }
    return {
      format: 2,
      labels: this.labels,
      patternCount: this.patterns.size,
      stateCount: this.stateCount,
      edgeCount: this.edgeKind.length,
      patternTable: bytesToBase64(table.bytes()),
      edges: bytesToBase64(edges.bytes()),
    };
  }

  /** The phrases `serialize` gave, for the same `patterns` (in the same order) it was compiled from. */
  static deserialize(data: SerializedPhrases, patterns: string[]): CompiledPhrases {
    if (data.format !== 2) throw new Error(`unknown compiled phrase format ${String(data.format)}`);
    const unique = [...new Set(patterns)];
    if (unique.length !== data.patternCount) {
      throw new Error(`the compiled phrases hold ${data.patternCount} patterns, the rule packs ${unique.length}: rebuild`);
    }
    const table = new VarintReader(base64ToBytes(data.patternTable));
    const compiled = new Map<string, CompiledPattern>();
    let end = 0;
    for (const pattern of unique) {
      end += table.signed();
      const words: number[] = new Array(table.unsigned());
      for (let w = 0; w < words.length; w++) words[w] = table.unsigned();
      compiled.set(pattern, { end, words });
    }
    const reader = new VarintReader(base64ToBytes(data.edges));
    const start = new Int32Array(data.stateCount + 1);
    const kind = new Uint8Array(data.edgeCount);
    const label = new Int32Array(data.edgeCount);
    const to = new Int32Array(data.edgeCount);
    let e = 0;
    for (let state = 0; state < data.stateCount; state++) {
      start[state] = e;
      for (let count = reader.unsigned(); count > 0; count--, e++) {
        const packed = reader.unsigned();
        kind[e] = packed % (1 << KIND_BITS);
        const zigzag = Math.floor(packed / (1 << KIND_BITS));
        to[e] = state + ((zigzag >>> 1) ^ -(zigzag & 1));
        if (kind[e] <= EDGE_INFIX) label[e] = reader.unsigned();
      }
    }
    start[data.stateCount] = e;
    const labelIds = new Map<string, number>();
    data.labels.forEach((text, id) => labelIds.set(text, id));
    return new CompiledPhrases(data.labels, labelIds, compiled, data.stateCount, { start, kind, label, to });
  }

  /**
   * @internal for PhraseCompiler: the base's edges (if any) and, after each state's, the edges added
   * on top (from, kind | label << 3, to, in the order added), as one table.
   */
  static assemble(compiler: PhraseCompiler): CompiledPhrases {
    const { edges, stateCount, base } = compiler;
    const added = edges.length / 3;
    const baseStates = base ? base.stateCount : 0;
    const start = new Int32Array(stateCount + 1);
    for (let state = 0; state < baseStates; state++) start[state + 1] = base!.edgeStart[state + 1] - base!.edgeStart[state];
    for (let e = 0; e < added; e++) start[edges[e * 3] + 1]++;
    for (let state = 0; state < stateCount; state++) start[state + 1] += start[state];
    const count = start[stateCount];
    const kind = new Uint8Array(count);
    const label = new Int32Array(count);
    const to = new Int32Array(count);
    const fill = start.slice(0, stateCount);
    if (base) {
      // Only the root and new states get edges on top: the base's other states move as one block each side.
      for (let state = 0; state < baseStates; ) {
        let run = state + 1;
        while (run < baseStates && start[run] - base.edgeStart[run] === start[state] - base.edgeStart[state]) run++;
        const from = base.edgeStart[state];
        const end = base.edgeStart[run];
        kind.set(base.edgeKind.subarray(from, end), start[state]);
        label.set(base.edgeLabel.subarray(from, end), start[state]);
        to.set(base.edgeTo.subarray(from, end), start[state]);
        for (let moved = state; moved < run; moved++) fill[moved] += base.edgeStart[moved + 1] - base.edgeStart[moved];
        state = run;
      }
    }
    // a stable counting sort: a state's edges keep the order they were added in
    for (let e = 0; e < added; e++) {
      const at = fill[edges[e * 3]]++;
      const kindAndLabel = edges[e * 3 + 1];
      kind[at] = kindAndLabel & ((1 << KIND_BITS) - 1);
      label[at] = kindAndLabel >> KIND_BITS;
      to[at] = edges[e * 3 + 2];
    }
    return new CompiledPhrases(compiler.labels, compiler.labelIds, compiler.patterns, stateCount, { start, kind, label, to });
  }
}

class PhraseCompiler {
  readonly labels: string[];
  readonly labelIds: Map<string, number>;
  readonly patterns: Map<string, CompiledPattern>;
  stateCount: number;
  /** edges added on top of the base: from, kind | label << 3, to */
  readonly edges: number[] = [];
  private words: number[] = [];

  constructor(readonly base?: CompiledPhrases) {
    this.labels = base ? [...base.labels] : [];
    this.labelIds = base ? new Map(base.labelIds) : new Map();
    this.patterns = base ? new Map(base.patterns) : new Map();
    this.stateCount = base ? base.stateCount : 1;
  }

  addAll(patterns: Iterable<string>): this {
    for (const pattern of patterns) this.add(pattern);
    return this;
  }

  finish(): CompiledPhrases {
    return CompiledPhrases.assemble(this);
  }

  private add(pattern: string): void {
    // The same pattern twice (a context phrase several entries share) is compiled once.
    if (this.patterns.has(pattern)) return;
    let nodes: PatternNode[];
    try {
      nodes = parsePattern(pattern);
    } catch (error) {
      if (error instanceof PatternSyntaxError) throw new PatternSyntaxError(`${error.message} in "${pattern}"`, error.offset);
      throw error;
    }
    // The flagged words are compiled on the first match that needs them; their syntax is checked now.
    const focus = focusOf(pattern);
    if (focus !== undefined) {
      try {
        parsePattern(focus);
      } catch (error) {
        if (error instanceof PatternSyntaxError) throw new PatternSyntaxError(`${error.message} in "${focus}"`, error.offset);
        throw error;
      }
    }
    this.words = [];
    const end = this.sequence(nodes, 0);
    this.patterns.set(pattern, { end, words: this.words });
  }

  private label(text: string): number {
    let id = this.labelIds.get(text);
    if (id === undefined) {
      id = this.labels.length;
      this.labels.push(text);
      this.labelIds.set(text, id);
    }
    return id;
  }

  private newState(): number {
    return this.stateCount++;
  }

  private edge(from: number, kind: number, label: number, to: number): void {
    this.edges.push(from, kind | (label << KIND_BITS), to);
  }

  /** Compiles `nodes` from `from`; the last one ends in `to` when given (a choice's common end). */
  private sequence(nodes: PatternNode[], from: number, to?: number): number {
    if (nodes.length === 0) {
      if (to === undefined) return from;
      this.edge(from, EDGE_EPSILON, 0, to);
      return to;
    }
    let at = from;
    nodes.forEach((node, i) => (at = this.node(node, at, i === nodes.length - 1 ? to : undefined)));
    return at;
  }

  /**
   * A node's edges from `from`, ending in `to` (or a new state). Phrases have no loops, so the
   * options of a choice start at `from` and end in one state, with no epsilon edges around
   * them: epsilons are left only for optional words and gaps, and a state's closure stays small.
   */
  private node(node: PatternNode, from: number, to = -1): number {
    const target = () => (to >= 0 ? to : this.newState());
    switch (node.type) {
      case 'word': {
        const end = target();
        const label = this.label(node.word);
        this.edge(from, EDGE_WORD, label, end);
        // the vocabulary needs each word once, in the order first seen
        if (!this.words.includes(label)) this.words.push(label);
        return end;
      }
      case 'prefix':
      case 'suffix':
      case 'infix': {
        const end = target();
        const kind = node.type === 'prefix' ? EDGE_PREFIX : node.type === 'suffix' ? EDGE_SUFFIX : EDGE_INFIX;
        const text = node.type === 'prefix' ? node.prefix : node.type === 'suffix' ? node.suffix : node.infix;
        this.edge(from, kind, this.label(text), end);
        return end;
      }
      case 'any': {
        const end = target();
        this.edge(from, EDGE_ANY, 0, end);
        return end;
      }
      case 'gap': {
        const end = target();
        let at = from;
        for (let i = 0; i < node.max; i++) {
          this.edge(at, EDGE_EPSILON, 0, end);
          const next = this.newState();
          this.edge(at, EDGE_ANY, 0, next);
          at = next;
        }
        this.edge(at, EDGE_EPSILON, 0, end);
        return end;
      }
      case 'choice': {
        const end = target();
        if (node.optional) this.edge(from, EDGE_EPSILON, 0, end);
        for (const option of node.options) this.sequence(option, from, end);
        return end;
      }
    }
  }
}

class VarintWriter {
  private buffer = new Uint8Array(1024);
  private length = 0;

  unsigned(value: number): void {
    if (this.length + 8 > this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    while (value >= 0x80) {
      this.buffer[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.length++] = value;
  }

  signed(value: number): void {
    this.unsigned(value < 0 ? -2 * value - 1 : 2 * value);
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

class VarintReader {
  private at = 0;
  constructor(private readonly buffer: Uint8Array) {}

  unsigned(): number {
    let value = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = this.buffer[this.at++];
      value += (byte & 0x7f) * scale;
      scale *= 0x80;
    } while (byte >= 0x80);
    return value;
  }

  signed(): number {
    const zigzag = this.unsigned();
    return zigzag % 2 === 1 ? -(zigzag + 1) / 2 : zigzag / 2;
  }
}

// The engine has no Node imports; Buffer is used when present (it is, in every process we ship).
declare const Buffer: { from(data: Uint8Array | string, encoding?: string): Uint8Array & { toString(encoding: string): string } } | undefined;

function bytesToBase64(bytes: Uint8Array): string {
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes).toString('base64');
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64ToBytes(base64: string): Uint8Array {
  if (typeof Buffer !== 'undefined') return Buffer.from(base64, 'base64');
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}

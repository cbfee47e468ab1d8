import type { Token } from './tokenize';
import { focusOf, parsePattern, PatternSyntaxError, type PatternNode } from './phrasePattern';
import { closestWord } from './fuzzyWord';

/** One phrase to find, with whatever its owner needs back on a match. */
export interface PhraseSpec<Owner> {
  pattern: string;
  owner: Owner;
}

export interface PhraseMatch<Owner> {
  owner: Owner;
  /** which spec matched, in the order given */
  spec: number;
  /** index of the first and last token of the match */
  firstToken: number;
  lastToken: number;
  start: number;
  end: number;
}

interface Transitions {
  words: Map<string, number[]>;
  prefixes: Array<[string, number]>;
  suffixes: Array<[string, number]>;
  any: number[];
  accepts: number[];
}

interface State {
  /** created on first use: most states have no word edges, and fifteen thousand empty maps cost */
  words?: Map<string, number[]>;
  prefixes: Array<[string, number]>;
  suffixes: Array<[string, number]>;
  any: number[];
  epsilon: number[];
  accepts: number[];
}

/**
 * Adverbs that real replies slip into a formula ("we *sincerely* apologise", "we are
 * *truly* sorry"); inside a match they are skipped, so phrases need not list them.
 */
const FILLERS = new Set([
  'sincerely', 'truly', 'really', 'deeply', 'very', 'so', 'greatly', 'genuinely', 'terribly',
  'extremely', 'awfully', 'again', 'once', 'also', 'do', 'most', 'profusely', 'humbly',
]);

/**
 * All phrases of all rules compiled into one nondeterministic automaton over words.
 * Every phrase starts from the same root, so the work per word is one lookup at the
 * root plus the partial matches in flight: it does not grow with the number of phrases.
 */
export class PhraseAutomaton<Owner> {
  private readonly states: State[] = [];
  private readonly specs: Array<PhraseSpec<Owner>> = [];
  /** per spec: the automaton of its flagged words, when `<` `>` narrow the match */
  private readonly focus: Array<PhraseAutomaton<null> | undefined> = [];
  private readonly closures = new Map<number, number[]>();
  private readonly vocabulary = new Set<string>();
  private readonly canonical = new Map<string, string>();
  private compiled: Array<Transitions | undefined> = [];

  constructor(specs: Iterable<PhraseSpec<Owner>>) {
    this.newState();
    for (const spec of specs) this.add(spec);
    // A packed array (no holes) keeps the per-word table lookup on V8's fast path.
    this.compiled = new Array<Transitions | undefined>(this.states.length).fill(undefined);
    this.transitions(0);
  }

  get size(): number {
    return this.specs.length;
  }

  private add(spec: PhraseSpec<Owner>): void {
    let nodes: PatternNode[];
    try {
      nodes = parsePattern(spec.pattern);
    } catch (error) {
      if (error instanceof PatternSyntaxError) throw new PatternSyntaxError(`${error.message} in "${spec.pattern}"`, error.offset);
      throw error;
    }
    const end = this.compileSequence(nodes, 0);
    this.states[end].accepts.push(this.specs.length);
    this.specs.push(spec);
    const focus = focusOf(spec.pattern);
    this.focus.push(focus === undefined ? undefined : new PhraseAutomaton([{ pattern: focus, owner: null }]));
  }

  private newState(): number {
    this.states.push({ prefixes: [], suffixes: [], any: [], epsilon: [], accepts: [] });
    return this.states.length - 1;
  }

  private compileSequence(nodes: PatternNode[], from: number): number {
    let at = from;
    for (const node of nodes) at = this.compileNode(node, at);
    return at;
  }

  private compileNode(node: PatternNode, from: number): number {
    const state = this.states[from];
    switch (node.type) {
      case 'word': {
        const to = this.newState();
        state.words ??= new Map();
        const targets = state.words.get(node.word);
        if (targets) targets.push(to);
        else state.words.set(node.word, [to]);
        this.vocabulary.add(node.word);
        return to;
      }
      case 'prefix': {
        const to = this.newState();
        state.prefixes.push([node.prefix, to]);
        return to;
      }
      case 'suffix': {
        const to = this.newState();
        state.suffixes.push([node.suffix, to]);
        return to;
      }
      case 'gap': {
        const end = this.newState();
        let at = from;
        for (let i = 0; i < node.max; i++) {
          this.states[at].epsilon.push(end);
          const next = this.newState();
          this.states[at].any.push(next);
          at = next;
        }
        this.states[at].epsilon.push(end);
        return end;
      }
      case 'choice': {
        const end = this.newState();
        if (node.optional) state.epsilon.push(end);
        for (const option of node.options) {
          const entry = this.newState();
          state.epsilon.push(entry);
          const optionEnd = this.compileSequence(option, entry);
          this.states[optionEnd].epsilon.push(end);
        }
        return end;
      }
    }
  }

  private closure(state: number): number[] {
    let cached = this.closures.get(state);
    if (cached) return cached;
    const seen = new Set<number>([state]);
    const stack = [state];
    while (stack.length > 0) {
      for (const next of this.states[stack.pop()!].epsilon) {
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

  /** A misspelt long word is read as the phrase word it is one or two edits away from. */
  private canonicalWord(word: string): string {
    if (this.vocabulary.has(word) || word.length < 7) return word;
    let known = this.canonical.get(word);
    if (known === undefined) {
      known = closestWord(word, this.vocabulary) ?? word;
      this.canonical.set(word, known);
    }
    return known;
  }

  /**
   * Epsilon-free transitions of a state, built on first use: the state carries the edges
   * of every state its epsilon closure reaches. The root's table thus merges the first
   * words of all phrases, and a word costs one map lookup there, however many phrases.
   */
  private transitions(index: number): Transitions {
    let merged = this.compiled[index];
    if (merged) return merged;
    merged = { words: new Map(), prefixes: [], suffixes: [], any: [], accepts: [] };
    for (const member of this.closure(index)) {
      const state = this.states[member];
      for (const [word, targets] of state.words ?? []) {
        const known = merged.words.get(word);
        if (known) known.push(...targets);
        else merged.words.set(word, [...targets]);
      }
      merged.prefixes.push(...state.prefixes);
      merged.suffixes.push(...state.suffixes);
      merged.any.push(...state.any);
      merged.accepts.push(...state.accepts);
    }
    this.compiled[index] = merged;
    return merged;
  }

  /** Every match of every phrase, including overlapping ones; callers pick. */
  findAll(tokens: Token[]): Array<PhraseMatch<Owner>> {
    const matches: Array<PhraseMatch<Owner>> = [];
    // Partial matches in flight: state → the earliest first token that reached it.
    // Two maps, swapped and cleared per word, so a long reply makes no garbage per word.
    let active = new Map<number, number>();
    let next = new Map<number, number>();
    let word = '';
    let i = 0;
    // The same phrase can be reached twice for one span (through different alternatives):
    // keep one, keyed by first token and phrase, among the matches ending at this word.
    const acceptedHere = new Set<number>();
    const specCount = this.specs.length;
    const reach = (target: number, first: number) => {
      const known = next.get(target);
      if (known !== undefined && known <= first) return;
      next.set(target, first);
      const { accepts } = this.transitions(target);
      for (const spec of accepts) {
        const key = first * specCount + spec;
        if (acceptedHere.has(key)) continue;
        acceptedHere.add(key);
        matches.push(this.narrow(spec, tokens, first, i));
      }
    };
    const advance = (state: number, first: number) => {
      const from = this.transitions(state);
      for (const target of from.any) reach(target, first);
      if (!word) return;
      const byWord = from.words.get(word);
      if (byWord) for (const target of byWord) reach(target, first);
      for (const [prefix, target] of from.prefixes) if (word.startsWith(prefix)) reach(target, first);
      for (const [suffix, target] of from.suffixes) {
        if (word.endsWith(suffix) && word.length > suffix.length + 1) reach(target, first);
      }
    };
    for (i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.kind === 'break') {
        active.clear();
        continue;
      }
      next.clear();
      acceptedHere.clear();
      word = token.kind === 'word' ? this.canonicalWord(token.norm) : '';
      const isFiller = FILLERS.has(word);
      // forEach, not for-of: no [key, value] array per entry on the hot path.
      active.forEach((first, state) => {
        advance(state, first);
        if (isFiller && !next.has(state)) next.set(state, first);
      });
      advance(0, i);
      [active, next] = [next, active];
    }
    return matches;
  }

  private narrow(spec: number, tokens: Token[], first: number, last: number): PhraseMatch<Owner> {
    // The flagged words are the leftmost, then longest, match of the focus: "<per our (terms|terms
    // of service)>" flags "per our terms of service", not just "per our terms".
    const focusAutomaton = this.focus[spec];
    const focus = focusAutomaton
      ?.findAll(tokens.slice(first, last + 1))
      .reduce<PhraseMatch<null> | undefined>(
        (best, candidate) =>
          !best || candidate.start < best.start || (candidate.start === best.start && candidate.end > best.end) ? candidate : best,
        undefined,
      );
    return {
      owner: this.specs[spec].owner,
      spec,
      firstToken: first,
      lastToken: last,
      start: focus ? focus.start : tokens[first].start,
      end: focus ? focus.end : tokens[last].end,
    };
  }
}

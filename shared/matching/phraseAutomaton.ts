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
  infixes: Array<[string, number]>;
  any: number[];
  accepts: number[];
}

interface State {
  /** created on first use: most states have no word edges, and fifteen thousand empty maps cost */
  words?: Map<string, number[]>;
  prefixes: Array<[string, number]>;
  suffixes: Array<[string, number]>;
  infixes: Array<[string, number]>;
  any: number[];
  epsilon: number[];
  accepts: number[];
}

/**
 * Adverbs that real replies slip into a formula ("we *sincerely* apologise", "we are
 * *truly* sorry"); inside a match they are skipped, so phrases need not list them.
 */
/** Cached DFA steps; past this many (an unusual vocabulary), the cache starts over. */
const DFA_STEP_CACHE_LIMIT = 200_000;

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
  private readonly acceptOf = new Map<string, number>();
  private readonly vocabulary = new Set<string>();
  private readonly canonical = new Map<string, string>();
  private compiled: Array<Transitions | undefined> = [];
  private readonly dfaStates: Array<{ nfa: number[]; accepts: number[] }> = [];
  private readonly dfaIds = new Map<string, number>();
  private readonly dfaSteps = new Map<string, number>();
  private readonly fillerAccepts = new Map<string, number[]>();
  private readonly rootDfa: number;

  constructor(specs: Iterable<PhraseSpec<Owner>>) {
    this.newState();
    for (const spec of specs) this.add(spec);
    // A packed array (no holes) keeps the per-word table lookup on V8's fast path.
    this.compiled = new Array<Transitions | undefined>(this.states.length).fill(undefined);
    this.rootDfa = this.dfaState([0]);
  }

  get size(): number {
    return this.specs.length;
  }

  private add(spec: PhraseSpec<Owner>): void {
    // The same pattern twice (a context phrase several entries share) is compiled once.
    const known = this.acceptOf.get(spec.pattern);
    if (known !== undefined) {
      this.states[known].accepts.push(this.specs.length);
      this.specs.push(spec);
      this.focus.push(this.focus[this.states[known].accepts[0]]);
      return;
    }
    let nodes: PatternNode[];
    try {
      nodes = parsePattern(spec.pattern);
    } catch (error) {
      if (error instanceof PatternSyntaxError) throw new PatternSyntaxError(`${error.message} in "${spec.pattern}"`, error.offset);
      throw error;
    }
    const end = this.compileSequence(nodes, 0);
    this.acceptOf.set(spec.pattern, end);
    this.states[end].accepts.push(this.specs.length);
    this.specs.push(spec);
    const focus = focusOf(spec.pattern);
    this.focus.push(focus === undefined ? undefined : new PhraseAutomaton([{ pattern: focus, owner: null }]));
  }

  private newState(): number {
    this.states.push({ prefixes: [], suffixes: [], infixes: [], any: [], epsilon: [], accepts: [] });
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
      case 'infix': {
        const to = this.newState();
        state.infixes.push([node.infix, to]);
        return to;
      }
      case 'any': {
        const to = this.newState();
        state.any.push(to);
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
    merged = { words: new Map(), prefixes: [], suffixes: [], infixes: [], any: [], accepts: [] };
    for (const member of this.closure(index)) {
      const state = this.states[member];
      for (const [word, targets] of state.words ?? []) {
        const known = merged.words.get(word);
        if (known) known.push(...targets);
        else merged.words.set(word, [...targets]);
      }
      merged.prefixes.push(...state.prefixes);
      merged.suffixes.push(...state.suffixes);
      merged.infixes.push(...state.infixes);
      merged.any.push(...state.any);
      merged.accepts.push(...state.accepts);
    }
    this.compiled[index] = merged;
    return merged;
  }

  /**
   * The automaton is run as a lazily built DFA: a set of NFA states reached from one
   * start word becomes one DFA state, and each (DFA state, word) step is computed once
   * and cached. A word then costs one cached lookup per partial match in flight (one per
   * start word still alive), however many phrases share that word.
   */
  private dfaState(nfaStates: number[]): number {
    const sorted = [...new Set(nfaStates)].sort((a, b) => a - b);
    const key = sorted.join(',');
    let id = this.dfaIds.get(key);
    if (id === undefined) {
      id = this.dfaStates.length;
      const accepts = new Set<number>();
      for (const state of sorted) for (const spec of this.transitions(state).accepts) accepts.add(spec);
      this.dfaStates.push({ nfa: sorted, accepts: [...accepts] });
      this.dfaIds.set(key, id);
    }
    return id;
  }

  /** The DFA state after `word` ("" for an opaque token), or -1 when every partial match dies. */
  private step(dfa: number, word: string): number {
    const key = `${dfa}\u0000${word}`;
    const known = this.dfaSteps.get(key);
    if (known !== undefined) return known;
    const targets: number[] = [];
    for (const state of this.dfaStates[dfa].nfa) {
      const from = this.transitions(state);
      targets.push(...from.any);
      if (!word) continue;
      const byWord = from.words.get(word);
      if (byWord) targets.push(...byWord);
      for (const [prefix, target] of from.prefixes) if (word.startsWith(prefix)) targets.push(target);
      for (const [suffix, target] of from.suffixes) {
        if (word.endsWith(suffix) && word.length > suffix.length + 1) targets.push(target);
      }
      for (const [infix, target] of from.infixes) if (word.includes(infix)) targets.push(target);
    }
    // A filler adverb inside a formula leaves every partial match where it was. What the
    // filler itself completes is recorded apart: a match ends at its last pattern word, never
    // on a filler after it ("please be advised that *once* the refund clears" keeps "once").
    let next: number;
    if (dfa !== this.rootDfa && FILLERS.has(word)) {
      const completed = targets.length === 0 ? [] : this.dfaStates[this.dfaState(targets)].accepts;
      next = this.dfaState([...targets, ...this.dfaStates[dfa].nfa]);
      if (this.fillerAccepts.size >= DFA_STEP_CACHE_LIMIT) this.fillerAccepts.clear();
      this.fillerAccepts.set(key, completed);
    } else {
      next = targets.length === 0 ? -1 : this.dfaState(targets);
    }
    if (this.dfaSteps.size >= DFA_STEP_CACHE_LIMIT) this.dfaSteps.clear();
    this.dfaSteps.set(key, next);
    return next;
  }

  /** The phrases a step completes with its word: for a filler step, only what the word itself ends. */
  private completedBy(from: number, to: number, word: string): number[] {
    if (from === this.rootDfa || !FILLERS.has(word)) return this.dfaStates[to].accepts;
    const key = `${from}\u0000${word}`;
    let completed = this.fillerAccepts.get(key);
    if (completed === undefined) {
      // evicted from the cache: recompute it
      this.dfaSteps.delete(key);
      this.step(from, word);
      completed = this.fillerAccepts.get(key) ?? [];
    }
    return completed;
  }

  /** Every match of every phrase, including overlapping ones; callers pick. */
  findAll(tokens: Token[]): Array<PhraseMatch<Owner>> {
    const matches: Array<PhraseMatch<Owner>> = [];
    // Partial matches in flight, one DFA state per start word: [first token, DFA state] pairs.
    let active: number[] = [];
    let next: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.kind === 'break') {
        active.length = 0;
        continue;
      }
      const word = token.kind === 'word' ? this.canonicalWord(token.norm) : '';
      next.length = 0;
      const advance = (first: number, from: number) => {
        const to = this.step(from, word);
        if (to < 0) return;
        next.push(first, to);
        for (const spec of this.completedBy(from, to, word)) matches.push(this.narrow(spec, tokens, first, i));
      };
      for (let k = 0; k < active.length; k += 2) advance(active[k], active[k + 1]);
      advance(i, this.rootDfa);
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

import type { Token } from './tokenize';
import { CompiledPhrases, EDGE_ANY, EDGE_PREFIX, EDGE_SUFFIX, EDGE_WORD } from './phraseNfa';
import { focusOf } from './phrasePattern';
import { FOLDED_LENGTH, FuzzyVocabulary } from './fuzzyWord';

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

interface DfaState {
  nfa: number[];
  /** specs completed on entering this state, in spec order */
  accepts: number[];
  /** symbol → next DFA state (-1: every partial match died) */
  next: Map<number, number>;
  /** filler symbol → what the filler word itself completes */
  fillerAccepts?: Map<number, number[]>;
  /** where "any word" leads from it, found on its first step */
  any?: number[];
  /** for a large state: the words and affixes it continues with */
  index?: { labels: Set<number>; affixes: Array<[number, string]> };
}

/** A word as the automaton reads it: its text, its word label (-1 if no phrase has it) and whether it is a filler. */
interface WordSymbol {
  text: string;
  label: number;
  filler: boolean;
}

/** Cached DFA steps; past this many (an unusual vocabulary), the caches start over. */
const DFA_STEP_CACHE_LIMIT = 200_000;
/** Distinct token words remembered; past this, they are read again. */
const SYMBOL_CACHE_LIMIT = 50_000;

/**
 * Adverbs that real replies slip into a formula ("we *sincerely* apologise", "we are
 * *truly* sorry"); inside a match they are skipped, so phrases need not list them.
 */
const FILLERS = new Set([
  'sincerely', 'truly', 'really', 'deeply', 'very', 'so', 'greatly', 'genuinely', 'terribly',
  'extremely', 'awfully', 'again', 'once', 'also', 'do', 'most', 'profusely', 'humbly',
]);

const NO_SPECS: number[] = [];
/** A DFA state of this many NFA states or more keeps the set of words it continues with. */
const INDEXED_STATE = 16;

/** The symbol of a word no edge names and no affix matches: it behaves as an opaque token does. */
const OTHER = 0;

/**
 * All phrases of all rules compiled into one nondeterministic automaton over words.
 * Every phrase starts from the same root, so the work per word is one lookup at the
 * root plus the partial matches in flight: it does not grow with the number of phrases.
 *
 * Words are read as integer symbols: a word that no phrase names and no prefix, suffix or
 * infix matches is one symbol (as a placeholder is), so the DFA below has one cached step
 * for all of them, and most words of a new document cost one map lookup.
 */
export class PhraseAutomaton<Owner> {
  private readonly nfa: CompiledPhrases;
  private readonly specs: Array<PhraseSpec<Owner>>;
  /** per NFA state that ends a pattern of this automaton: the specs it completes, in spec order */
  private readonly acceptsAt = new Map<number, number[]>();
  private readonly vocabulary = new Set<string>();
  private readonly fuzzy: FuzzyVocabulary;
  /** per state: the specs its epsilon closure completes (states that complete none are absent) */
  private acceptClosure: Map<number, number[]> | undefined;
  private readonly dfaStates: DfaState[] = [];
  private readonly dfaIds = new Map<string, number>();
  private cachedSteps = 0;
  private symbols: WordSymbol[] = [];
  private readonly symbolOf = new Map<string, number>();
  private readonly rootDfa: number;

  /** `base`: phrases compiled beforehand (the built-in packs); patterns it lacks are compiled on top. */
  constructor(specs: Iterable<PhraseSpec<Owner>>, base?: CompiledPhrases) {
    this.specs = [...specs];
    const patterns = this.specs.map((spec) => spec.pattern);
    this.nfa = base ? base.extend(patterns) : CompiledPhrases.compile(patterns);
    const vocabulary: string[] = [];
    this.specs.forEach((spec, index) => {
      const compiled = this.nfa.patterns.get(spec.pattern)!;
      const accepts = this.acceptsAt.get(compiled.end);
      if (accepts) accepts.push(index);
      else this.acceptsAt.set(compiled.end, [index]);
      for (const label of compiled.words) {
        const word = this.nfa.labels[label];
        if (!this.vocabulary.has(word)) {
          this.vocabulary.add(word);
          vocabulary.push(word);
        }
      }
    });
    this.fuzzy = new FuzzyVocabulary(vocabulary);
    this.resetSymbols();
    this.rootDfa = this.dfaState([0]);
  }

  get size(): number {
    return this.specs.length;
  }

  private resetSymbols(): void {
    this.symbols = [{ text: '', label: -1, filler: false }];
    this.symbolOf.clear();
  }

  /**
   * The symbol of a token's word. A misspelt long word is read as the phrase word it is one
   * or two edits away from; a word that nothing can match is OTHER.
   */
  private symbol(norm: string): number {
    let symbol = this.symbolOf.get(norm);
    if (symbol !== undefined) return symbol;
    if (this.symbolOf.size >= SYMBOL_CACHE_LIMIT) {
      // Symbols number the DFA's cached steps: forget both together.
      this.resetSymbols();
      this.forgetSteps();
    }
    const word = this.vocabulary.has(norm) || norm.length < FOLDED_LENGTH ? norm : (this.fuzzy.closest(norm) ?? norm);
    const label = this.vocabulary.has(word) ? (this.nfa.labelIds.get(word) ?? -1) : -1;
    const filler = FILLERS.has(word);
    if (label < 0 && !filler && !this.matchesAffix(word)) {
      symbol = OTHER;
    } else {
      symbol = this.symbols.length;
      this.symbols.push({ text: word, label, filler });
    }
    this.symbolOf.set(norm, symbol);
    return symbol;
  }

  private matchesAffix(word: string): boolean {
    for (const [kind, text] of this.nfa.affixes()) if (affixMatches(kind, text, word)) return true;
    return false;
  }

  private forgetSteps(): void {
    for (const state of this.dfaStates) {
      state.next.clear();
      state.fillerAccepts?.clear();
    }
    this.cachedSteps = 0;
  }

  /** The specs of this automaton that end in `state` or in a state its epsilon closure reaches. */
  private acceptsOf(state: number): number[] {
    if (!this.acceptClosure) {
      // Read backwards from each end state along epsilon edges: a few states each, where the
      // closure of every state a DFA state holds would be thousands.
      this.acceptClosure = new Map();
      for (const [end, specs] of this.acceptsAt) {
        const seen = new Set<number>([end]);
        const stack = [end];
        while (stack.length > 0) {
          const at = stack.pop()!;
          const known = this.acceptClosure.get(at);
          if (known) known.push(...specs);
          else this.acceptClosure.set(at, [...specs]);
          for (const from of this.nfa.epsilonSources(at)) {
            if (!seen.has(from)) {
              seen.add(from);
              stack.push(from);
            }
          }
        }
      }
    }
    return this.acceptClosure.get(state) ?? NO_SPECS;
  }

  /**
   * The automaton is run as a lazily built DFA: a set of NFA states reached from one
   * start word becomes one DFA state, and each (DFA state, symbol) step is computed once
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
      for (const state of sorted) for (const spec of this.acceptsOf(state)) accepts.add(spec);
      // Spec order, whatever NFA state a spec ends in: of two matches of the same words, the earlier spec comes first.
      this.dfaStates.push({ nfa: sorted, accepts: [...accepts].sort((a, b) => a - b), next: new Map() });
      this.dfaIds.set(key, id);
    }
    return id;
  }

  /** The DFA state after a word, or -1 when every partial match dies. */
  private step(dfa: number, symbol: number): number {
    const from = this.dfaStates[dfa];
    const known = from.next.get(symbol);
    if (known !== undefined) return known;
    const { text: word, label, filler } = this.symbols[symbol];
    // What this word reaches beyond "any word"; a word that reaches nothing more steps as OTHER does.
    let reached: number[] | undefined;
    if (symbol !== OTHER && this.mayReach(from, label, word)) {
      const { hasEpsilon, edgeStart, edgeKind, edgeLabel, edgeTo, labels } = this.nfa;
      for (const state of from.nfa) {
        if (hasEpsilon[state] || state === 0) {
          const edges = this.nfa.edgesOf(state);
          const byWord = label >= 0 ? edges.words.get(label) : undefined;
          if (byWord) (reached ??= []).push(...byWord);
          for (const [kind, text, target] of edges.affixes) if (affixMatches(kind, text, word)) (reached ??= []).push(target);
          continue;
        }
        // Most states inside a phrase have an edge or two and no epsilon: read them where they are.
        for (let e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
          const kind = edgeKind[e];
          if (kind === EDGE_WORD ? edgeLabel[e] === label : kind !== EDGE_ANY && affixMatches(kind, labels[edgeLabel[e]], word)) {
            (reached ??= []).push(edgeTo[e]);
          }
        }
      }
    }
    if (this.cachedSteps >= DFA_STEP_CACHE_LIMIT) this.forgetSteps();
    // A filler adverb inside a formula leaves every partial match where it was. What the
    // filler itself completes is recorded apart: a match ends at its last pattern word, never
    // on a filler after it ("please be advised that *once* the refund clears" keeps "once").
    let next: number;
    if (dfa !== this.rootDfa && filler) {
      const any = this.anyOf(from);
      const targets = reached ? [...any, ...reached] : any;
      const completed = targets.length === 0 ? [] : this.dfaStates[this.dfaState(targets)].accepts;
      next = this.dfaState([...targets, ...from.nfa]);
      (from.fillerAccepts ??= new Map()).set(symbol, completed);
    } else if (reached) {
      next = this.dfaState([...this.anyOf(from), ...reached]);
    } else if (symbol !== OTHER) {
      next = this.step(dfa, OTHER);
    } else {
      const any = this.anyOf(from);
      next = any.length === 0 ? -1 : this.dfaState(any);
    }
    from.next.set(symbol, next);
    this.cachedSteps++;
    return next;
  }

  /**
   * Whether a word can reach anything beyond "any word" from a DFA state. A large state (the
   * words after "we" start hundreds of phrases) keeps the set of words it continues with, so
   * most new words are turned away without reading its hundreds of NFA states.
   */
  private mayReach(from: DfaState, label: number, word: string): boolean {
    if (from.nfa.length < INDEXED_STATE) return true;
    if (!from.index) {
      const labels = new Set<number>();
      const affixes: Array<[number, string]> = [];
      const { hasEpsilon, edgeStart, edgeKind, edgeLabel, labels: texts } = this.nfa;
      for (const state of from.nfa) {
        if (hasEpsilon[state] || state === 0) {
          const edges = this.nfa.edgesOf(state);
          for (const wordLabel of edges.words.keys()) labels.add(wordLabel);
          for (const [kind, text] of edges.affixes) affixes.push([kind, text]);
          continue;
        }
        for (let e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
          if (edgeKind[e] === EDGE_WORD) labels.add(edgeLabel[e]);
          else if (edgeKind[e] !== EDGE_ANY) affixes.push([edgeKind[e], texts[edgeLabel[e]]]);
        }
      }
      from.index = { labels, affixes };
    }
    if (label >= 0 && from.index.labels.has(label)) return true;
    for (const [kind, text] of from.index.affixes) if (affixMatches(kind, text, word)) return true;
    return false;
  }

  /** Where "any word" leads from a DFA state's NFA states (`*` and gaps). */
  private anyOf(from: DfaState): number[] {
    if (from.any) return from.any;
    const any: number[] = [];
    const { hasEpsilon, edgeStart, edgeKind, edgeTo } = this.nfa;
    for (const state of from.nfa) {
      if (hasEpsilon[state] || state === 0) any.push(...this.nfa.edgesOf(state).any);
      else for (let e = edgeStart[state]; e < edgeStart[state + 1]; e++) if (edgeKind[e] === EDGE_ANY) any.push(edgeTo[e]);
    }
    from.any = any;
    return any;
  }

  /** Every match of every phrase, including overlapping ones; callers pick. */
  findAll(tokens: Token[]): Array<PhraseMatch<Owner>> {
    const matches: Array<PhraseMatch<Owner>> = [];
    // Partial matches in flight, one DFA state per start word: [first token, DFA state] pairs.
    let active: number[] = [];
    let next: number[] = [];
    const root = this.rootDfa;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.kind === 'break') {
        active.length = 0;
        continue;
      }
      const symbol = token.kind === 'word' ? this.symbol(token.norm) : OTHER;
      next.length = 0;
      // the pairs in flight, then a new start at this word (k === active.length)
      for (let k = 0; k <= active.length; k += 2) {
        const first = k < active.length ? active[k] : i;
        const from = k < active.length ? active[k + 1] : root;
        const to = this.step(from, symbol);
        if (to < 0) continue;
        next.push(first, to);
        const completed =
          from !== root && this.symbols[symbol].filler ? this.dfaStates[from].fillerAccepts!.get(symbol)! : this.dfaStates[to].accepts;
        for (const spec of completed) matches.push(this.narrow(spec, tokens, first, i));
      }
      [active, next] = [next, active];
    }
    return matches;
  }

  private narrow(spec: number, tokens: Token[], first: number, last: number): PhraseMatch<Owner> {
    // The flagged words are the leftmost, then longest, match of the focus: "<per our (terms|terms
    // of service)>" flags "per our terms of service", not just "per our terms".
    const focusAutomaton = focusAutomatonOf(this.specs[spec].pattern, this.nfa);
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

function affixMatches(kind: number, text: string, word: string): boolean {
  if (kind === EDGE_PREFIX) return word.startsWith(text);
  if (kind === EDGE_SUFFIX) return word.endsWith(text) && word.length > text.length + 1;
  return word.includes(text);
}

/**
 * The automaton of a pattern's flagged words, when `<` `>` narrow its match; made on the first
 * match that needs it (the compile of the pattern checked it already), once per process. The
 * built-in packs' focus phrases are compiled with them at build time, so this compiles nothing.
 */
const focusAutomata = new Map<string, PhraseAutomaton<null> | null>();

function focusAutomatonOf(pattern: string, nfa: CompiledPhrases): PhraseAutomaton<null> | undefined {
  let automaton = focusAutomata.get(pattern);
  if (automaton === undefined) {
    const focus = focusOf(pattern);
    const specs = [{ pattern: focus ?? '', owner: null }];
    automaton = focus === undefined ? null : nfa.has(focus) ? new PhraseAutomaton(specs, nfa) : new PhraseAutomaton(specs);
    if (focusAutomata.size >= 10_000) focusAutomata.clear();
    focusAutomata.set(pattern, automaton);
  }
  return automaton ?? undefined;
}

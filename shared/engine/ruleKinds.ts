import type { LinearPattern } from '../matching/linearPattern';
import type { PhraseMatch } from '../matching/phraseAutomaton';
import { expandDefines } from '../matching/phrasePattern';
import type { ReplyStructure } from '../reply/segmentReply';
import type { PhraseContext, PhraseEntry, RuleDefinition } from '../rules/ruleDefinition';
import { placeholdersFor } from '../placeholders/platformPlaceholders';
import { isSentenceStart, replacementEdits, sentenceInsertEdits } from './edits';
import { lengthFindings } from './lengthRule';
import { placeholderFindings } from './placeholderRule';
import type { Finding, FindingSeverity, ReplyContext, Suggestion } from './types';

/**
 * The rule kinds are the code; rules are data. Each kind turns the matches of its
 * rule's phrases into findings. A new kind goes here when data alone cannot say it.
 */

/** What a compiled phrase stands for: which rule, and in which role. */
export interface PhraseOwner {
  rule: number;
  role: 'flag' | 'except' | 'satisfy' | 'when' | 'unless' | 'insert';
  /** index into the rule's phrase entries, for message and suggestions */
  entry: number;
  /** for `when` and `unless`: how far from the flagged words the context counts */
  scope?: 'sentence' | 'reply';
}

export interface ActiveRule {
  definition: RuleDefinition;
  severity: FindingSeverity;
  /** `options` of the rule's setting in a rule file ({ max: 2 }, { social: 250 }) */
  options: Record<string, unknown>;
  /** phrase entries in one shape, whatever form the data used */
  entries: NormalisedEntry[];
  /** pattern rules: the compiled regular expression */
  pattern?: LinearPattern;
}

export interface NormalisedEntry {
  /** patterns with every `{name}` spelled out */
  patterns: string[];
  message?: string;
  suggest: string[];
  /** a safe replacement (substitute rules) */
  fix?: string;
  when?: PhraseContext;
  unless?: PhraseContext;
}

/**
 * The phrase entries of a rule in one shape. Entries marked `strict` are left out unless the
 * strict preset is on: they are the milder forms a support lead would not send back.
 */
export function normaliseEntries(definition: RuleDefinition, options: { strict?: boolean } = {}): NormalisedEntry[] {
  const expand = (patterns: string[]) => patterns.map((pattern) => expandDefines(pattern, definition.define));
  const expandContext = (context: PhraseContext | undefined): PhraseContext | undefined =>
    context && {
      sentence: context.sentence && expand(context.sentence),
      reply: context.reply && expand(context.reply),
    };
  if (definition.kind === 'substitute') {
    return Object.entries(definition.swap ?? {}).map(([from, to]) => ({ patterns: expand([from]), suggest: [], fix: to }));
  }
  return (definition.phrases ?? []).flatMap((phrase: string | PhraseEntry): NormalisedEntry[] => {
    if (typeof phrase === 'string') return [{ patterns: expand([phrase]), suggest: [] }];
    if (phrase.strict && !options.strict) return [];
    return [
      {
        patterns: expand(Array.isArray(phrase.match) ? phrase.match : [phrase.match]),
        message: phrase.message,
        suggest: phrase.suggest ?? [],
        fix: phrase.fix,
        when: expandContext(phrase.when),
        unless: expandContext(phrase.unless),
      },
    ];
  });
}

/** What a rule can offer, derived from its data: safe fixes, suggestions, or both. */
export function fixCapabilities(definition: RuleDefinition): { fixable: boolean; suggestions: boolean } {
  // Misspelt variables and leftovers get a fix where the right placeholder is unambiguous.
  if (definition.kind === 'placeholders') return { fixable: true, suggestions: false };
  const entries = normaliseEntries(definition, { strict: true });
  return {
    fixable: entries.some((entry) => entry.fix !== undefined),
    suggestions: (definition.insert?.length ?? 0) > 0 || entries.some((entry) => entry.suggest.length > 0),
  };
}

export function evaluateRule(
  rule: ActiveRule,
  matches: Array<PhraseMatch<PhraseOwner>>,
  reply: ReplyStructure,
  sentenceOf: (token: number) => number,
  replyContext: ReplyContext = {},
): Finding[] {
  const flagged = matches.filter((match) => match.owner.role === 'flag' || match.owner.role === 'satisfy');
  const excepted = matches.filter((match) => match.owner.role === 'except');
  const isExcepted = overlapTest(excepted);
  const context = contextTest(matches, sentenceOf);
  const kept = flagged.filter((match) => {
    if (isExcepted(match.start, match.end)) return false;
    const entry = rule.entries[match.owner.entry];
    if (!entry || (!entry.when && !entry.unless)) return true;
    const sentence = sentenceOf(match.firstToken);
    if (entry.when && !context.has('when', match.owner.entry, sentence)) return false;
    return !(entry.unless && context.has('unless', match.owner.entry, sentence));
  });
  switch (rule.definition.kind) {
    case 'phrase':
    case 'substitute':
      return longestFirst(kept).map((match) => phraseFinding(rule, match, reply.text, replyContext));
    case 'require':
      return kept.length > 0 ? [] : [missingFinding(rule, reply, matches)];
    case 'limit':
      return longestFirst(kept)
        .slice(limitOf(rule))
        .map((match) => phraseFinding(rule, match, reply.text, replyContext));
    case 'pattern':
      return patternFindings(rule, reply);
    case 'length':
      return lengthFindings(rule, reply, replyContext);
    case 'placeholders':
      return placeholderFindings(rule, reply, replyContext);
  }
}

/** How many matches a limit rule allows: the rule file's `options.max`, else the rule's own `max`. */
function limitOf(rule: ActiveRule): number {
  const max = rule.options.max;
  return typeof max === 'number' && Number.isInteger(max) && max >= 0 ? max : rule.definition.max ?? 0;
}

/**
 * Words a fix or suggestion may hold that depend on where the reply goes: `{customer-name}` is
 * the platform's placeholder for the customer's first name, or "there" when the platform is not known.
 */
function withContext(template: string, context: ReplyContext): string {
  if (!template.includes('{customer-name}')) return template;
  const name = (context.platform && placeholdersFor(context.platform)?.greeting) || 'there';
  return template.replace(/\{customer-name\}/g, name);
}

/** A pattern runs over the agent's own words only: not the front matter, quoted history or signature. */
function patternFindings(rule: ActiveRule, reply: ReplyStructure): Finding[] {
  if (!rule.pattern) return [];
  const { text } = reply;
  const findings: Finding[] = [];
  for (const span of reply.prose) {
    for (const { start, end } of rule.pattern.matches(text, span.start, span.end)) {
      const flagged = text.slice(start, end);
      findings.push({
        ruleId: rule.definition.id,
        severity: rule.severity,
        message: fillTemplate(rule.definition.message, flagged),
        start,
        end,
        suggestions: (rule.definition.suggest ?? []).map((template) => {
          const replacement = template.replace(/\{match\}/g, flagged);
          // What a pattern matched says nothing about the case of the words that replace it
          // ("INT-42" → "your request"): capitalise at a sentence start only.
          const shaped = isSentenceStart(text, start) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
          return {
            title: replacement === '' ? `Remove “${quote(flagged)}”` : `Rewrite as “${quote(replacement)}”`,
            edits: replacement === '' ? replacementEdits(text, start, end, '') : [{ start, end, text: shaped }],
          };
        }),
      });
    }
  }
  return findings;
}

/** Where the `when` and `unless` phrases of each entry were seen: in which sentences, or anywhere. */
function contextTest(matches: Array<PhraseMatch<PhraseOwner>>, sentenceOf: (token: number) => number) {
  const seen = new Set<string>();
  for (const match of matches) {
    const { role, entry, scope } = match.owner;
    if (role !== 'when' && role !== 'unless') continue;
    if (scope === 'reply') seen.add(`${role} ${entry} *`);
    else for (let token = match.firstToken; token <= match.lastToken; token++) seen.add(`${role} ${entry} ${sentenceOf(token)}`);
  }
  return {
    has: (role: 'when' | 'unless', entry: number, sentence: number) =>
      seen.has(`${role} ${entry} *`) || seen.has(`${role} ${entry} ${sentence}`),
  };
}

/** Leftmost-longest matches that do not overlap one another. */
function longestFirst(matches: Array<PhraseMatch<PhraseOwner>>): Array<PhraseMatch<PhraseOwner>> {
  const ordered = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: Array<PhraseMatch<PhraseOwner>> = [];
  let taken = -1;
  for (const match of ordered) {
    if (match.start < taken) continue;
    chosen.push(match);
    taken = match.end;
  }
  return chosen;
}

/** Whether [start, end) overlaps any of `spans`, in log time: spans are merged and sorted once. */
function overlapTest(spans: Array<{ start: number; end: number }>): (start: number, end: number) => boolean {
  const merged: Array<[number, number]> = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last[1]) last[1] = Math.max(last[1], span.end);
    else merged.push([span.start, span.end]);
  }
  return (start, end) => {
    let low = 0;
    let high = merged.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (merged[mid][1] <= start) low = mid + 1;
      else high = mid;
    }
    return low < merged.length && merged[low][0] < end;
  };
}

function phraseFinding(rule: ActiveRule, match: PhraseMatch<PhraseOwner>, text: string, context: ReplyContext): Finding {
  const entry = rule.entries[match.owner.entry];
  const flaggedText = text.slice(match.start, match.end);
  const suggestions: Suggestion[] = entry.suggest.flatMap((template) => {
    const expanded = expandTemplate(text, match.start, match.end, withContext(template, context));
    if (!expanded) return [];
    const { replacement, end } = expanded;
    if (replacement === '' && !removalLeavesASentence(text, match.start, end)) return [];
    return [
      {
        title: replacement === '' ? `Remove “${quote(flaggedText)}”` : `Rewrite as “${quote(replacement)}”`,
        edits: replacementEdits(text, match.start, end, replacement),
      },
    ];
  });
  const fixText = entry.fix === undefined ? undefined : withContext(entry.fix, context);
  const fix =
    fixText === undefined || (fixText === '' && !removalLeavesASentence(text, match.start, match.end))
      ? undefined
      : {
          title: fixText === '' ? `Remove “${quote(flaggedText)}”` : `Replace with “${fixText}”`,
          edits: replacementEdits(text, match.start, match.end, fixText),
        };
  return {
    ruleId: rule.definition.id,
    severity: rule.severity,
    message: fillTemplate(entry.message ?? rule.definition.message, flaggedText),
    start: match.start,
    end: match.end,
    fix,
    suggestions,
  };
}

/**
 * Whether deleting [start, end) leaves the writer a sentence, not a fragment: the words were the
 * whole sentence (and the reply says something else), an opening phrase set off by a comma or
 * ending in "that" ("As I said, …", "Please be advised that …"), or a closing clause after a comma
 * ("Hey Chris, we apologize for the inconvenience."), or a short modifier inside it ("approved by
 * you"). "… but safety is our top priority." is none of these: removing it would leave "… but.", so
 * no removal is offered.
 */
function removalLeavesASentence(text: string, start: number, end: number): boolean {
  // A sentence longer than this is not one a reader can check a removal in; bounding the scan
  // keeps a megabyte-long line linear however many findings it holds.
  const reach = 400;
  let sentenceStart = start;
  while (sentenceStart > 0 && !/[.!?\n\r]/.test(text[sentenceStart - 1])) {
    if (start - --sentenceStart > reach) return false;
  }
  let sentenceEnd = end;
  while (sentenceEnd < text.length && !/[.!?\n\r]/.test(text[sentenceEnd])) {
    if (++sentenceEnd - end > reach) return false;
  }
  // @mentions, agent initials ("^JM", "*KC") and thread counters ("1/2") are not words a reader keeps
  const words = (value: string) =>
    value.replace(/@[\p{L}\p{N}_]+|[\^*][\p{Lu}]{1,4}\b|\(?\d+\/\d+\)?/gu, '').match(/[\p{L}\p{N}]+/gu) ?? [];
  const before = text.slice(sentenceStart, start);
  const after = text.slice(end, sentenceEnd);
  const flagged = text.slice(start, end);
  if (words(before).length === 0 && words(after).length === 0) {
    // something else must be left: a reply is never reduced to nothing (or to its @mentions)
    return hasWordOutside(text, sentenceStart, sentenceEnd);
  }
  if (words(before).length === 0) {
    // an opening adverb ("Kindly restart it") goes as easily as a phrase set off by a comma
    return /^\s*[,;:—–-]/.test(after) || /\bthat\s*$/i.test(flagged) || /,\s*$/.test(flagged) || words(flagged).length <= 2;
  }
  if (words(after).length === 0) return /[,;:—–-]\s*$/.test(before);
  // inside a sentence, only a modifier goes without taking the sentence apart ("approved by you")
  return words(flagged).length <= 3;
}

function hasWordOutside(text: string, start: number, end: number): boolean {
  const word = /[\p{L}\p{N}]/u;
  for (let i = end; i < text.length; i++) if (word.test(text[i])) return true;
  for (let i = start - 1; i >= 0; i--) {
    if (!word.test(text[i])) continue;
    // a word inside a leading @mention does not count
    let j = i;
    while (j > 0 && /[\p{L}\p{N}_]/u.test(text[j - 1])) j--;
    if (text[j - 1] !== '@') return true;
    i = j - 1;
  }
  return false;
}

/**
 * A required thing is missing from the whole reply: the finding sits on the greeting
 * (or the first line of the reply), where the writer would add it.
 */
function missingFinding(rule: ActiveRule, reply: ReplyStructure, matches: Array<PhraseMatch<PhraseOwner>>): Finding {
  const { text } = reply;
  let start = reply.greeting?.start ?? reply.bodyStart;
  let end = reply.greeting?.end ?? sentenceEndFrom(text, reply.bodyStart);
  if (start >= text.length) {
    start = 0;
    end = 0;
  }
  // Sentences about what this reply is about come first, then the plain ones, each offered once.
  const about = new Set(matches.filter((match) => match.owner.role === 'insert').map((match) => match.owner.entry));
  const inserts = (rule.definition.insert ?? []).map((entry) => (typeof entry === 'string' ? { text: entry } : entry));
  const offered = [
    ...inserts.filter((entry, index) => entry.when && about.has(index)),
    ...inserts.filter((entry) => !entry.when),
  ];
  // A social reply must keep its @mentions first: the thanks goes after them.
  const mentions = /^(?:\s*@[\p{L}\p{N}_]+)+[ \t]*/u.exec(text.slice(reply.bodyStart, reply.bodyStart + 200));
  const insertAt = reply.bodyStart + (mentions ? mentions[0].length : 0);
  const suggestions = offered.map(({ text: sentence }) => ({
    title: `Add “${sentence}”`,
    edits: sentenceInsertEdits(text, insertAt, sentence),
  }));
  return {
    ruleId: rule.definition.id,
    severity: rule.severity,
    message: fillTemplate(rule.definition.message, text.slice(start, end)),
    start,
    end,
    suggestions,
  };
}

/**
 * Suggestions may reuse the writer's words: `{match}` is the flagged text, `{last}` its last
 * word, `{last-ing}` that word's -ing form, `{rest}` the rest of the clause (which the edit then
 * covers too): "you should have cleared your cache." → "Clearing your cache should fix this".
 */
function expandTemplate(
  text: string,
  start: number,
  end: number,
  template: string,
): { replacement: string; end: number } | undefined {
  if (!/\{(?:last|last-ing|rest|match)\}/.test(template)) return { replacement: template, end };
  const flagged = text.slice(start, end);
  const words = flagged.match(/[\p{L}'’]+/gu) ?? [];
  const last = words[words.length - 1] ?? '';
  let restEnd = end;
  if (template.includes('{rest}')) {
    restEnd = clauseEnd(text, end);
    if (restEnd < 0) return undefined;
  }
  const replacement = template
    .replace(/\{last-ing\}/g, ingForm(last))
    .replace(/\{last\}/g, last)
    .replace(/\{match\}/g, flagged)
    .replace(/\{rest\}/g, text.slice(end, restEnd));
  return { replacement, end: restEnd };
}

/** A rewrite reuses a clause, never a whole line: past this, the suggestion is not offered. */
const MAX_CLAUSE = 120;

/** The end of the clause that starts at `from`, or -1 when it runs past MAX_CLAUSE. */
function clauseEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_CLAUSE + 1);
  let end = from;
  while (end < limit && !/[.!?;,\n\r]/.test(text[end])) end++;
  if (end === limit && limit < text.length) return -1;
  while (end > from && /\s/.test(text[end - 1])) end--;
  return end;
}

const IRREGULAR_ING: Record<string, string> = {
  read: 'reading', told: 'telling', done: 'doing', sent: 'sending', made: 'making', known: 'knowing',
  written: 'writing', taken: 'taking', kept: 'keeping', given: 'giving', gone: 'going', seen: 'seeing',
  paid: 'paying', set: 'setting', put: 'putting', run: 'running', got: 'getting', gotten: 'getting',
};

export function ingForm(word: string): string {
  const lower = word.toLowerCase();
  if (IRREGULAR_ING[lower]) return IRREGULAR_ING[lower];
  if (lower.endsWith('ied')) return `${lower.slice(0, -3)}ying`;
  if (lower.endsWith('ed')) return `${lower.slice(0, -2)}ing`;
  if (lower.endsWith('ie')) return `${lower.slice(0, -2)}ying`;
  if (/[^aeiou]e$/.test(lower) && lower !== 'be') return `${lower.slice(0, -1)}ing`;
  return `${lower}ing`;
}

/** The end of the first sentence (or line) from `offset`, the place a reader looks first. */
function sentenceEndFrom(text: string, offset: number): number {
  const pattern = /[.!?](?=\s|$)|\r?\n|\r/g;
  pattern.lastIndex = offset;
  const stop = pattern.exec(text);
  const end = stop ? stop.index + (/[.!?]/.test(stop[0]) ? 1 : 0) : text.length;
  return offset + text.slice(offset, end).trimEnd().length;
}

function fillTemplate(template: string, flagged: string): string {
  return template.replace(/\{match\}/g, quote(flagged));
}

function quote(flagged: string): string {
  const flat = flagged.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/**
 * The shape of one rule as data: the built-in packs and the `custom:` entries of a
 * team's rule file are the same thing, so the format is always complete.
 */
export type Severity = 'off' | 'info' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['off', 'info', 'warning', 'error'];

/**
 * phrase: flag the phrases; substitute: swap a phrase for another (a safe fix); require: flag a
 * reply with none of the phrases; limit: flag the phrases past the first `max`; pattern: flag what
 * a regular expression matches, run by a linear-time engine (a rule file must never freeze anything);
 * length: flag a reply longer than its channel allows; placeholders: check the help desk's
 * placeholders against its variables (shared/placeholders).
 */
export type RuleKind = 'phrase' | 'substitute' | 'require' | 'limit' | 'pattern' | 'length' | 'placeholders';
export const RULE_KINDS: readonly RuleKind[] = ['phrase', 'substitute', 'require', 'limit', 'pattern', 'length', 'placeholders'];

/** Which built-in preset a rule belongs to: `strict` rules are opt-in. */
export type RulePreset = 'recommended' | 'strict';
export const RULE_PRESETS: readonly RulePreset[] = ['recommended', 'strict'];

/** How long a reply may be on one channel, counted the way the channel counts. */
export interface ChannelLimit {
  /** characters (Unicode code points) */
  max: number;
  /** every web address counts as this many characters (social networks shorten links) */
  urlLength?: number;
  /** the @handles a reply opens with are not counted (X/Twitter leaves them out of a reply's 280) */
  skipLeadingMentions?: boolean;
  /** counted as a text message: GSM septets up to `max`, or UCS-2 units up to this when a character is outside GSM */
  unicodeMax?: number;
}

/**
 * Wording around a match that changes its meaning: in the same sentence, or anywhere in the
 * reply (the agent's own words only).
 */
export interface PhraseContext {
  sentence?: string[];
  reply?: string[];
}

/** A sentence to insert, offered when the reply is about what it names. */
export interface InsertEntry {
  text: string;
  when?: { reply: string[] };
}

/** A phrase with what to say about it and what to offer instead. */
export interface PhraseEntry {
  /** one phrase, or several that share message and suggestions */
  match: string | string[];
  /** overrides the rule's message for this phrase */
  message?: string;
  /** rewrites offered one at a time; "" offers to delete the words */
  suggest?: string[];
  /** a replacement safe to apply unattended (fix-all, --fix); "" deletes the words */
  fix?: string;
  /** the match stands only when this context is present too ("hope you understand" after a refusal) */
  when?: PhraseContext;
  /** the match is dropped when this context is present ("we'll call you" + "by 5 pm today") */
  unless?: PhraseContext;
  /** a milder form: flagged by the `strict` preset only */
  strict?: boolean;
}

export interface RuleExamples {
  /** replies the rule must leave alone */
  valid: string[];
  /** replies the rule must flag, with the flagged words and the text after the first suggestion or fix */
  invalid: Array<{ text: string; flagged: string[]; output?: string }>;
  /** innocent replies nearest to what the rule flags: what a careless matcher gets wrong */
  guardrail?: string[];
}

export interface RuleDefinition {
  id: string;
  kind: RuleKind;
  severity?: Severity;
  /** one line: what the rule flags */
  summary?: string;
  /** the principle behind it, in our words: shown in hovers and docs */
  rationale?: string;
  /** message template; `{match}` is the flagged text */
  message: string;
  /** phrase: what to flag; require: what satisfies the rule */
  phrases?: Array<string | PhraseEntry>;
  /** phrases that look like a match but are innocent; a match they overlap is dropped */
  except?: string[];
  /** named alternatives that patterns use as `{name}`, so a family is written once */
  define?: Record<string, string>;
  /** substitute: phrase → replacement, applied as a safe fix */
  swap?: Record<string, string>;
  /**
   * require: sentences offered for insertion after the greeting. A sentence with `when` is offered
   * first when the reply holds one of its phrases ("the screenshots" → "Thanks for the screenshots.").
   */
  insert?: Array<string | InsertEntry>;
  /** `strict`: opt-in, on only with the strict preset or a severity set for it; default `recommended` */
  preset?: RulePreset;
  /** limit: how many matches of the phrases one reply may hold before the rest are flagged; `options.max` overrides it */
  max?: number;
  /** pattern: a regular expression in RE2 syntax (no look-around, no back-references) */
  pattern?: string;
  /** pattern: rewrites offered one at a time; `{match}` is the flagged text, "" offers to delete it */
  suggest?: string[];
  /** length: the limit per channel (front matter `channel:`); `options.<channel>` overrides it */
  channels?: Record<string, ChannelLimit>;
  /** link to the rule's docs page */
  docs?: string;
  examples?: RuleExamples;
}

export interface DefinitionProblem {
  /** path of the offending value inside the definition, for mapping back to a file position */
  path: Array<string | number>;
  message: string;
}

const RULE_ID = /^[a-z0-9]+(?:[-/][a-z0-9]+)*$/;
const KNOWN_KEYS = new Set([
  'id', 'kind', 'severity', 'summary', 'rationale', 'message', 'phrases', 'except', 'swap', 'insert', 'docs',
  'examples', 'category', 'define', 'max', 'pattern', 'suggest', 'preset', 'channels',
]);
const ENTRY_KEYS = ['match', 'message', 'suggest', 'fix', 'when', 'unless', 'strict'];

/** Checks untrusted data (a rule file, a built-in pack) and says exactly what is wrong where. */
export function checkRuleDefinition(value: unknown, path: Array<string | number> = []): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const problem = (at: Array<string | number>, message: string) => problems.push({ path: [...path, ...at], message });
  if (!isRecord(value)) {
    problem([], 'a rule must be a mapping with at least "id", "kind" and "message"');
    return problems;
  }
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.has(key)) problem([key], `unknown key "${key}"; a rule has ${[...KNOWN_KEYS].join(', ')}`);
  }
  if (typeof value.id !== 'string' || !RULE_ID.test(value.id)) {
    problem(['id'], 'a rule needs an "id" in kebab-case, optionally prefixed by a team name: "acme/no-kindly"');
  }
  if (!RULE_KINDS.includes(value.kind as RuleKind)) {
    problem(['kind'], `"kind" must be one of ${RULE_KINDS.join(', ')}`);
  }
  if (typeof value.message !== 'string' || value.message.trim() === '') {
    problem(['message'], 'a rule needs a "message" to show the writer');
  }
  if (value.severity !== undefined && !SEVERITIES.includes(value.severity as Severity)) {
    problem(['severity'], `"severity" must be one of ${SEVERITIES.join(', ')}`);
  }
  for (const key of ['summary', 'rationale', 'docs'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') problem([key], `"${key}" must be text`);
  }
  checkStringList(value.except, ['except'], problem);
  if (value.define !== undefined) {
    if (!isRecord(value.define)) problem(['define'], '"define" must map each name to a pattern');
    else for (const [name, body] of Object.entries(value.define)) {
      if (!/^[a-z][a-z0-9-]*$/.test(name)) problem(['define', name], `"${name}" must be lower case letters, digits and dashes`);
      if (typeof body !== 'string') problem(['define', name], `the pattern of "${name}" must be text`);
    }
  }
  if (value.insert !== undefined) {
    if (!Array.isArray(value.insert)) problem(['insert'], '"insert" must be a list of sentences');
    else value.insert.forEach((entry, i) => {
      if (typeof entry === 'string') return;
      if (!isRecord(entry) || typeof entry.text !== 'string') {
        problem(['insert', i], 'an insert is a sentence, or a mapping with "text" and "when: { reply: [...] }"');
        return;
      }
      if (entry.when !== undefined) {
        if (!isRecord(entry.when)) problem(['insert', i, 'when'], '"when" must have a "reply" list of phrases');
        else checkStringList(entry.when.reply, ['insert', i, 'when', 'reply'], problem);
      }
    });
  }
  if (value.phrases !== undefined) {
    if (!Array.isArray(value.phrases)) problem(['phrases'], '"phrases" must be a list');
    else value.phrases.forEach((entry, i) => checkPhraseEntry(entry, ['phrases', i], problem));
  }
  if (value.swap !== undefined) {
    if (!isRecord(value.swap)) problem(['swap'], '"swap" must map each phrase to its replacement');
    else for (const [from, to] of Object.entries(value.swap)) {
      if (typeof to !== 'string') problem(['swap', from], `the replacement of "${from}" must be text`);
    }
  }
  if (value.kind === 'limit' && !(Number.isInteger(value.max) && (value.max as number) >= 0)) {
    problem(['max'], 'a limit rule needs "max": how many matches one reply may hold');
  }
  if (value.kind === 'pattern' && (typeof value.pattern !== 'string' || value.pattern === '')) {
    problem(['pattern'], 'a pattern rule needs a "pattern": a regular expression');
  }
  checkStringList(value.suggest, ['suggest'], problem);
  if (value.preset !== undefined && !RULE_PRESETS.includes(value.preset as RulePreset)) {
    problem(['preset'], `"preset" must be one of ${RULE_PRESETS.join(', ')}`);
  }
  if (value.channels !== undefined) {
    if (!isRecord(value.channels)) problem(['channels'], '"channels" must map each channel to { max, urlLength }');
    else for (const [channel, limit] of Object.entries(value.channels)) {
      if (!isRecord(limit) || !isCount(limit.max)) problem(['channels', channel], `"${channel}" needs "max": a whole number of characters`);
      else if (limit.urlLength !== undefined && !isCount(limit.urlLength)) problem(['channels', channel, 'urlLength'], '"urlLength" must be a whole number');
      else if (limit.unicodeMax !== undefined && !isCount(limit.unicodeMax)) problem(['channels', channel, 'unicodeMax'], '"unicodeMax" must be a whole number');
      else if (limit.skipLeadingMentions !== undefined && typeof limit.skipLeadingMentions !== 'boolean') {
        problem(['channels', channel, 'skipLeadingMentions'], '"skipLeadingMentions" must be true or false');
      }
    }
  }
  if (value.kind === 'length' && !isRecord(value.channels)) problem(['channels'], 'a length rule needs "channels": the limit of each channel');
  if (value.kind === 'phrase' || value.kind === 'require' || value.kind === 'limit') {
    if (!Array.isArray(value.phrases) || value.phrases.length === 0) {
      problem(['phrases'], `a ${value.kind} rule needs a non-empty "phrases" list`);
    }
  }
  if (value.kind === 'substitute' && (!isRecord(value.swap) || Object.keys(value.swap).length === 0)) {
    problem(['swap'], 'a substitute rule needs a non-empty "swap" mapping');
  }
  if (value.examples !== undefined) checkExamples(value.examples, ['examples'], problem);
  return problems;
}

type Report = (at: Array<string | number>, message: string) => void;

function checkPhraseEntry(entry: unknown, at: Array<string | number>, problem: Report): void {
  if (typeof entry === 'string') return;
  if (!isRecord(entry)) {
    problem(at, 'a phrase is text, or a mapping with "match" and optional "message" and "suggest"');
    return;
  }
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.includes(key)) problem([...at, key], `unknown key "${key}" in a phrase; a phrase has ${ENTRY_KEYS.join(', ')}`);
  }
  for (const key of ['when', 'unless'] as const) {
    const context = entry[key];
    if (context === undefined) continue;
    if (!isRecord(context)) {
      problem([...at, key], `"${key}" must have "sentence" and/or "reply" lists of phrases`);
      continue;
    }
    for (const scope of Object.keys(context)) {
      if (scope !== 'sentence' && scope !== 'reply') problem([...at, key, scope], `"${key}" has "sentence" and "reply", not "${scope}"`);
      else checkStringList(context[scope], [...at, key, scope], problem);
    }
  }
  if (entry.strict !== undefined && typeof entry.strict !== 'boolean') problem([...at, 'strict'], '"strict" must be true or false');
  if (typeof entry.match !== 'string' && !(Array.isArray(entry.match) && entry.match.every((m) => typeof m === 'string'))) {
    problem([...at, 'match'], '"match" must be a phrase or a list of phrases');
  }
  if (entry.message !== undefined && typeof entry.message !== 'string') problem([...at, 'message'], '"message" must be text');
  if (entry.fix !== undefined && typeof entry.fix !== 'string') problem([...at, 'fix'], '"fix" must be text ("" deletes)');
  checkStringList(entry.suggest, [...at, 'suggest'], problem);
}

function checkExamples(examples: unknown, at: Array<string | number>, problem: Report): void {
  if (!isRecord(examples)) {
    problem(at, '"examples" must have "valid", "invalid" and optionally "guardrail" lists');
    return;
  }
  checkStringList(examples.valid, [...at, 'valid'], problem);
  checkStringList(examples.guardrail, [...at, 'guardrail'], problem);
  if (examples.invalid === undefined) return;
  if (!Array.isArray(examples.invalid)) {
    problem([...at, 'invalid'], '"invalid" must be a list');
    return;
  }
  examples.invalid.forEach((example, i) => {
    if (typeof example === 'string') return;
    if (!isRecord(example) || typeof example.text !== 'string') {
      problem([...at, 'invalid', i], 'an invalid example is text, or a mapping with "text", "flagged" and "output"');
      return;
    }
    checkStringList(example.flagged, [...at, 'invalid', i, 'flagged'], problem);
    if (example.output !== undefined && typeof example.output !== 'string') {
      problem([...at, 'invalid', i, 'output'], '"output" must be text');
    }
  });
}

function checkStringList(value: unknown, at: Array<string | number>, problem: Report): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    problem(at, `"${at[at.length - 1]}" must be a list of text`);
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

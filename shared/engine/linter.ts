import { PhraseAutomaton, type PhraseSpec } from '../matching/phraseAutomaton';
import { CompiledPhrases } from '../matching/phraseNfa';
import { PRECOMPILED_BUILTIN_PHRASES } from './precompiledPhrases';
import { tokenize } from '../matching/tokenize';
import { segmentReply } from '../reply/segmentReply';
import { frontMatterFindings } from '../reply/frontMatter';
import { builtinRules } from '../rules/builtinRules';
import type { RuleDefinition } from '../rules/ruleDefinition';
import { settingOptions, settingSeverity, type LintConfig } from '../config/lintConfig';
import { applyEditGroups } from './edits';
import { expandDefines, focusOf } from '../matching/phrasePattern';
import { LinearPattern } from '../matching/linearPattern';
import { evaluateRule, normaliseEntries, type ActiveRule, type PhraseOwner } from './ruleKinds';
import type { Finding, LintResult, ReplyContext } from './types';

/**
 * A configuration compiled once: every phrase of every active rule in one automaton.
 * Build one per distinct configuration and reuse it for every document it governs.
 */
export class Linter {
  readonly rules: ActiveRule[];
  private readonly automaton: PhraseAutomaton<PhraseOwner>;
  private readonly accept: RegExp | undefined;
  private readonly defaults: ReplyContext;

  constructor(config: LintConfig = {}, rules: RuleDefinition[] = builtinRules()) {
    const all = [...rules, ...(config.custom ?? [])];
    const strict = config.preset === 'strict';
    this.rules = all.flatMap((definition) => {
      const setting = config.rules?.[definition.id];
      // An opt-in rule runs with the strict preset, or when its severity is set by name.
      const inPreset = definition.preset !== 'strict' || strict;
      const severity = settingSeverity(setting) ?? (inPreset ? definition.severity ?? 'warning' : 'off');
      if (severity === 'off') return [];
      const entries = normaliseEntries(definition, { strict });
      const pattern = definition.kind === 'pattern' && definition.pattern ? new LinearPattern(definition.pattern) : undefined;
      return [{ definition, severity, options: settingOptions(setting) ?? {}, entries, pattern }];
    });
    this.defaults = { platform: config.platform, channel: config.channel };
    this.automaton = new PhraseAutomaton(this.rules.flatMap((rule, index) => phraseSpecs(rule, index)), builtinPhrases());
    const accepted = (config.accept ?? []).filter((term) => term.trim() !== '');
    this.accept =
      accepted.length > 0
        ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${accepted.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'iu')
        : undefined;
  }

  /** `context` says where the reply goes when its front matter does not (a library's help desk). */
  lint(text: string, context: ReplyContext = {}): LintResult {
    const reply = segmentReply(text);
    const replyContext = contextOf(reply.frontMatter?.data, { ...this.defaults, ...definedOnly(context) });
    const tokens = tokenize(reply.masked, reply.prose);
    const matches = this.automaton.findAll(tokens);
    const byRule = new Map<number, typeof matches>();
    for (const match of matches) {
      const list = byRule.get(match.owner.rule) ?? [];
      list.push(match);
      byRule.set(match.owner.rule, list);
    }
    const hasWords = tokens.some((token) => token.kind === 'word');
    // Sentence number of each token: phrases never cross a break, so a break starts a sentence.
    const sentences = new Uint32Array(tokens.length);
    for (let i = 1; i < tokens.length; i++) sentences[i] = sentences[i - 1] + (tokens[i - 1].kind === 'break' ? 1 : 0);
    const sentenceOf = (token: number) => sentences[token];
    const findings: Finding[] = [];
    this.rules.forEach((rule, index) => {
      // A reply with no words of the agent's own (empty, or only quoted history) has nothing to require.
      if (rule.definition.kind === 'require' && !hasWords) return;
      for (const finding of evaluateRule(rule, byRule.get(index) ?? [], reply, sentenceOf, replyContext)) {
        if (this.accept && this.accept.test(text.slice(finding.start, finding.end))) continue;
        findings.push(finding);
      }
    });
    findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    // Front matter that cannot be read, reported like a parse error; it precedes the prose, so order holds.
    return { findings: [...frontMatterFindings(reply.frontMatter), ...withDisjointFixes(findings)] };
  }

  /**
   * Applies every safe fix, re-linting until nothing changes, as ESLint does:
   * fixes that overlap wait for the next pass. Idempotent by construction.
   */
  fixAll(text: string, maxPasses = 10, context: ReplyContext = {}): { text: string; fixed: number } {
    let current = text;
    let fixed = 0;
    for (let pass = 0; pass < maxPasses; pass++) {
      const fixes = this.lint(current, context).findings.flatMap((finding) => (finding.fix ? [finding.fix.edits] : []));
      if (fixes.length === 0) break;
      const result = applyEditGroups(current, fixes);
      if (result.applied === 0 || result.text === current) break;
      current = result.text;
      fixed += result.applied;
    }
    return { text: current, fixed };
  }
}

/** The reply's own front matter wins over what the configuration says; only text values count. */
function contextOf(data: Readonly<Record<string, unknown>> | undefined, defaults: ReplyContext): ReplyContext {
  const read = (key: 'platform' | 'channel' | 'locale') => {
    const value = data?.[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : defaults[key];
  };
  return { platform: read('platform'), channel: read('channel'), locale: read('locale') };
}

function definedOnly(context: ReplyContext): ReplyContext {
  return Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined && value !== ''));
}

/**
 * Every pattern the built-in packs use under any configuration (every rule, the strict forms
 * too): what the build compiles beforehand. A configuration uses some of them, plus its own.
 */
export function builtinPatterns(): string[] {
  return builtinRules().flatMap((definition, index) =>
    phraseSpecs({ definition, severity: 'warning', options: {}, entries: normaliseEntries(definition, { strict: true }) }, index).flatMap((spec) => {
      // the flagged words of a `<` `>` phrase are matched on their own too: compiled with the rest
      const focus = focusOf(spec.pattern);
      return focus === undefined ? [spec.pattern] : [spec.pattern, focus];
    }),
  );
}

let builtinBase: CompiledPhrases | undefined;

/** The built-in phrases compiled: loaded from the build's serialised form, or compiled once per process. */
function builtinPhrases(): CompiledPhrases {
  builtinBase ??= PRECOMPILED_BUILTIN_PHRASES
    ? CompiledPhrases.deserialize(PRECOMPILED_BUILTIN_PHRASES, builtinPatterns())
    : CompiledPhrases.compile(builtinPatterns());
  return builtinBase;
}

function phraseSpecs(rule: ActiveRule, ruleIndex: number): Array<PhraseSpec<PhraseOwner>> {
  const role = rule.definition.kind === 'require' ? 'satisfy' : 'flag';
  const specs: Array<PhraseSpec<PhraseOwner>> = [];
  rule.entries.forEach((entry, entryIndex) => {
    for (const pattern of entry.patterns) specs.push({ pattern, owner: { rule: ruleIndex, role, entry: entryIndex } });
    for (const kind of ['when', 'unless'] as const) {
      for (const scope of ['sentence', 'reply'] as const) {
        for (const pattern of entry[kind]?.[scope] ?? []) {
          specs.push({ pattern, owner: { rule: ruleIndex, role: kind, entry: entryIndex, scope } });
        }
      }
    }
  });
  (rule.definition.insert ?? []).forEach((entry, entryIndex) => {
    if (typeof entry === 'string') return;
    for (const pattern of entry.when?.reply ?? []) {
      specs.push({ pattern: expandDefines(pattern, rule.definition.define), owner: { rule: ruleIndex, role: 'insert', entry: entryIndex, scope: 'reply' } });
    }
  });
  for (const pattern of rule.definition.except ?? []) {
    specs.push({ pattern: expandDefines(pattern, rule.definition.define), owner: { rule: ruleIndex, role: 'except', entry: -1 } });
  }
  return specs;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/**
 * The safe fixes of one lint never overlap, so a consumer may apply every `fix` of a result at
 * once (as the JSON output invites). A fix that would touch what an earlier fix edits is offered
 * as a suggestion instead; fix-all picks it up on its next pass.
 */
function withDisjointFixes(findings: Finding[]): Finding[] {
  let takenEnd = -1;
  let takenStart = -1;
  return findings.map((finding) => {
    if (!finding.fix) return finding;
    const starts = finding.fix.edits.map((edit) => edit.start);
    const start = Math.min(...starts);
    const end = Math.max(...finding.fix.edits.map((edit) => edit.end));
    if (start < takenEnd || start === takenStart) {
      const { fix, ...rest } = finding;
      const offered = rest.suggestions.some((s) => s.title === fix.title) ? rest.suggestions : [fix, ...rest.suggestions];
      return { ...rest, suggestions: offered };
    }
    takenStart = start;
    takenEnd = Math.max(takenEnd, end);
    return finding;
  });
}

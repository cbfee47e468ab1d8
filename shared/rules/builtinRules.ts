import limitApologies from './limit-apologies.yaml';
import limitLength from './limit-length.yaml';
import noBlame from './no-blame.yaml';
import noBuckPassing from './no-buck-passing.yaml';
import noCondescension from './no-condescension.yaml';
import noDeadEnd from './no-dead-end.yaml';
import noDefensive from './no-defensive.yaml';
import noImpersonalGreeting from './no-impersonal-greeting.yaml';
import noPushSelling from './no-push-selling.yaml';
import noScriptedPhrase from './no-scripted-phrase.yaml';
import noVagueCommitment from './no-vague-commitment.yaml';
import requireThanks from './require-thanks.yaml';
import validPlaceholders from './valid-placeholders.yaml';
import { checkRuleDefinition, type RuleDefinition } from './ruleDefinition';

/** Where rule docs are published; each rule's page is `<id>.md` beside its data file. */
export const DOCS_BASE_URL = 'https://github.com/replylint/replylint/blob/main/shared/rules/';

/** The built-in rules, by file, inlined as data at build time. A test checks every data file here is listed. */
export const BUILTIN_RULE_FILES: Record<string, unknown> = {
  'no-scripted-phrase.yaml': noScriptedPhrase,
  'no-blame.yaml': noBlame,
  'no-defensive.yaml': noDefensive,
  'require-thanks.yaml': requireThanks,
  'no-vague-commitment.yaml': noVagueCommitment,
  'no-impersonal-greeting.yaml': noImpersonalGreeting,
  'limit-apologies.yaml': limitApologies,
  'valid-placeholders.yaml': validPlaceholders,
  'limit-length.yaml': limitLength,
  'no-condescension.yaml': noCondescension,
  'no-buck-passing.yaml': noBuckPassing,
  'no-dead-end.yaml': noDeadEnd,
  'no-push-selling.yaml': noPushSelling,
};

let cache: RuleDefinition[] | undefined;

/** Checks the packs once; a broken built-in pack is a bug, so it throws with the file and problem. */
export function builtinRules(): RuleDefinition[] {
  if (cache) return cache;
  cache = Object.entries(BUILTIN_RULE_FILES).map(([file, data]) => {
    const problems = checkRuleDefinition(data);
    if (problems.length > 0) {
      const first = problems[0];
      throw new Error(`shared/rules/${file}: ${first.path.join('.')}: ${first.message}`);
    }
    const definition = data as RuleDefinition;
    if (`${definition.id}.yaml` !== file) throw new Error(`shared/rules/${file}: the id must match the file name`);
    return { ...definition, docs: definition.docs ?? `${DOCS_BASE_URL}${definition.id}.md` };
  });
  return cache;
}

export function findBuiltinRule(id: string): RuleDefinition | undefined {
  return builtinRules().find((rule) => rule.id === id);
}

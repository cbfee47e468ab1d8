import { readDocument, detectFormat } from '../formats/replyDocument';
import { placeholderPlatforms, placeholdersFor } from '../placeholders/platformPlaceholders';
import { findPlaceholders } from '../reply/placeholders';
import { builtinRules } from '../rules/builtinRules';

/** Where editors other than VS Code (yaml-language-server: Neovim, Helix, Zed) find the schema. */
export const RULE_FILE_SCHEMA_URL = 'https://raw.githubusercontent.com/replylint/replylint/main/schemas/replylint.schema.json';

/** The help desks a rule file's `platform` names. */
export const RULE_FILE_PLATFORMS = ['zendesk', 'freshdesk', 'helpscout', 'intercom', 'front', 'gorgias', 'zoho', 'plain'] as const;

/**
 * The help desk a folder's macros are written for, from what they hold: the shape of a help-desk
 * export (a Zendesk macros JSON), a `platform:` in a reply's front matter, and placeholders that
 * name one platform's variables (`{{ticket.requester.first_name}}`, `{%customer.firstName%}`).
 * The platform most files point to, with how many did; undefined when none does.
 */
export function detectPlatform(files: Array<{ fileName: string; text: string }>): { platform: string; files: number } | undefined {
  const votes = new Map<string, number>();
  for (const { fileName, text } of files) {
    const seen = new Set<string>();
    try {
      const document = readDocument(text, detectFormat(fileName, text));
      for (const reply of document.replies) {
        if (reply.platform && reply.platform !== 'plain') seen.add(reply.platform);
        const body = reply.body.text;
        const front = /^---\r?\n[\s\S]*?^platform:\s*["']?([a-z]+)/m.exec(body);
        if (front && (RULE_FILE_PLATFORMS as readonly string[]).includes(front[1])) seen.add(front[1]);
        for (const placeholder of findPlaceholders(body)) {
          const written = body.slice(placeholder.start, placeholder.end);
          for (const platform of platformsNaming(written)) seen.add(platform);
        }
      }
    } catch {
      // a file that does not read is no evidence either way
    }
    for (const platform of seen) votes.set(platform, (votes.get(platform) ?? 0) + 1);
  }
  const [best] = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return best && { platform: best[0], files: best[1] };
}

/** The platforms whose documented variables a placeholder names, in their own dialect. */
function platformsNaming(written: string): string[] {
  const name = /^(?:\{\{|\{%|\$\{)\s*([^|},%]+?)\s*(?:[|},%]|$)/.exec(written)?.[1];
  if (!name) return [];
  const dialect = written.startsWith('{%') ? 'helpscout' : written.startsWith('${') ? 'zoho' : 'liquid';
  return placeholderPlatforms().filter((platform) => {
    const data = placeholdersFor(platform);
    return data?.dialect === dialect && data.variables.some((variable) => variable.name === name);
  });
}

/**
 * The commented rule file `replylint --init` and the editor's "Create Rule File" write: it
 * extends `recommended`, names the platform, and shows every other key commented out.
 */
export function ruleFileTemplate(platform: string | undefined, detectedFrom?: number): string {
  const ruleIds = builtinRules().map((rule) => rule.id);
  const platformLine = platform
    ? `platform: ${platform}${detectedFrom ? `   # found in ${detectedFrom} ${detectedFrom === 1 ? 'file' : 'files'} here` : ''}`
    : `# platform: zendesk   # one of ${RULE_FILE_PLATFORMS.join(', ')}`;
  return `# yaml-language-server: $schema=${RULE_FILE_SCHEMA_URL}
# Replylint rules for the replies in this folder and the folders below it.
# What each key does: https://github.com/replylint/replylint/blob/main/docs/rule-files.md
# A rule file nearer to a reply wins over this one; root: true ignores any rule file above.
root: true

# recommended flags what a support lead would send back; strict adds the milder forms.
extends: [recommended]

# The help desk your macros are written for: placeholders are checked in its dialect.
${platformLine}

# email, chat, social or sms: social and sms replies have a length limit.
# channel: email

# Severity per rule: off, info, warning or error. \`npx replylint --list-rules\` describes them:
# ${ruleIds.join(', ')}.
rules: {}
#  require-thanks: error

# Words and names your team uses with customers that no rule should flag.
accept: []
#  - Acme Cloud

# The team's own rules: phrase, substitute, require, limit or pattern.
# \`npx replylint test-rules\` runs their examples.
custom: []
#  - id: team/no-kindly
#    kind: substitute
#    message: "“{match}” sounds stiff; say “please”."
#    swap: { kindly: please }
#    examples:
#      valid: ["Please restart the router."]
#      invalid:
#        - { text: "Kindly restart the router.", flagged: ["Kindly"], output: "Please restart the router." }

# Settings for some files only, by glob relative to this folder.
overrides: []
#  - files: ["social/**"]
#    channel: social

# Files never linted.
ignorePatterns: []
#  - archive/**
`;
}

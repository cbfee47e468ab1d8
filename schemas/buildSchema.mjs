// The JSON schema of rule files that ships with the extension (package.json jsonValidation /
// yamlValidation): the schema the engine validates rule files with (shared/config/ruleFileSchema.json),
// plus each built-in rule id with its summary and default, so a team lead gets them completed
// and explained. Written by `npm run build`; a test checks the committed file is current.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const DOCS_BASE_URL = 'https://github.com/replylint/replylint/blob/main/shared/rules/';

/** `rules`: [{ id, summary, severity }] of the built-in rules, in their order. */
export function buildRuleFileSchema(core, rules) {
  const schema = structuredClone(core);
  schema.$id = 'https://raw.githubusercontent.com/replylint/replylint/main/schemas/replylint.schema.json';
  const properties = {};
  for (const rule of rules) {
    const severity = rule.severity ?? 'warning';
    properties[rule.id] = {
      $ref: '#/definitions/ruleSetting',
      description: `${rule.summary ?? ''} Default: ${severity}.`.trim(),
      markdownDescription: `${rule.summary ?? ''} Default: \`${severity}\`. [The rule's page](${DOCS_BASE_URL}${rule.id}.md)`.trim(),
    };
  }
  schema.definitions.rules = { ...schema.definitions.rules, properties };
  return schema;
}

export function ruleFileSchemaText(root) {
  const core = JSON.parse(readFileSync(join(root, 'shared', 'config', 'ruleFileSchema.json'), 'utf8'));
  const folder = join(root, 'shared', 'rules');
  const rules = readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => parse(readFileSync(join(folder, file), 'utf8')));
  return `${JSON.stringify(buildRuleFileSchema(core, rules), null, 2)}\n`;
}

/** Writes schemas/replylint.schema.json when it is not current. */
export function writeRuleFileSchema(root) {
  const path = join(root, 'schemas', 'replylint.schema.json');
  const text = ruleFileSchemaText(root);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // first build
  }
  if (current !== text) writeFileSync(path, text);
}

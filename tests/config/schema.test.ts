// The rule-file JSON schema the extension contributes: current, complete, and right about which
// files are good, checked with ajv (the validator the engine uses, and the draft VS Code reads).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ruleFileSchemaText } from '../../schemas/buildSchema.mjs';
import { RULE_FILE_NAMES } from '../../shared/config/ruleFile';
import { ruleFileTemplate } from '../../shared/config/ruleFileTemplate';
import { builtinRules } from '../../shared/index';

const root = join(__dirname, '../..');
const published = JSON.parse(readFileSync(join(root, 'schemas/replylint.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(published);
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every rule file the repository ships as an example: fixtures and the YAML blocks of the docs. */
function exampleRuleFiles(): Array<[string, unknown]> {
  const files: Array<[string, unknown]> = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/(?:^|\.)replylint\.ya?ml$/.test(entry.name)) files.push([path.slice(root.length + 1), parse(readFileSync(path, 'utf8'))]);
    }
  };
  walk(join(root, 'tests/fixtures/team-config'));
  walk(join(root, 'tests/fixtures/custom-rules'));
  for (const doc of ['docs/rule-files.md', 'README.md']) {
    const text = readFileSync(join(root, doc), 'utf8');
    [...text.matchAll(/```yaml\n# \.replylint\.yaml[^\n]*\n([\s\S]*?)```/g)].forEach((block, i) => files.push([`${doc} block ${i + 1}`, parse(block[1])]));
  }
  for (const platform of [undefined, 'zendesk']) files.push([`the --init template (platform ${platform})`, parse(ruleFileTemplate(platform))]);
  return files;
}

describe('the rule-file schema', () => {
  it('is current: npm run build writes it from shared/config/ruleFileSchema.json and the rule data', () => {
    expect(readFileSync(join(root, 'schemas/replylint.schema.json'), 'utf8'), 'run npm run build and commit schemas/replylint.schema.json').toBe(
      ruleFileSchemaText(root),
    );
  });

  it('completes every built-in rule id, with its summary', () => {
    const properties = published.definitions.rules.properties;
    expect(Object.keys(properties).sort()).toEqual(builtinRules().map((rule) => rule.id).sort());
    for (const rule of builtinRules()) expect(properties[rule.id].description).toContain(rule.summary);
  });

  it.each(exampleRuleFiles())('accepts %s', (_name, data) => {
    expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  const bad: Array<[string, unknown]> = [
    ['a severity that is not one', { rules: { 'no-blame': 'warn' } }],
    ['an unknown key', { platfrom: 'zendesk' }],
    ['a list where a mapping goes', { rules: ['no-blame'] }],
    ['an unknown platform', { platform: 'zendesc' }],
    ['an override without files', { overrides: [{ channel: 'social' }] }],
    ['a custom rule without a message', { custom: [{ id: 'acme/x', kind: 'phrase', phrases: ['a'] }] }],
    ['a custom rule of no known kind', { custom: [{ id: 'acme/x', kind: 'regex', message: 'x', pattern: 'a' }] }],
    ['a substitute rule without swap', { custom: [{ id: 'acme/x', kind: 'substitute', message: 'x' }] }],
    ['a limit rule without max', { custom: [{ id: 'acme/x', kind: 'limit', message: 'x', phrases: ['sorry'] }] }],
    ['a pattern rule without a pattern', { custom: [{ id: 'acme/x', kind: 'pattern', message: 'x' }] }],
    ['a rule id with spaces', { custom: [{ id: 'Acme X', kind: 'phrase', message: 'x', phrases: ['a'] }] }],
    ['accept as one string', { accept: 'RMA' }],
    ['root as text', { root: 'yes' }],
  ];
  it.each(bad)('rejects %s', (_name, data) => {
    expect(validate(data)).toBe(false);
  });
});

describe('the schema in VS Code', () => {
  it('is contributed for every rule file name the server looks for, YAML and JSON', () => {
    const matches = [...manifest.contributes.jsonValidation, ...manifest.contributes.yamlValidation];
    for (const entry of matches) expect(entry.url).toBe('./schemas/replylint.schema.json');
    const fileMatches = matches.flatMap((entry: { fileMatch: string[] }) => entry.fileMatch);
    for (const name of RULE_FILE_NAMES) expect(fileMatches).toContain(name);
    // shared team files named team.replylint.yaml get completion too
    expect(fileMatches).toEqual(expect.arrayContaining(['*.replylint.yaml', '*.replylint.json']));
  });

  it('ships in the .vsix', () => {
    expect(readFileSync(join(root, '.vscodeignore'), 'utf8')).toMatch(/^!schemas\/replylint\.schema\.json$/m);
  });
});

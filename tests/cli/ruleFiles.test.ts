// Team rule files through the CLI process: the cascade, and broken files reported as file:line:col, exit 2.
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeFinding, EXPECTED_FINDINGS, TEAM_CONFIG, TEAM_REPO } from '../config/teamRepo';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson, runReplylint } from './cliProcess';

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

const SEVERITY = { 1: 'warning', 2: 'error' } as const;

describe('rule files: the cascade', () => {
  it('reports exactly what the two folder levels, the extended team file, the override and accept imply', () => {
    const { status, results, stderr } = runJson([], { cwd: TEAM_REPO });
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const reported = Object.fromEntries(
      results.map((result) => {
        const file = result.filePath.slice(TEAM_REPO.length + 1);
        return [file, result.messages.map((m) => describeFinding(file, { ...m, severity: SEVERITY[m.severity as 1 | 2] }))];
      }),
    );
    // archive/old.reply is left out by ignorePatterns
    expect(reported).toEqual(EXPECTED_FINDINGS);
  });

  it('a shared rule file in a linted folder is read as settings, never linted as a macro library', () => {
    const { results } = runJson(['.'], { cwd: TEAM_CONFIG });
    expect(results.map((result) => result.filePath.slice(TEAM_CONFIG.length)).sort()).toEqual(
      Object.keys(EXPECTED_FINDINGS).map((file) => `repo/${file}`).sort(),
    );
  });

  it('--no-config-lookup lints with the defaults', () => {
    const { results } = runJson(['--no-config-lookup', 'macros/refund.reply'], { cwd: TEAM_REPO });
    const rules = results[0].messages.map((m) => m.ruleId);
    expect(rules).toContain('no-vague-commitment');
    expect(rules.filter((id) => id?.startsWith('acme/'))).toEqual([]);
  });

  it('--config applies a rule file over the ones found', () => {
    const folder = makeFolder({ 'strict-thanks.yaml': 'rules:\n  acme/no-jargon: off\n  require-thanks: warning\n' });
    const { results } = runJson(['--config', join(folder, 'strict-thanks.yaml'), 'macros/refund.reply'], { cwd: TEAM_REPO });
    expect(results[0].messages.map((m) => `${m.ruleId} ${m.severity}`)).toEqual(['require-thanks 1', 'acme/no-kindly 1']);
  });

  it('--print-config shows the effective configuration of a file and the rule files it came from', () => {
    const run = runReplylint(['--print-config', 'macros/social/outage.reply'], { cwd: TEAM_REPO });
    expect(run.status).toBe(0);
    const shown = JSON.parse(run.stdout);
    expect(shown.ruleFiles.map((file: string) => file.slice(TEAM_REPO.length - 'repo'.length))).toEqual([
      'shared/acme.replylint.yaml',
      'repo/.replylint.yaml',
    ]);
    expect(shown).toMatchObject({
      channel: 'social',
      preset: 'recommended',
      rules: { 'require-thanks': 'off', 'no-vague-commitment': 'off', 'acme/no-kindly': 'warning', 'no-blame': 'error' },
    });
    expect(shown.custom.map((rule: { id: string }) => rule.id)).toEqual(['acme/no-kindly', 'acme/no-jargon']);
  });
});

describe('rule files: a broken file is reported with file, line and column, and exit 2', () => {
  const cases: Array<[string, string, string]> = [
    ['bad YAML', 'rules:\n  no-blame: [off\n', '.replylint.yaml:4:1: not valid YAML'],
    ['an unknown rule id', 'rules:\n  require-thanks: off\n  no-blam: error\n', '.replylint.yaml:4:3: no rule "no-blam"; did you mean "no-blame"?'],
    ['a wrong type', 'accept: RMA\n', '.replylint.yaml:2:9: "accept" must be a list'],
    ['a wrong severity', 'rules:\n  no-blame: warn\n', '.replylint.yaml:3:13: "no-blame" must be off, info, warning or error'],
    ['an unknown key', 'platfrom: zendesk\n', '.replylint.yaml:2:1: unknown key "platfrom"; did you mean "platform"?'],
    ['a bad glob', 'overrides:\n  - files: ["macros/{social"]\n    channel: social\n', '.replylint.yaml:3:13: "macros/{social" opens a bracket it never closes'],
    [
      'a bad pattern',
      'custom:\n  - id: acme/tickets\n    kind: pattern\n    message: "Customers do not know {match}."\n    pattern: "(?<=INT-)[0-9]+"\n',
      '.replylint.yaml:6:14: the pattern is not a regular expression this engine runs',
    ],
    [
      'a bad phrase',
      'custom:\n  - id: acme/no-box\n    kind: phrase\n    message: "We renamed it."\n    phrases: ["Acme (Box"]\n',
      '.replylint.yaml:6:21: phrase "Acme (Box": "(" is never closed',
    ],
    ['extends in a circle', 'extends: [./team.yaml]\n', 'team.yaml:1:11: "extends" goes round in a circle: .replylint.yaml → team.yaml → .replylint.yaml'],
    ['an unknown preset', 'extends: recomended\n', '.replylint.yaml:2:10: no preset "recomended"'],
    ['an extended file that is not there', 'extends: [./shared/team.yaml]\n', '.replylint.yaml:2:11: "./shared/team.yaml" is not there'],
    // columns count UTF-16 code units, as editors do: the emoji is two
    ['a position after an emoji', 'accept: ["😀 team", 5]\n', '.replylint.yaml:2:21: item 2 of "accept" must be text'],
    ['a key set twice', 'rules:\n  no-blame: off\n  no-blame: error\n', '.replylint.yaml:4:3: not valid YAML: map keys must be unique'],
  ];
  it.each(cases)('%s', (_name, ruleFile, expected) => {
    const folder = makeFolder({ '.replylint.yaml': `root: true\n${ruleFile}`, 'team.yaml': 'extends: [./.replylint.yaml]\n', 'a.reply': 'Hi Sam, thanks for the log.\n' });
    const run = runReplylint(['--format', 'json'], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    // nothing governed by a broken rule file is reported as if it were the team's
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('a JSON rule file too, a key set twice included', () => {
    const folder = makeFolder({ '.replylint.json': '{\n  "root": true,\n  "rules": { "no-blame": "off", "no-blame": "error" }\n}\n', 'a.reply': 'Hi, thanks.\n' });
    const run = runReplylint([], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('.replylint.json:3:33: "no-blame" is set twice in one mapping; keep one\n');
  });

  it('a broken rule file elsewhere does not stop the files it does not govern', () => {
    const folder = makeFolder({
      'good/a.reply': 'Hi Sam, thanks for the log. We apologize for any inconvenience.\n',
      'bad/.replylint.yaml': 'rules: [\n',
      'bad/b.reply': 'Hi Sam, thanks.\n',
      '.replylint.yaml': 'root: true\n',
    });
    const run = runJson([], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^bad\/\.replylint\.yaml:2:1: not valid YAML/m);
    expect(run.results.map((r) => r.filePath.slice(folder.length + 1))).toEqual(['good/a.reply']);
  });
});

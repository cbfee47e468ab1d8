// The report formats CI reads (SARIF for code scanning, GitHub annotations, JUnit, a diff of the
// fixes), run as a real process over a reply, a library and a broken library.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, REPO, removeMadeFolders, runJson, runReplylint } from './cliProcess';

const REPLY = 'As I already said, you should have cleared the cache. Please be advised that it takes a minute.\n';
const CLEAN = 'Hi Ana,\n\nThanks for the log. Clearing the cache fixes this.\n';
const ZENDESK = JSON.stringify(
  {
    macros: [
      { title: 'Late delivery, "again" <sorry> & more', actions: [{ field: 'comment_value', value: 'Hi,\n\nAs I already said, the parcel 📦 left on Monday.\n' }] },
      { title: 'Thanks', actions: [{ field: 'comment_value', value: 'Thanks for waiting! It ships today.' }] },
    ],
  },
  null,
  2,
);
const BROKEN = '{ "macros": [ { "title": "Half", "actions": [ ] }\n';

let folder: string;
beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

const files = () => ({ 'replies/bad.reply': REPLY, 'replies/clean.reply': CLEAN, 'macros/zendesk export.json': ZENDESK, 'macros/broken.json': BROKEN });
const paths = ['replies', 'macros/zendesk export.json', 'macros/broken.json'];

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0 with each finding at its region, its macro and its rule’s docs', () => {
    folder = makeFolder(files());
    const run = runReplylint(['--format', 'sarif', ...paths], { cwd: folder });
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout);

    const schema = JSON.parse(readFileSync(join(REPO, 'tests/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The schema's one `language` pattern is not valid as a Unicode regular expression; as its authors wrote it, it compiles without the flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);

    const { results: json } = runJson(paths, { cwd: folder });
    const [sarifRun] = log.runs;
    const rules = sarifRun.tool.driver.rules as Array<{ id: string; helpUri: string }>;
    const ruleMessages = json.flatMap((result) => result.messages.filter((message) => message.ruleId !== null).map((message) => ({ result, message })));
    expect(sarifRun.results).toHaveLength(ruleMessages.length);
    expect(sarifRun.columnKind).toBe('utf16CodeUnits');

    const defensive = sarifRun.results.find(
      (result: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        result.ruleId === 'no-defensive' && result.locations[0].physicalLocation.artifactLocation.uri === 'macros/zendesk%20export.json',
    );
    const inJson = json.find((result) => result.filePath.endsWith('zendesk export.json'))!.messages.find((m) => m.ruleId === 'no-defensive')!;
    const [location] = defensive.locations;
    expect(location.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    expect(location.physicalLocation.region).toEqual({ startLine: inJson.line, startColumn: inJson.column, endLine: inJson.endLine, endColumn: inJson.endColumn });
    expect(location.logicalLocations[0].name).toBe('Late delivery, "again" <sorry> & more');
    expect(rules[defensive.ruleIndex]).toMatchObject({ id: 'no-defensive', helpUri: expect.stringMatching(/no-defensive\.md$/) });
    // The safe fix travels with the result, as a replacement in the file.
    const [replacement] = defensive.fixes[0].artifactChanges[0].replacements;
    expect(replacement.deletedRegion).toEqual({ charOffset: inJson.fix!.range[0], charLength: inJson.fix!.range[1] - inJson.fix!.range[0] });

    // The broken file is not a rule's finding: the run says it could not read it, and where.
    const [invocation] = sarifRun.invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications[0].message.text).toMatch(/^JSON syntax error/);
    expect(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe('macros/broken.json');
    expect(sarifRun.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${folder}/`);
  });
});

describe('--format github', () => {
  it('prints one workflow command per finding, with the position and the macro, escaped as the runner reads it', () => {
    folder = makeFolder(files());
    const { status, stdout } = runReplylint(['--format', 'github', ...paths], { cwd: folder });
    expect(status).toBe(1);
    const { results } = runJson(paths, { cwd: folder });
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(results.reduce((sum, result) => sum + result.messages.length, 0));
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=[^,:]+::\S/);

    const blame = results.find((r) => r.filePath.endsWith('bad.reply'))!.messages.find((m) => m.ruleId === 'no-blame')!;
    expect(lines).toContain(
      `::error file=replies/bad.reply,line=${blame.line},endLine=${blame.endLine},col=${blame.column},endColumn=${blame.endColumn},title=replylint no-blame::${blame.message}`,
    );
    // A macro title's comma and a colon would end the property: they are escaped.
    expect(lines.some((line) => line.includes('title=replylint no-defensive in “Late delivery%2C "again" <sorry> & more”::'))).toBe(true);
    expect(lines.some((line) => line.startsWith('::error file=macros/broken.json,line=2,') && line.includes('title=replylint syntax::JSON syntax error'))).toBe(true);
  });
});

describe('--format junit', () => {
  it('gives a suite per file, a failing case per finding, a passing case for a clean file, all escaped', () => {
    folder = makeFolder(files());
    const { status, stdout } = runReplylint(['--format', 'junit', ...paths], { cwd: folder });
    expect(status).toBe(1);
    expect(stdout.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n')).toBe(true);
    expect(stdout.trimEnd().endsWith('</testsuites>')).toBe(true);
    const suites = [...stdout.matchAll(/<testsuite [^>]*name="([^"]*)">([\s\S]*?)<\/testsuite>/g)].map((match) => ({ name: match[1], body: match[2] }));
    expect(suites.map((suite) => suite.name)).toEqual(['macros/broken.json', 'macros/zendesk export.json', 'replies/bad.reply', 'replies/clean.reply']);
    expect(suites[3].body).toMatch(/^\s*<testcase time="0" name="replylint" classname="replies\/clean.reply" \/>\s*$/);
    expect(suites[2].body).toContain('name="replylint.no-blame"');
    expect(suites[2].body).toContain('<failure message="“you should have cleared” puts the fault on the customer.');
    expect(suites[1].body).toContain('classname="macros/zendesk export.json › Late delivery, &quot;again&quot; &lt;sorry&gt; &amp; more"');
    expect(suites[0].body).toMatch(/<error message="JSON syntax error[^"]*" type="error">/);
    // Nothing unescaped: every & starts an entity, and no < sits inside an attribute.
    expect(stdout.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(/&(?!(amp|lt|gt|quot|#\d+);)|="[^"]*</);
  });
});

describe('--format diff', () => {
  it('prints the safe fixes as a patch that git apply turns into what --fix writes', () => {
    folder = makeFolder(files());
    const { stdout } = runReplylint(['--format', 'diff', 'replies', 'macros/zendesk export.json'], { cwd: folder });
    expect(stdout).toContain('--- a/replies/bad.reply\n+++ b/replies/bad.reply\n');
    expect(stdout).toContain('--- a/macros/zendesk export.json\n');
    expect(stdout).not.toContain('clean.reply');
    // Without --fix nothing is written.
    expect(readFileSync(join(folder, 'replies/bad.reply'), 'utf8')).toBe(REPLY);

    const patched = makeFolder(files());
    const apply = spawnSync('git', ['apply', '-p1', '-'], { cwd: patched, input: stdout, encoding: 'utf8' });
    expect(apply.status, apply.stderr).toBe(0);
    runReplylint(['--fix', 'replies', 'macros/zendesk export.json'], { cwd: folder });
    for (const file of ['replies/bad.reply', 'macros/zendesk export.json']) {
      expect(readFileSync(join(patched, file), 'utf8')).toBe(readFileSync(join(folder, file), 'utf8'));
    }
    expect(readFileSync(join(folder, 'replies/bad.reply'), 'utf8')).not.toBe(REPLY);
  });
});

describe.each(['stylish', 'json', 'sarif', 'github', 'junit'])('--format %s with the output options', (format) => {
  it('--output-file holds what stdout would, --quiet keeps errors only, --max-warnings counts warnings', () => {
    folder = makeFolder({ 'warn.reply': 'Thanks for waiting. We apologize for any inconvenience.\n', 'bad.reply': REPLY });
    const printed = runReplylint(['--format', format, 'warn.reply', 'bad.reply'], { cwd: folder });
    const written = runReplylint(['--format', format, '--output-file', 'report.out', 'warn.reply', 'bad.reply'], { cwd: folder });
    expect(written.stdout).toBe('');
    expect(written.status).toBe(printed.status);
    expect(readFileSync(join(folder, 'report.out'), 'utf8')).toBe(printed.stdout);

    const quiet = runReplylint(['--format', format, '--quiet', 'warn.reply', 'bad.reply'], { cwd: folder });
    expect(quiet.stdout).toContain('no-blame');
    expect(quiet.stdout).not.toContain('no-scripted-phrase');
    expect(quiet.status).toBe(1);

    const allowed = runReplylint(['--format', format, '--max-warnings', '1', 'warn.reply'], { cwd: folder });
    expect(allowed.status).toBe(0);
    const tooMany = runReplylint(['--format', format, '--max-warnings', '0', 'warn.reply'], { cwd: folder });
    expect(tooMany.status).toBe(1);
    expect(tooMany.stderr).toContain('more than --max-warnings 0');
  });
});

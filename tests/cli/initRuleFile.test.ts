// `replylint --init` through the CLI process: a commented rule file with the folder's help desk, never over one that exists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runReplylint } from './cliProcess';

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

const ZENDESK_EXPORT = JSON.stringify({
  macros: [
    { title: 'Refund sent', actions: [{ field: 'comment_value', value: 'Hi {{ticket.requester.first_name}}, thanks for waiting. Your refund went out today.' }] },
    { title: 'Order shipped', actions: [{ field: 'comment_value', value: 'Hi {{ticket.requester.first_name}}, thanks! Your order shipped this morning.' }] },
  ],
});

describe('replylint --init', () => {
  it('writes a commented .replylint.yaml that extends recommended, with the platform its files point to', () => {
    const folder = makeFolder({
      'macros/zendesk.json': ZENDESK_EXPORT,
      'drafts/late.reply': 'Hi {{ticket.requester.first_name}}, thanks for the photos.\n',
      // one draft copied from another help desk does not outvote the rest
      'drafts/borrowed.reply': 'Hi {%customer.firstName,fallback=there%}, thanks.\n',
    });
    const run = runReplylint(['--init'], { cwd: folder });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('Wrote .replylint.yaml (platform zendesk, found in 2 files). Run "npx replylint" to lint with it.\n');
    const text = readFileSync(join(folder, '.replylint.yaml'), 'utf8');
    // editors with yaml-language-server find the schema from the first line
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://raw.githubusercontent.com/replylint/replylint/main/schemas/replylint.schema.json');
    expect(parse(text)).toMatchObject({ root: true, extends: ['recommended'], platform: 'zendesk' });
    // the CLI reads what it wrote, as the team's configuration
    const shown = JSON.parse(runReplylint(['--print-config', 'drafts/late.reply'], { cwd: folder }).stdout);
    expect(shown).toMatchObject({ platform: 'zendesk', ruleFiles: [join(folder, '.replylint.yaml')] });
  });

  it('names no platform when nothing in the folder points to one', () => {
    const folder = makeFolder({ 'a.reply': 'Hi Sam, thanks for the log.\n' });
    expect(runReplylint(['--init'], { cwd: folder }).stdout).toContain('no platform found; set one in it');
    const data = parse(readFileSync(join(folder, '.replylint.yaml'), 'utf8'));
    expect(data.platform).toBeUndefined();
    expect(runReplylint(['a.reply'], { cwd: folder }).status).toBe(0);
  });

  it('refuses to overwrite a rule file, and leaves it as it was', () => {
    const folder = makeFolder({ '.replylint.json': '{ "rules": { "no-blame": "off" } }\n' });
    const run = runReplylint(['--init'], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.replylint.json already exists; --init leaves it as it is');
    expect(readFileSync(join(folder, '.replylint.json'), 'utf8')).toBe('{ "rules": { "no-blame": "off" } }\n');
  });
});

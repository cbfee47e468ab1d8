// Custom rules of every kind, written by a team lead as data, and `replylint test-rules`, through the CLI process.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson, runReplylint } from './cliProcess';

const FIXTURE = fileURLToPath(new URL('../fixtures/custom-rules/', import.meta.url));
const RULE_FILE = readFileSync(`${FIXTURE}.replylint.yaml`, 'utf8');

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

describe('custom rules', () => {
  it('each kind flags exactly its words: phrase, substitute, require, limit and pattern', () => {
    const reply = 'Hi Sam,\n\nKindly open Acme Box. Sorry for the wait, and sorry again. We moved INT-4521 to billing.\n';
    const folder = makeFolder({ '.replylint.yaml': RULE_FILE, 'draft.reply': reply });
    const { results } = runJson(['--rule', 'require-thanks: off', 'draft.reply'], { cwd: folder });
    const flagged = results[0].messages.map((m) => {
      const line = reply.split('\n')[m.line - 1];
      return `${m.ruleId}: ${m.line === m.endLine ? line.slice(m.column - 1, m.endColumn! - 1) : line}`;
    });
    expect(flagged).toEqual([
      'acme/require-status-link: Hi Sam,',
      'acme/no-kindly: Kindly',
      'acme/no-old-product-name: Acme Box',
      'acme/limit-apologies: sorry',
      'acme/no-ticket-numbers: INT-4521',
    ]);
    const swap = results[0].messages.find((m) => m.ruleId === 'acme/no-kindly')!;
    expect(swap.fix).toMatchObject({ text: 'Please' });
    const pattern = results[0].messages.find((m) => m.ruleId === 'acme/no-ticket-numbers')!;
    expect(pattern.message).toBe("Customers don't know internal ticket numbers such as INT-4521.");
  });

  it('a pattern that backtracks catastrophically elsewhere runs to the end of a long line', () => {
    const ruleFile = 'root: true\ncustom:\n  - id: acme/aaa\n    kind: pattern\n    message: "{match}"\n    pattern: "(a+)+$"\n';
    // 200,000 a's and a b: a backtracking engine tries 2^200000 ways before giving up
    const folder = makeFolder({ '.replylint.yaml': ruleFile, 'long.reply': `Thanks. ${'a'.repeat(200_000)}b\n`, 'end.reply': 'Thanks. aaaa' });
    const { status, results } = runJson(['--rule', 'require-thanks: off'], { cwd: folder });
    expect(status).toBe(0);
    expect(results.map((r) => [r.filePath.slice(folder.length + 1), r.messages.map((m) => m.message)])).toEqual([
      ['end.reply', ['aaaa']],
      ['long.reply', []],
    ]);
  });
});

describe('replylint test-rules', () => {
  it('runs the examples of every custom rule and of the built-in packs', () => {
    const run = runReplylint(['test-rules'], { cwd: FIXTURE });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const id of ['acme/no-old-product-name', 'acme/no-kindly', 'acme/require-status-link', 'acme/limit-apologies', 'acme/no-ticket-numbers', 'no-blame', 'require-thanks']) {
      expect(run.stdout).toMatch(new RegExp(`✓ ${id}  \\d+ examples?`));
    }
    expect(run.stdout).toMatch(/all pass\n$/);
  });

  it('a failing example exits 1 and shows where it is and what the rule did instead', () => {
    const broken = RULE_FILE.replace('output: "Please restart the router."', 'output: "Please reboot the router."').replace(
      'flagged: ["apologize", "Sorry"]',
      'flagged: ["Sorry"]',
    );
    const folder = makeFolder({ 'team.replylint.yaml': broken });
    const run = runReplylint(['test-rules', 'team.replylint.yaml'], { cwd: folder });
    expect(run.status).toBe(1);
    const lineOf = (needle: string) => broken.split('\n').findIndex((line) => line.includes(needle)) + 1;
    expect(run.stdout).toContain(
      [
        `    team.replylint.yaml:${lineOf('text: "Kindly restart the router."')}:11: invalid example 1: "Kindly restart the router."`,
        '      - expected output: "Please reboot the router."',
        '      + actual   output: "Please restart the router."',
      ].join('\n'),
    );
    expect(run.stdout).toContain(
      [
        `    team.replylint.yaml:${lineOf('text: "Sorry for the wait. We apologize again. Sorry!"')}:11: invalid example 1: "Sorry for the wait. We apologize again. Sorry!"`,
        '      - expected flagged: ["Sorry"]',
        '      + actual   flagged: ["apologize", "Sorry"]',
      ].join('\n'),
    );
    expect(run.stdout).toMatch(/: 2 failed\n$/);
  });

  it('a broken rule file exits 2 with file:line:col', () => {
    const folder = makeFolder({ '.replylint.yaml': 'root: true\ncustom:\n  - id: acme/x\n    kind: pattern\n    message: "x"\n    pattern: "(x"\n' });
    const run = runReplylint(['test-rules'], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^\.replylint\.yaml:6:14: the pattern is not a regular expression/m);
  });
});

// --baseline and --update-baseline through the CLI process: accepted findings stay out of the
// report and out of the reply, survive edits elsewhere and moved paragraphs, and rot visibly.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runJson, runReplylint } from './cliProcess';

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

/** A saved-replies library: 25 macros, each with one defensive and one scripted sentence. */
function library(order: 'forward' | 'moved'): string {
  const numbers = Array.from({ length: 25 }, (_, i) => i + 1);
  return (order === 'forward' ? numbers : numbers.reverse())
    .map((n) => {
      const defensive = `Thanks for asking about parcel ${n}. As I already said, parcel ${n} left our depot on Monday.`;
      const scripted = `We apologize for any inconvenience with parcel ${n}.`;
      // moved: the macros in reverse order, and the two paragraphs of each swapped
      const paragraphs = order === 'forward' ? [defensive, scripted] : [scripted, defensive];
      return `- title: Parcel ${n}\n  body: |\n    Hi Sam,\n\n    ${paragraphs[0]}\n\n    ${paragraphs[1]}\n`;
    })
    .join('\n');
}

const messagesOf = (run: ReturnType<typeof runJson>) => run.results.flatMap((result) => result.messages);

describe('--baseline', () => {
  it('a library of 50 findings, baselined: one new finding is the only one reported; moved paragraphs report none', () => {
    const folder = makeFolder({ '.replylint.yaml': 'root: true\n', 'macros.yaml': library('forward') });
    const before = runJson(['macros.yaml'], { cwd: folder });
    expect(messagesOf(before)).toHaveLength(50);

    const update = runReplylint(['--baseline', 'accepted.json', '--update-baseline', 'macros.yaml'], { cwd: folder });
    expect(update.status).toBe(0);
    expect(update.stderr).toBe('accepted.json: baselined 50 findings of the files linted (50 in all)\n');
    // fingerprints only: nothing of the replies is kept in the baseline
    expect(readFileSync(join(folder, 'accepted.json'), 'utf8')).not.toMatch(/parcel|depot|apologize/i);

    const clean = runJson(['--baseline', 'accepted.json', 'macros.yaml'], { cwd: folder });
    expect([clean.status, messagesOf(clean), clean.stderr]).toEqual([0, [], '']);

    // one new finding, in macro 7
    writeFileSync(
      join(folder, 'macros.yaml'),
      library('forward').replace('Thanks for asking about parcel 7.', 'Thanks for asking about parcel 7. You should have read the tracking page.'),
    );
    const one = runJson(['--baseline', 'accepted.json', 'macros.yaml'], { cwd: folder });
    expect(one.status).toBe(1);
    expect(messagesOf(one).map((m) => [m.ruleId, m.item?.title])).toEqual([['no-blame', 'Parcel 7']]);

    writeFileSync(join(folder, 'macros.yaml'), library('moved'));
    const moved = runJson(['--baseline', 'accepted.json', 'macros.yaml'], { cwd: folder });
    expect([moved.status, messagesOf(moved), moved.stderr]).toEqual([0, [], '']);
  });

  it('lists entries that match no finding any more, and --update-baseline drops them', () => {
    const folder = makeFolder({ '.replylint.yaml': 'root: true\n', 'macros.yaml': library('forward') });
    runReplylint(['--baseline', 'accepted.json', '--update-baseline'], { cwd: folder });
    writeFileSync(join(folder, 'macros.yaml'), library('forward').replace('We apologize for any inconvenience with parcel 3.', 'The courier has parcel 3 now.'));
    const run = runJson(['--baseline', 'accepted.json'], { cwd: folder });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'accepted.json: 1 baseline entry matches no finding any more; --update-baseline drops it:\n  macros.yaml  no-scripted-phrase\n',
    );
    runReplylint(['--baseline', 'accepted.json', '--update-baseline'], { cwd: folder });
    expect(runJson(['--baseline', 'accepted.json'], { cwd: folder }).stderr).toBe('');
  });

  it('a baseline that is not there, or not valid, is exit 2 with where', () => {
    const folder = makeFolder({ 'a.reply': 'Hi Sam, thanks.\n', 'broken.json': '{ "files": { "a.reply": [ { "rule": 1 } ] } }\n', 'bad.json': '{ "files": \n' });
    const missing = runReplylint(['--baseline', 'nope.json'], { cwd: folder });
    expect([missing.status, missing.stderr]).toEqual([2, 'nope.json: no such baseline; write one with --baseline nope.json --update-baseline\n']);
    const broken = runReplylint(['--baseline', 'broken.json'], { cwd: folder });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toBe('broken.json:1:14: the entries of "a.reply" must each be { rule, fingerprint, count }\n');
    const bad = runReplylint(['--baseline', 'bad.json'], { cwd: folder });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^bad\.json:2:1: not valid JSON/);
  });
});

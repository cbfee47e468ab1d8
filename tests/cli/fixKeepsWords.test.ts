// `--fix` removes a stock formula and nothing the writer wrote after it: every fixable formula,
// followed by each word the matcher skips inside a formula, through the CLI as CI runs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, makeFolder, removeMadeFolders, runReplylint } from './cliProcess';

/** Formulas a safe fix removes or rewrites, as a writer would start a sentence with them. */
const FIXABLE_OPENERS = [
  'Please be advised that',
  'Please be informed that',
  'Kindly note that',
  'This is to inform you that',
  'Rest assured that',
  'Please be assured that',
  'We can assure you that',
  'As I already said,',
  'Like I said,',
  'As previously mentioned,',
  'Just to reiterate,',
  'I hope this email finds you well.',
];

/** Words the matcher skips inside a formula: each must survive when it only follows one. */
const FOLLOWING_WORDS = [
  'once', 'so', 'very', 'do', 'most', 'again', 'also', 'really', 'truly', 'sincerely', 'deeply',
  'greatly', 'genuinely', 'terribly', 'extremely', 'awfully', 'profusely', 'humbly',
];

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu) ?? [];

beforeAll(ensureCliBuilt);
afterEach(removeMadeFolders);

describe('replylint --fix keeps the words after a fixed formula', () => {
  it('keeps every word and emoji that follows any fixable formula', () => {
    const files: Record<string, string> = {};
    const tails: Record<string, string> = {};
    FIXABLE_OPENERS.forEach((opener, i) => {
      FOLLOWING_WORDS.forEach((word, j) => {
        const tail = `${word} 👍 the refund reached your card on Monday, thanks for waiting.`;
        const name = `r${i}-${j}.reply`;
        files[name] = `${opener} ${tail}\n`;
        tails[name] = tail;
      });
    });
    const folder = makeFolder(files);
    const run = runReplylint(['--fix', '.'], { cwd: folder });
    expect(run.status, run.stderr).toBe(0);
    const lost: string[] = [];
    for (const [name, tail] of Object.entries(tails)) {
      const fixed = readFileSync(join(folder, name), 'utf8');
      if (words(fixed).join(' ') !== words(tail).join(' ')) lost.push(`${JSON.stringify(files[name])} → ${JSON.stringify(fixed)}`);
    }
    expect(lost).toEqual([]);
  });

  it('fixes the examples the reliability probe reported, keeping their words', () => {
    const cases: Record<string, [string, string]> = {
      'advised.reply': [
        'Please be advised that once the refund clears, we ship the order. Thanks!\n',
        'Once the refund clears, we ship the order. Thanks!\n',
      ],
      'assured.reply': ['Rest assured that so far nothing was charged. Thanks!\n', 'So far nothing was charged. Thanks!\n'],
      'emoji.reply': ['As I already said, 👍 Very sorry for the delay. Thanks!\n', '👍 Very sorry for the delay. Thanks!\n'],
    };
    const folder = makeFolder(Object.fromEntries(Object.entries(cases).map(([name, [input]]) => [name, input])));
    runReplylint(['--fix', '.'], { cwd: folder });
    for (const [name, [, expected]] of Object.entries(cases)) expect(readFileSync(join(folder, name), 'utf8')).toBe(expected);
  });
});

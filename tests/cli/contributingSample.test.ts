// The set-up in CONTRIBUTING.md (and the README) promises what its first command prints. A new
// contributor compares their terminal with that sample, so it has to stay what the CLI prints today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO, runReplylint } from './cliProcess';

describe('the sample output in CONTRIBUTING.md', () => {
  const guide = readFileSync(join(REPO, 'CONTRIBUTING.md'), 'utf8');
  const sample = /The first command prints[\s\S]*?```\n([\s\S]*?)```/.exec(guide)?.[1];

  test('is what `npm run lint:examples` prints: the first reply in full, and the totals', () => {
    expect(sample, 'CONTRIBUTING.md has no sample after "The first command prints"').toBeTruthy();
    const run = runReplylint(['examples'], { cwd: REPO });
    expect(run.status, run.stderr).toBe(1);
    const printed = run.stdout.replaceAll(join(REPO, 'examples'), '…/replylint/examples');
    const [firstReply, totals] = sample!.split('\n…\n');
    expect(printed).toContain(firstReply.trimEnd());
    expect(printed.trimEnd().endsWith(totals.trimEnd())).toBe(true);
  });
});

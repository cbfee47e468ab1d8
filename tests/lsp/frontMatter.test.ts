import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspTestClient, uniqueUri } from './lspClient';

const PROSE = 'As I already said, the refund takes 5 days. Thanks for waiting.';
const ALIAS_BOMB_REPLY = [
  '---',
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'tags: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  '---',
  PROSE,
].join('\n');

describe('front matter that cannot be read', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
  });
  afterAll(() => client.stop());

  it('is an error diagnostic with no rule code, beside the findings in the prose', async () => {
    const uri = uniqueUri('alias-bomb');
    await client.open(uri, ALIAS_BOMB_REPLY);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const [problem, ...rest] = diagnostics;
    expect(problem).toMatchObject({ severity: 1, source: 'replylint', range: { start: { line: 4, character: 6 } } });
    expect(problem.code).toBeUndefined();
    expect(problem.message).toMatch(/^Front matter “tags” could not be read/);
    expect(rest.map((diagnostic) => diagnostic.code)).toEqual(['no-defensive']);
    // Nothing to explain and nothing to fix on the problem itself.
    expect(await client.hover(uri, problem.range.start)).toBeNull();
    expect(await client.codeActions(uri, problem.range, [problem], ['quickfix'])).toEqual([]);
  });
});

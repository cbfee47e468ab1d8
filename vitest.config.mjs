import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { parse } from 'yaml';

// The bundles inline rule packs (.yaml) as data and docs (.md) as text (see esbuild.mjs);
// tests load them the same way.
const dataFiles = {
  name: 'data-files',
  transform(_code, id) {
    if (id.endsWith('.yaml')) {
      return { code: `export default ${JSON.stringify(parse(readFileSync(id, 'utf8')))};`, map: null };
    }
    if (id.endsWith('.md')) return { code: `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`, map: null };
    return undefined;
  },
};

export default defineConfig({
  plugins: [dataFiles],
  test: {
    include: ['tests/**/*.test.ts'],
    // A safety net against hangs, not a speed check: CLI tests spawn several processes each.
    testTimeout: 60000,
  },
});

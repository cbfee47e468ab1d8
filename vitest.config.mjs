import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// The bundles load rule packs (.yaml) and docs (.md) as text; tests see them the same way.
const textFiles = {
  name: 'text-files',
  transform(_code, id) {
    if (/\.(yaml|md)$/.test(id)) {
      return { code: `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`, map: null };
    }
    return undefined;
  },
};

export default defineConfig({
  plugins: [textFiles],
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20000,
  },
});

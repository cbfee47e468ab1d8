// Bundles the three Node entry points. Rule packs are YAML data files: they are parsed
// here, at build time, and inlined as data, so a process starts without a YAML parse
// and the bundles need no files beside them.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { parse } from 'yaml';

/** Inlines `*.yaml` imports as the data they hold; a YAML syntax error fails the build with its position. */
export const yamlDataPlugin = {
  name: 'yaml-data',
  setup(build) {
    build.onLoad({ filter: /\.yaml$/ }, async (args) => {
      const data = parse(await readFile(args.path, 'utf8'), { prettyErrors: true });
      return { contents: `export default ${JSON.stringify(data)};`, loader: 'js' };
    });
  },
};

export const commonOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  loader: { '.md': 'text' },
  plugins: [yamlDataPlugin],
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; its ES module build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  logLevel: 'warning',
};

const builds = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--watch')) {
    for (const build of builds) {
      const context = await esbuild.context({ ...commonOptions, ...build });
      await context.watch();
    }
  } else {
    // --production (the .vsix) minifies; everyday builds stay readable for stack traces.
    const minify = process.argv.includes('--production');
    await Promise.all(builds.map((build) => esbuild.build({ ...commonOptions, minify, ...build })));
  }
}

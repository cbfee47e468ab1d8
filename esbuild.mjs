// Bundles the three Node entry points. Rule packs are YAML data files: they are parsed
// here, at build time, and inlined as data, so a process starts without a YAML parse
// and the bundles need no files beside them.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { parse } from 'yaml';
import { writeRuleFileSchema } from './schemas/buildSchema.mjs';

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

let builtinPhrases;

/**
 * The built-in packs' phrases compiled here, once per build, and inlined as the serialised
 * automaton (shared/engine/precompiledPhrases.ts): a process loads it in a millisecond or two
 * instead of compiling ~900 patterns at start-up. The compile is the engine's own, bundled and
 * run here, so the data cannot drift from the code that reads it.
 */
export const precompiledPhrasesPlugin = {
  name: 'precompiled-phrases',
  setup(build) {
    build.onLoad({ filter: /[\\/]shared[\\/]engine[\\/]precompiledPhrases\.ts$/ }, async () => {
      builtinPhrases ??= compileBuiltinPhrases();
      const serialized = JSON.stringify(await builtinPhrases);
      // JSON.parse of a string literal is faster for V8 to load than the same object literal.
      return { contents: `export const PRECOMPILED_BUILTIN_PHRASES = JSON.parse(${JSON.stringify(serialized)});`, loader: 'js' };
    });
  },
};

async function compileBuiltinPhrases() {
  const root = dirname(fileURLToPath(import.meta.url));
  const result = await esbuild.build({
    stdin: {
      contents:
        "export { builtinPatterns } from './shared/engine/linter';\nexport { CompiledPhrases } from './shared/matching/phraseNfa';\n",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    plugins: [yamlDataPlugin],
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  const { builtinPatterns, CompiledPhrases } = module.exports;
  return CompiledPhrases.compile(builtinPatterns()).serialize();
}

export const commonOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  loader: { '.md': 'text' },
  plugins: [yamlDataPlugin, precompiledPhrasesPlugin],
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
  // The rule-file schema the extension contributes lists the built-in rules: keep it current.
  writeRuleFileSchema(new URL('.', import.meta.url).pathname);
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

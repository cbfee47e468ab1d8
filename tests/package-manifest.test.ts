// package.json is read by VS Code, vsce and npm, none of which run our type checker. These checks
// hold its contributions to what the repository actually contains and registers.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIBRARY_EXTENSIONS } from '../server/cli/findReplyFiles';
import { DEFAULT_SETTINGS, PLATFORMS } from '../server/lsp/settings';
import { builtinRules, placeholdersFor } from '../shared/index';

interface Manifest {
  main: string;
  license: string;
  bin: Record<string, string>;
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  activationEvents?: string[];
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: {
    languages: Array<{ id: string; aliases: string[]; extensions: string[]; configuration: string }>;
    grammars: Array<{ language: string; scopeName: string; path: string; embeddedLanguages?: Record<string, string> }>;
    configuration: { properties: Record<string, { default?: unknown; scope?: string; description?: string; markdownDescription?: string }> };
    commands: Array<{ command: string; title: string; category?: string }>;
    menus?: Record<string, Array<{ command: string }>>;
    codeActions?: Array<{ languages: string[]; actions: Array<{ kind: string; title: string }> }>;
  };
}

const root = fileURLToPath(new URL('../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const manifest = JSON.parse(read('package.json')) as Manifest;
const contributes = manifest.contributes;
const clientSource = read('client/extension.ts');
const bundleScript = read('esbuild.mjs');
const strip = (path: string) => path.replace(/^\.\//, '');

/** The lowest version a semver range like `^1.91.0` or `1.91.0` admits, as [major, minor, patch]. */
function lowestVersion(range: string): [number, number, number] {
  const match = /^[\^~>=]*\s*(\d+)\.(\d+)\.(\d+)/.exec(range.trim());
  if (!match) throw new Error(`cannot read a version from “${range}”`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
const compare = (a: number[], b: number[]) => a.map((n, i) => n - (b[i] ?? 0)).find((d) => d !== 0) ?? 0;

describe('commands', () => {
  it.each(contributes.commands.map((c) => c.command))('%s is registered by the client', (id) => {
    expect(clientSource, `client/extension.ts must call registerCommand('${id}', …)`).toContain(`registerCommand('${id}'`);
  });

  it('every command the client registers is contributed', () => {
    const registered = [...clientSource.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]);
    expect(registered.sort()).toEqual(contributes.commands.map((c) => c.command).sort());
  });

  it('shows as “Replylint: …” in the command palette', () => {
    for (const command of contributes.commands) expect(`${command.category}: ${command.title}`).toMatch(/^Replylint: [A-Z]/);
  });

  it('menus refer only to contributed commands', () => {
    const ids = new Set(contributes.commands.map((c) => c.command));
    for (const entry of Object.values(contributes.menus ?? {}).flat()) expect(ids).toContain(entry.command);
  });

  it('offers Fix All in the palette in every file the server lints as a macro library', () => {
    const entry = (contributes.menus?.commandPalette ?? []).find((item) => item.command === 'replylint.fixAll') as { when?: string } | undefined;
    const extensions = /resourceExtname =~ \/\^\\\.\(([^)]*)\)\$\/i/.exec(entry?.when ?? '');
    expect(extensions, `the palette's when clause of replylint.fixAll: ${entry?.when}`).not.toBeNull();
    expect(extensions![1].split('|').map((extension) => `.${extension}`).sort()).toEqual([...LIBRARY_EXTENSIONS].sort());
  });
});

describe('language, grammar and language configuration', () => {
  const language = contributes.languages.find((l) => l.id === 'service-script');

  it('contributes the service-script language for .reply files', () => {
    expect(language?.extensions).toContain('.reply');
  });

  it('shows the language as “Reply”, so typing “reply” in Change Language Mode finds it', () => {
    expect(language?.aliases[0]).toBe('Reply');
    const grammar = contributes.grammars.find((g) => g.language === 'service-script')!;
    expect((JSON.parse(read(strip(grammar.path))) as { name: string }).name).toBe('Reply');
  });

  it('points at a language configuration that exists and parses', () => {
    const path = strip(language!.configuration);
    expect(existsSync(join(root, path)), path).toBe(true);
    const configuration = JSON.parse(read(path)) as { brackets?: unknown; autoClosingPairs?: unknown; wordPattern?: unknown };
    expect(configuration.brackets).toBeDefined();
    expect(configuration.autoClosingPairs).toBeDefined();
    expect(configuration.wordPattern).toBeDefined();
  });

  it.each(contributes.grammars)('grammar $scopeName exists, parses and matches its contribution', (grammar) => {
    const path = strip(grammar.path);
    expect(existsSync(join(root, path)), path).toBe(true);
    const parsed = JSON.parse(read(path)) as { scopeName: string; repository?: Record<string, unknown> };
    expect(parsed.scopeName).toBe(grammar.scopeName);
    expect(contributes.languages.map((l) => l.id)).toContain(grammar.language);
    // Every embedded-language scope must be one the grammar can produce.
    for (const scope of Object.keys(grammar.embeddedLanguages ?? {})) expect(read(path)).toContain(`"${scope}`);
  });
});

describe('settings', () => {
  const properties = contributes.configuration.properties;

  it('declares the documented settings, each with a default and a scope', () => {
    expect(Object.keys(properties).sort()).toEqual([
      'replylint.enable',
      'replylint.lintDelay',
      'replylint.platform',
      'replylint.preset',
      'replylint.rules',
      'replylint.run',
      'replylint.trace.server',
    ]);
    for (const [key, schema] of Object.entries(properties)) {
      expect(schema.default, `${key} needs a default`).toBeDefined();
      expect(schema.scope, `${key} needs a scope`).toBeDefined();
    }
  });

  it('completes every built-in rule id in replylint.rules, and only those', () => {
    const rules = properties['replylint.rules'] as { properties?: Record<string, { description?: string }> };
    const listed = Object.keys(rules.properties ?? {}).sort();
    const builtin = builtinRules().map((rule) => rule.id).sort();
    expect(
      listed,
      'package.json contributes.configuration["replylint.rules"].properties must list each built-in rule id, with its one-line summary as the description',
    ).toEqual(builtin);
    for (const [id, schema] of Object.entries(rules.properties ?? {})) expect(schema.description, id).toBeTruthy();
  });

  it('has the defaults the server falls back to', () => {
    const defaults = Object.fromEntries(
      Object.keys(DEFAULT_SETTINGS).map((key) => [key, properties[`replylint.${key}`]?.default]),
    );
    expect(defaults).toEqual({ ...DEFAULT_SETTINGS });
  });

  it('offers the help desks the server reads for replylint.platform, each with placeholder data or said to have none', () => {
    const platform = properties['replylint.platform'] as { enum: string[]; enumDescriptions: string[] };
    expect(platform.enum).toEqual(['', ...PLATFORMS]);
    expect(platform.enumDescriptions).toHaveLength(platform.enum.length);
    for (const name of PLATFORMS) {
      const described = platform.enumDescriptions[platform.enum.indexOf(name)]!;
      expect(placeholdersFor(name) !== undefined || /nothing is completed/.test(described), name).toBe(true);
    }
  });
});

describe('trust and workspaces', () => {
  // Rule data is never code and the server reads no executable from settings, so a Restricted
  // Mode window (an untrusted folder of macros) gets the whole extension, grammar included.
  it('runs in untrusted workspaces', () => {
    expect(manifest.capabilities?.untrustedWorkspaces?.supported).toBe(true);
  });

  it('declares what it does in virtual workspaces', () => {
    const virtual = manifest.capabilities?.virtualWorkspaces;
    expect(virtual).toBeDefined();
    if (typeof virtual === 'object' && virtual.supported === 'limited') expect(virtual.description).toBeTruthy();
  });

  it('lints replies in any editor scheme, not only files on disk', () => {
    expect(clientSource).not.toMatch(/documentSelector = \[\s*\{ scheme: 'file'/);
    for (const scheme of ['file', 'untitled', 'vscode-vfs']) expect(clientSource).toContain(`'${scheme}'`);
  });
});

describe('fix all', () => {
  it('contributes the source.fixAll.replylint kind the client runs', () => {
    const kinds = (contributes.codeActions ?? []).flatMap((c) => c.actions.map((a) => a.kind));
    expect(kinds).toContain('source.fixAll.replylint');
    expect(clientSource).toContain(`'source.fixAll.replylint'`);
    for (const contribution of contributes.codeActions ?? []) expect(Array.isArray(contribution.actions)).toBe(true);
  });
});

describe('versions and entry points', () => {
  it('targets a VS Code no newer than 1.100 (the newest code-server that runs on Node 20)', () => {
    expect(compare(lowestVersion(manifest.engines.vscode), [1, 100, Number.MAX_SAFE_INTEGER])).toBeLessThanOrEqual(0);
  });

  it('pins @types/vscode no newer than engines.vscode (vsce refuses to package otherwise)', () => {
    const engine = lowestVersion(manifest.engines.vscode);
    const declared = manifest.devDependencies['@types/vscode'];
    expect(declared, '@types/vscode must be a devDependency').toBeDefined();
    expect(compare(lowestVersion(declared!), engine)).toBeLessThanOrEqual(0);
    const require = createRequire(import.meta.url);
    const installed = (require('@types/vscode/package.json') as { version: string }).version;
    expect(compare(lowestVersion(installed), engine), `installed @types/vscode ${installed}`).toBeLessThanOrEqual(0);
  });

  it('needs no explicit activation event for its own language (implied since VS Code 1.74)', () => {
    expect(manifest.activationEvents ?? []).not.toContain('onLanguage:service-script');
  });

  it('starts the client from dist/client.js, built from client/extension.ts', () => {
    expect(strip(manifest.main)).toBe('dist/client.js');
    expect(bundleScript).toMatch(/entryPoints: \['client\/extension\.ts'\], outfile: 'dist\/client\.js'/);
  });

  it('installs the CLI and the language server from the bundles', () => {
    expect(Object.fromEntries(Object.entries(manifest.bin).map(([name, path]) => [name, strip(path)]))).toEqual({
      replylint: 'dist/cli.js',
      'replylint-ls': 'dist/server.js',
    });
    for (const path of Object.values(manifest.bin)) expect(bundleScript).toContain(`outfile: '${strip(path)}'`);
  });

  it('starts the language server the bundle script builds', () => {
    const serverPath = /asAbsolutePath\('([^']+)'\)/.exec(clientSource)?.[1];
    expect(serverPath).toBe('dist/server.js');
    expect(bundleScript).toContain(`outfile: '${serverPath}'`);
  });
});

describe('the .vsix', () => {
  // vsce's own file walk, so .vscodeignore is read exactly as `vsce package --no-dependencies` reads it.
  const require = createRequire(import.meta.url);
  const vsce = require('@vscode/vsce') as {
    PackageManager: { None: number };
    listFiles(options: { cwd: string; packageManager: number }): Promise<string[]>;
  };

  it('ships only the bundles, the grammar, the rule pages and the documents', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'replylint-vsix-'));
    try {
      const files: Record<string, string> = {
        'package.json': read('package.json'),
        '.vscodeignore': read('.vscodeignore'),
        LICENSE: 'MIT',
        'README.md': '# Replylint',
        'CHANGELOG.md': '# Changelog',
        'dist/client.js': '',
        'dist/client.js.map': '',
        'dist/server.js': '',
        'dist/cli.js': '',
        'dist/schemas/replylint.schema.json': '{}',
        'syntaxes/service-script.tmLanguage.json': '{}',
        'syntaxes/language-configuration.json': '{}',
        'client/extension.ts': '',
        'server/server.ts': '',
        'shared/index.ts': '',
        'shared/rules/no-blame.md': '# no-blame',
        'shared/rules/no-blame.yaml': 'id: no-blame',
        'shared/rules/builtinRules.ts': '',
        'images/icon.png': '',
        'images/icon.svg': '',
        'images/vscode.png': '',
        'images/render-icon.mjs': '',
        'CONTRIBUTING.md': '',
        'tests/grammar/grammar.test.ts': '',
        'node_modules/yaml/index.js': '',
        'tsconfig.json': '{}',
        'esbuild.mjs': '',
        '.vscode/launch.json': '{}',
      };
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(scratch, path)), { recursive: true });
        writeFileSync(join(scratch, path), content);
      }
      const listed = await vsce.listFiles({ cwd: scratch, packageManager: vsce.PackageManager.None });
      expect(listed.map((f) => f.replace(/\\/g, '/')).sort()).toEqual(
        [
          'CHANGELOG.md',
          'LICENSE',
          'README.md',
          'dist/client.js',
          'dist/schemas/replylint.schema.json',
          'dist/server.js',
          'images/icon.png',
          'images/vscode.png',
          'package.json',
          'shared/rules/no-blame.md',
          'shared/rules/no-blame.yaml',
          'syntaxes/language-configuration.json',
          'syntaxes/service-script.tmLanguage.json',
        ].sort(),
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('names an icon that exists, and leaves the README’s links relative so they open inside the extension', () => {
    const icon = (manifest as unknown as { icon?: string }).icon;
    expect(icon).toBe('images/icon.png');
    expect(existsSync(join(root, icon!))).toBe(true);
    expect((manifest as unknown as { scripts: Record<string, string> }).scripts.package).toContain('--no-rewrite-relative-links');
    // Every relative link and image of the README is a file the .vsix ships (or CONTRIBUTING.md, for GitHub readers).
    const vscodeignore = read('.vscodeignore');
    expect(vscodeignore).toMatch(/^!docs\/rule-files\.md$/m);
    const readme = read('README.md');
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      expect(existsSync(join(root, target)), target).toBe(true);
      expect(/^(images\/(icon|vscode)\.png|shared\/rules\/[a-z-]+\.md|docs\/rule-files\.md|CONTRIBUTING\.md)$/.test(target), `${target} is not in the .vsix`).toBe(true);
    }
  });

  it('has the MIT licence the manifest declares', () => {
    expect(manifest.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License[\s\S]*Copyright \(c\) 2026 Replylint contributors/);
  });
});

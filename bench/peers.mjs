// The peer prose linters `npm run bench` measures Replylint beside, installed on first use into
// bench/.peers (outside git): they are bench-only, never dependencies of the project.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PEERS_DIR = join(root, 'bench', '.peers');

/** Pinned, so two runs of the bench measure the same peers. */
export const PEER_PACKAGES = {
  textlint: 'textlint@15.8.0',
  'textlint-rule-prh': 'textlint-rule-prh@6.1.0',
  prh: 'prh@5.4.4',
  'harper.js': 'harper.js@2.10.0',
  'write-good': 'write-good@1.0.8',
  alex: 'alex@11.0.1',
};

export function installPeers() {
  const missing = Object.keys(PEER_PACKAGES).filter((name) => !existsSync(join(PEERS_DIR, 'node_modules', name, 'package.json')));
  if (missing.length === 0) return;
  console.error(`bench: installing ${missing.join(', ')} into bench/.peers (once) …`);
  mkdirSync(PEERS_DIR, { recursive: true });
  if (!existsSync(join(PEERS_DIR, 'package.json'))) writeFileSync(join(PEERS_DIR, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['install', '--prefix', PEERS_DIR, '--no-save', '--no-audit', '--no-fund', ...Object.values(PEER_PACKAGES)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const peerRequire = () => createRequire(join(PEERS_DIR, 'package.json'));
const peerModule = (path) => import(pathToFileURL(join(PEERS_DIR, 'node_modules', path)).href);

/**
 * Our phrase syntax as a regular expression, close enough that prh does the work it would do for
 * the same phrases: words, (a|b), [optional], `*` one word, `...` up to three, `word*` prefixes.
 */
export function phraseToRegExp(pattern) {
  const source = pattern
    .replace(/[<>]/g, '')
    .trim()
    .split(/(\(|\)|\[|\]|\||\.\.\.|…|\s+)/)
    .filter((piece) => piece !== '' && piece !== undefined)
    .map((piece) => {
      if (piece === '(') return '(?:';
      if (piece === ')') return ')';
      if (piece === '[') return '(?:';
      if (piece === ']') return ')?';
      if (piece === '|') return '|';
      if (piece === '...' || piece === '…') return '(?:\\S+\\s+){0,3}';
      if (/^\s+$/.test(piece)) return '\\s*';
      if (piece === '*') return '\\S+';
      const escaped = piece.replace(/[.+?^${}()|\\]/g, '\\$&');
      return escaped.replace(/^\*/, '\\w*').replace(/\*$/, '\\w*');
    })
    .join('');
  return source;
}

/** The phrases of no-scripted-phrase, {definitions} spelled out, as Replylint reads them. */
export function scriptedPhrasePatterns() {
  const rule = parse(readFileSync(join(root, 'shared/rules/no-scripted-phrase.yaml'), 'utf8'));
  const expand = (pattern, depth = 0) =>
    depth > 8 ? pattern : pattern.replace(/\{([a-z][a-z0-9-]*)\}/g, (_, name) => `(${expand(rule.define?.[name] ?? name, depth + 1)})`);
  return (rule.phrases ?? []).flatMap((entry) => {
    const matches = typeof entry === 'string' ? [entry] : Array.isArray(entry.match) ? entry.match : [entry.match];
    return matches.map((pattern) => expand(pattern));
  });
}

/** A prh dictionary file: the scripted phrases as regular expressions, or literal custom phrases. */
export function writePrhDictionary(file, { regexps = [], literals = [] }) {
  const rules = [
    ...regexps.map((source) => ({ expected: 'plain words', pattern: `/${source}/i` })),
    ...literals.map((phrase) => ({ expected: 'our wording', pattern: phrase })),
  ];
  const yaml = `version: 1\nrules:\n${rules.map((rule) => `  - expected: ${JSON.stringify(rule.expected)}\n    pattern: ${JSON.stringify(rule.pattern)}`).join('\n')}\n`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, yaml);
  return file;
}

/** In-process linters, each `lint(text)` → number of findings, all warmed by the caller. */
export async function peerLinters({ prhDictionary }) {
  const require = peerRequire();
  const { TextlintKernel } = require('@textlint/kernel');
  const textPlugin = require('@textlint/textlint-plugin-text');
  const prhRule = require('textlint-rule-prh');
  const prh = require('prh');
  const writeGood = require('write-good');
  const alex = await peerModule('alex/index.js');
  const harper = await peerModule('harper.js/dist/index.js');
  const { binaryInlined } = await peerModule('harper.js/dist/binaryInlined.js');
  const harperLinter = new harper.LocalLinter({ binary: binaryInlined });
  const kernel = new TextlintKernel();
  const textlintOptions = (dictionary) => ({
    ext: '.txt',
    filePath: join(PEERS_DIR, 'input.txt'),
    plugins: [{ pluginId: 'text', plugin: textPlugin.default ?? textPlugin }],
    rules: [{ ruleId: 'prh', rule: prhRule.default ?? prhRule, options: { rulePaths: [dictionary] } }],
  });
  const prhEngine = (dictionary) => {
    const engine = prh.fromYAMLFilePath(dictionary);
    return (text) => engine.makeChangeSet('input.txt', text).diffs.length;
  };
  return {
    /** textlint with textlint-rule-prh, as a project runs it: the rule reads its dictionary on every lint */
    textlintPrh: (dictionary = prhDictionary) => async (text) => (await kernel.lintText(text, textlintOptions(dictionary))).messages.length,
    /** the prh engine alone, its dictionary loaded once */
    prhEngine,
    harper: async (text) => (await harperLinter.lint(text)).length,
    writeGood: (text) => writeGood(text).length,
    alex: (text) => alex.text(text).messages.length,
  };
}

/** Command lines of the peers' own CLIs over files (textlint runs prh from a generated .textlintrc). */
export function peerCommands({ prhDictionary }) {
  const rc = join(PEERS_DIR, 'work', '.textlintrc.json');
  mkdirSync(dirname(rc), { recursive: true });
  writeFileSync(rc, JSON.stringify({ rules: { prh: { rulePaths: [prhDictionary] } } }));
  const bin = (path) => join(PEERS_DIR, 'node_modules', path);
  return {
    'write-good': (files) => [process.execPath, [bin('write-good/bin/write-good.js'), ...files]],
    'textlint+prh': (files) => [process.execPath, [bin('textlint/bin/textlint.js'), '--config', rc, '--format', 'json', ...files]],
    alex: (files) => [process.execPath, [bin('alex/cli.js'), '--quiet', ...files]],
  };
}

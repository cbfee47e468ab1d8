import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** shared/ is the pure engine: editors, protocols and the file system stay in the adapters. */
const root = join(__dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function imports(path: string): string[] {
  const source = readFileSync(path, 'utf8');
  return [...source.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);
}

describe('import boundaries', () => {
  it('shared/ imports no vscode, no LSP library and no Node built-in', () => {
    const forbidden = /^(vscode|vscode-languageserver.*|vscode-languageclient.*|vscode-jsonrpc|fs|path|os|child_process|node:.*)$/;
    const offenders = sourceFiles(join(root, 'shared')).flatMap((file) =>
      imports(file)
        .filter((specifier) => forbidden.test(specifier))
        .map((specifier) => `${relative(root, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the client does not import the engine or the server: it only starts the server', () => {
    const offenders = sourceFiles(join(root, 'client')).flatMap((file) =>
      imports(file)
        .filter((specifier) => /\.\.\/(shared|server)\//.test(specifier))
        .map((specifier) => `${relative(root, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});

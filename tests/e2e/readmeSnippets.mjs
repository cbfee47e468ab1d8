// The editor setups the README shows, read from the README itself, so the tests run what users copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The first fenced code block after the first line of `markdown` that contains `label`
 * (a heading or a bold lead-in such as "**Neovim 0.7 to 0.9**"), with its language.
 */
export function snippetAfter(markdown, label) {
  const at = markdown.indexOf(label);
  if (at < 0) throw new Error(`the README has no “${label}”`);
  const fence = /```(\w*)\n([\s\S]*?)\n```/g;
  fence.lastIndex = at;
  const match = fence.exec(markdown);
  if (!match) throw new Error(`no code block after “${label}” in the README`);
  return { language: match[1], code: `${match[2]}\n` };
}

/** The README's "Other editors" setups, by the label that introduces each. */
export function editorSnippets(root) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Other editors'));
  const labels = ['**Neovim 0.7 to 0.9**', '**Neovim 0.10 and later:**', '**Neovim with nvim-lspconfig:**', '**Helix**', '**Zed**'];
  return Object.fromEntries(labels.map((label) => [label.replace(/\*|:/g, ''), snippetAfter(section, label)]));
}

/**
 * Text from outside (file names, the words of a reply) shown in a terminal or a CI log.
 * A file named "\x1b]0;…" or a reply holding "\x1b[2J" must not retitle, clear or recolour
 * the terminal, a newline must not forge a row, and bidi overrides must not reorder what
 * is shown (the "Trojan Source" trick). Each such character is shown as its escape.
 */

/** C0 controls, DEL, C1 controls (0x9B is a one-byte CSI to some terminals), line and paragraph separators, bidi controls. */
const UNSAFE_IN_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** For stylish rows and messages on stderr: every unsafe character as `\xNN` or `\uNNNN`. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE_IN_TERMINAL, (character) => {
    const code = character.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** What JSON.stringify leaves raw (DEL, C1, separators, bidi) as `\uNNNN`: the same JSON value, safe to print. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Outside strings JSON is plain ASCII, so these can only be inside strings, where `\uNNNN` means the same character. */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Replies the LSP contract tests share, with the words each rule must flag. */

/** One reply that trips all four built-in rules. */
export const DEFENSIVE_REPLY =
  'As I already said, you should have cleared your cache. We apologize for any inconvenience.';

export const DEFENSIVE_REPLY_FLAGS: Record<string, string> = {
  'no-defensive': 'As I already said',
  'no-blame': 'you should have cleared',
  'no-scripted-phrase': 'We apologize for any inconvenience',
  // A reply without a greeting: the first sentence is where the thanks belongs.
  'require-thanks': 'As I already said, you should have cleared your cache.',
};

/**
 * CRLF line breaks and emoji before the flagged words on the same line: positions must
 * count UTF-16 code units (👋 and 🙏 are two each) and treat \r\n as one line break.
 */
export const CRLF_EMOJI_REPLY =
  'Hi 👋 Sam,\r\n\r\nSorry 🙏 but you should have cleared your cache. We apologize for any inconvenience.\r\n\r\nMo';

/** The same positions written out by hand, so a wrong column model cannot agree with itself. */
export const CRLF_EMOJI_RANGES: Record<string, { start: [number, number]; end: [number, number] }> = {
  'require-thanks': { start: [0, 0], end: [0, 10] },
  'no-blame': { start: [2, 13], end: [2, 36] },
  'no-scripted-phrase': { start: [2, 49], end: [2, 83] },
};

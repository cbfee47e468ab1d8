/**
 * A finding's message split for the editor: the first sentence (what was flagged, quoted) goes
 * in the diagnostic, so a Problems row reads whole; the advice after it goes in the hover.
 * Rule data may already say one sentence; then there is no advice to move.
 */
export function splitMessage(message: string): { sentence: string; advice: string } {
  const text = message.trim();
  // The quoted words come first and may hold a full stop of their own: look past them.
  let from = 0;
  if (text.startsWith('“')) {
    const close = text.indexOf('”');
    if (close > 0) from = close + 1;
  }
  const end = /[.!?](?=\s+\S)/.exec(text.slice(from));
  if (!end) return { sentence: text, advice: '' };
  const cut = from + end.index + 1;
  return { sentence: text.slice(0, cut), advice: text.slice(cut).trim() };
}

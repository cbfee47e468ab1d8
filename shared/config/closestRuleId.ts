/**
 * The rule id a mistyped one most likely meant, for "did you mean" in every place a user
 * names rules (editor settings, rule files, the command line): a typo a few letters off
 * ("no-blam"), or the id without its verb prefix ("blame" for "no-blame").
 */
export function closestRuleId(id: string, known: readonly string[]): string | undefined {
  const wanted = id.trim().toLowerCase();
  const byStem = known.find((candidate) => stem(candidate) === stem(wanted));
  if (byStem && byStem !== id) return byStem;
  let best: { id: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate);
    if (!best || distance < best.distance) best = { id: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 4)) ? best.id : undefined;
}

/** The id without its verb prefix and separators: "no-blame" and "blame" share "blame". */
function stem(id: string): string {
  return id.replace(/^(?:no|require|prefer|limit)[-_ ]?/, '').replace(/[-_ ]/g, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

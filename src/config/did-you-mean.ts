// "Did you mean" suggestions for misspelt rule ids and config keys.

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known name closest to `input`, if it is close enough to be a typo. A rule id written
 * without its dialect prefix ("ws-upgrade-header" for "nginx/ws-upgrade-header") also matches.
 */
export function closestMatch(input: string, known: readonly string[]): string | null {
  const typed = input.toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const lower = name.toLowerCase();
    const unprefixed = lower.slice(lower.indexOf("/") + 1);
    const distance = Math.min(editDistance(typed, lower), editDistance(typed, unprefixed));
    if (best === null || distance < best.distance) best = { name, distance };
  }
  if (best === null) return null;
  const tolerated = Math.max(2, Math.floor(input.length / 3));
  return best.distance <= tolerated ? best.name : null;
}

export function didYouMean(input: string, known: readonly string[]): string {
  const match = closestMatch(input, known);
  return match === null ? "" : `; did you mean ${JSON.stringify(match)}?`;
}

/*
 * Near misses: « formaton » is probably `formation`. Used to suggest a KNOWN word (a keyword, a
 * subcommand, a CAHC commune) without ever repeating what was typed: a word the bot cannot read may
 * be a name, a phone number or a CAF number, and nothing typed goes back to Slack.
 */

/** Levenshtein distance (insertions, deletions, substitutions), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** How far a word may be from a known word of this length: 1 for short words (`ase`, `mecs`), else 2. */
export function allowedDistance(known: string): number {
  return known.length <= 4 ? 1 : 2;
}

/**
 * The known word `word` is a near miss of, if any. Both are compared as given: normalise them first
 * (lower case, no accents). Only a word of letters and hyphens, without a digit, can be a near miss;
 * the closest known word wins, the first listed on a tie. Returns the KNOWN word, never `word`.
 */
export function nearMiss(word: string, known: readonly string[]): string | undefined {
  if (!/^[a-z]+(?:-[a-z]+)*$/.test(word)) return undefined;
  let best: { word: string; distance: number } | undefined;
  for (const candidate of known) {
    const max = allowedDistance(candidate);
    const distance = editDistance(word, candidate, max);
    if (distance === 0 || distance > max) continue;
    if (!best || distance < best.distance) best = { word: candidate, distance };
  }
  return best?.word;
}

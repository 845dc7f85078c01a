/** "Did you mean …?" for a mistyped command, flag or environment: the nearest known name by edit distance. */

/** Suggestions farther than this many edits (or a third of the word, when longer) are noise. */
const MAX_EDITS = 2;

/**
 * The Levenshtein distance between two strings (insertions, deletions, substitutions), with a
 * transposition of two neighbours counting as one edit (`sttaus` → `status`).
 *
 * @example
 * editDistance("prd", "prod") // 1
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const up = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The known name nearest to `input`, or undefined when none is close enough; ties go to the first.
 *
 * @example
 * closest("prd", ["local", "prod"]) // "prod"
 * closest("zzz", ["local", "prod"]) // undefined
 */
export function closest(input: string, known: readonly string[]): string | undefined {
  const limit = Math.max(MAX_EDITS, Math.floor(input.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(input.toLowerCase(), name.toLowerCase());
    if (distance <= limit && distance < (best?.distance ?? Number.POSITIVE_INFINITY)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

/**
 * `; did you mean "x"?` when a known name is close, else an empty string: ready to append to a message.
 *
 * @example
 * `unknown command "biuld"${didYouMean("biuld", ["build"])}` // 'unknown command "biuld"; did you mean "build"?'
 */
export function didYouMean(input: string, known: readonly string[]): string {
  const name = closest(input, known);
  return name === undefined ? "" : `; did you mean "${name}"?`;
}

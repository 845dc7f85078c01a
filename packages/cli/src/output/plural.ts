/** Counts in prose: `1 spec`, `2 specs`. */

/**
 * `n` and `word`, with an `s` unless `n` is 1.
 *
 * @example
 * plural(2, "warning") // "2 warnings"
 */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Remembers a pure function's answers by its text argument: specs repeat the same packages, bases and schedules. */

/** Distinct texts remembered before the memory starts over, so a long-lived process stays small. */
const MAX_TEXTS = 10_000;

/**
 * `fn` answering from memory for a text it has seen. `fn` must be pure and its answers must not be
 * mutated by callers (they are shared).
 *
 * @example
 * const parse = memoizeByText(parseAptPackage);
 * parse("curl") === parse("curl"); // true: one parse
 */
export function memoizeByText<T>(fn: (text: string) => T): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    if (answers.has(text)) return answers.get(text) as T;
    if (answers.size >= MAX_TEXTS) answers.clear();
    const answer = fn(text);
    answers.set(text, answer);
    return answer;
  };
}

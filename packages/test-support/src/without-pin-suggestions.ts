/** Leaves the `pin-base-digest` warnings out of a list of lint problems, for tests about something else. */

/**
 * The problems other than `pin-base-digest`: the test specs name their bases by tag (they are built
 * offline, from locally seeded images whose digests differ from the upstream ones), so every immutable
 * one gets that warning.
 *
 * @example
 * expect(withoutPinSuggestions(problems)).toEqual([]);
 */
export function withoutPinSuggestions<P extends { ruleId: string }>(problems: P[]): P[] {
  return problems.filter((problem) => problem.ruleId !== "pin-base-digest");
}

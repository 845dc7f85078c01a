/** What a package-entry parser answers: the parts it read, or why the entry is not in its syntax. */

/**
 * A parser's verdict on one package entry. `reason` is a sentence for a person: what is wrong and what
 * is allowed, with an example where one helps (it never repeats the entry; the caller names it).
 *
 * @example
 * const verdict: PackageVerdict<{ name: string }> = { ok: false, reason: "use == for an exact version, e.g. numpy==1.2" };
 */
export type PackageVerdict<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Characters no entry may hold: a package list is one entry per line of YAML, never a script. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The reason shared by every syntax for an entry that is empty, holds a control character (a newline,
 * a tab) or starts with `-` (the package manager would read it as an option); undefined otherwise.
 *
 * @example
 * commonEntryProblem("--index-url=http://mirror") // "the entry starts with \"-\", which the package manager would read as an option: …"
 */
export function commonEntryProblem(entry: string): string | undefined {
  if (entry.trim() === "") return "the entry is empty: write a package name";
  if (CONTROL.test(entry))
    return "the entry holds a control character (a newline or tab): write one package per entry";
  if (entry.trimStart().startsWith("-"))
    return 'the entry starts with "-", which the package manager would read as an option: options are not allowed in a package list, write a package name';
  return undefined;
}

/**
 * A refusal with its reason.
 *
 * @example
 * return refuse("use == for an exact version, e.g. numpy==1.2");
 */
export function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** A SpecSource that reads each file and lists each folder once, for a command that goes over the specs several times. */
import type { SpecSource } from "./types.ts";

/**
 * Wraps `source` so repeated reads and listings answer from the first one: `validate` lists and reads
 * every spec to learn the environments, then again for each environment's pass. Use it for one command's
 * run, never for a long-lived watcher, which must see edits.
 *
 * @example
 * const source = readOnceSource(directorySource("/repo"));
 * await source.readFile("specs/a/1.0.yaml"); // read from disk
 * await source.readFile("specs/a/1.0.yaml"); // the same text, not read again
 */
export function readOnceSource(source: SpecSource): SpecSource {
  const reads = new Map<string, ReturnType<SpecSource["readFile"]>>();
  const listings = new Map<string, ReturnType<SpecSource["listFiles"]>>();
  const insideReads = new Map<string, ReturnType<NonNullable<SpecSource["readFileInside"]>>>();
  const once = <T>(cache: Map<string, T>, key: string, read: () => T): T => {
    let value = cache.get(key);
    if (value === undefined) {
      value = read();
      cache.set(key, value);
    }
    return value;
  };
  const { readFileInside } = source;
  return {
    description: source.description,
    readFile: (path) => once(reads, path, () => source.readFile(path)),
    // A copy each time: a caller may sort or splice the list it gets.
    listFiles: async (prefix) => [
      ...(await once(listings, prefix, () => source.listFiles(prefix))),
    ],
    ...(readFileInside
      ? {
          readFileInside: (path: string, folder: string) =>
            once(insideReads, `${folder}\0${path}`, () =>
              readFileInside.call(source, path, folder),
            ),
        }
      : {}),
  };
}

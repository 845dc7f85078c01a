/** `imagebuild:<image>:<version>` (or `:latest`): how a Dockerfile names another spec of the repository. */

/** What every spec reference starts with. Two colons make it an invalid OCI reference, so it cannot name a real image. */
export const SPEC_REFERENCE_PREFIX = "imagebuild:";
/** The version word that means "the highest version of that image in the same environment". */
export const LATEST_SPEC_VERSION = "latest";

const SPEC_REFERENCE = /^imagebuild:([a-z0-9][a-z0-9._-]*):([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/;

/** A parsed spec reference: the image folder and the version file (or `latest`). */
export interface SpecReference {
  imageName: string;
  version: string;
}

/**
 * Parses `imagebuild:<image>:<version>`; undefined for anything else (a real image reference).
 *
 * @example
 * parseSpecReference("imagebuild:debian-tools:1.0.0") // { imageName: "debian-tools", version: "1.0.0" }
 * parseSpecReference("debian:bookworm") // undefined
 */
export function parseSpecReference(text: string): SpecReference | undefined {
  const match = SPEC_REFERENCE.exec(text);
  if (!match) return undefined;
  return { imageName: match[1] as string, version: match[2] as string };
}

/**
 * Whether a FROM or COPY --from argument is meant as a spec reference (starts with `imagebuild:` and has
 * a second colon), even a malformed one, so it is reported instead of being read as an image.
 *
 * @example
 * isSpecReference("imagebuild:debian-tools:1.0.0") // true
 */
export function isSpecReference(text: string): boolean {
  return (
    text.startsWith(SPEC_REFERENCE_PREFIX) && text.indexOf(":", SPEC_REFERENCE_PREFIX.length) > 0
  );
}

/**
 * Orders versions like `1.2.10` after `1.2.9`: dot- and dash-separated parts, numbers numerically.
 *
 * @example
 * ["1.10.0", "1.9.0"].sort(compareVersions) // ["1.9.0", "1.10.0"]
 */
export function compareVersions(a: string, b: string): number {
  const left = a.split(/[.-]/);
  const right = b.split(/[.-]/);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const x = left[index];
    const y = right[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    const order = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return order;
  }
  return 0;
}

/** Puts each spec reference's image (this environment's URI and tag) into the Dockerfile a build sends. */
import type { SpecBase } from "./types.ts";

/**
 * Replaces every linked `imagebuild:<image>:<version>` on its own Dockerfile line with the named spec's image
 * URI; a `dated` base gets `-<dateSuffix>`, the same day stamp its own build pushes in this render.
 * Other lines (a RUN echoing the text, a heredoc) are left as written.
 *
 * @example
 * renderSpecReferences("FROM imagebuild:debian-tools:1.0.0\n", bases, "20250101")
 * // "FROM 127.0.0.1:5000/pai/debian-tools:1.0.0-20250101\n"
 */
export function renderSpecReferences(
  dockerfile: string,
  bases: readonly SpecBase[],
  dateSuffix: string,
): string {
  const linked = bases.filter((base) => base.spec);
  if (linked.length === 0) return dockerfile;
  const lines = dockerfile.split("\n");
  for (const base of linked) {
    const target = base.spec as NonNullable<SpecBase["spec"]>;
    const image = target.dated ? `${target.imageUri}-${dateSuffix}` : target.imageUri;
    const index = base.dockerfileLine - 1;
    const escaped = base.reference.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    lines[index] = (lines[index] ?? "").replace(
      new RegExp(`(^|[\\s=])${escaped}(?=\\s|$)`),
      (_all, before: string) => `${before}${image}`,
    );
  }
  return lines.join("\n");
}

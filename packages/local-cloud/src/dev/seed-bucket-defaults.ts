/** Copies a repository's spec defaults into the folder playing the bucket. */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * Copies `specs/**\/_defaults.yaml` of `repoDir` into `bucketDir` where missing, so a spec dropped
 * into the bucket layers the same defaults as in git (a real bucket needs them uploaded too).
 *
 * @example
 * seedBucketDefaults({ repoDir: ".", bucketDir: ".imagebuild/bucket" });
 */
export function seedBucketDefaults({
  repoDir,
  bucketDir,
}: {
  repoDir: string;
  bucketDir: string;
}): void {
  const specsDir = path.join(repoDir, "specs");
  if (!existsSync(specsDir)) return;
  for (const entry of readdirSync(specsDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== "_defaults.yaml") continue;
    const from = path.join(entry.parentPath, entry.name);
    const to = path.join(bucketDir, path.relative(repoDir, from));
    if (existsSync(to)) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
}

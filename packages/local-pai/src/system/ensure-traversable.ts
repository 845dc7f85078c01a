/** Lets a build's user-namespace root reach the few host folders the runtime opens as that user. */
import { chmod, mkdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

/**
 * The OCI runtime mounts the rootfs (staged under buildah's TMPDIR) and the bind-mounted resolver
 * file as the build's root, an unprivileged host id: every folder on the way must be searchable
 * (`o+x`) by it. Adds the search bit (never read) to the data directory, `containers/`, `containers/tmp`
 * and `containers/isolation`, and checks the data directory's ancestors. Returns a sentence naming
 * the folder that blocks, or undefined.
 *
 * @example
 * await ensureTraversable({ dataDir: ".imagebuild" }); // undefined
 */
export async function ensureTraversable({
  dataDir,
}: {
  dataDir: string;
}): Promise<string | undefined> {
  const root = resolve(dataDir);
  const containers = join(root, "containers");
  const inside = [root, containers, join(containers, "tmp"), join(containers, "isolation")];
  for (const dir of inside) {
    await mkdir(dir, { recursive: true });
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o011);
  }
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      return `${dir} is not searchable by other users (mode ${(mode & 0o777).toString(8)}), so a build's user namespace cannot reach ${root}: run "chmod o+x ${dir}" or keep the data directory elsewhere`;
    }
    if (dir === dirname(dir)) return undefined;
  }
}

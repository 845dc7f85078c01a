/** Tracks the storage clean-ups builds leave running in the background, so shutdown can wait for them. */

const pending = new Set<Promise<unknown>>();

/**
 * Lets `work` (e.g. `buildah rmi` of a pushed image) finish in the background; its failure is ignored
 * because the image is already in the registry.
 *
 * @example
 * scheduleCleanup(runProcess({ command: "buildah", args: ["rmi", "-f", imageId] }));
 */
export function scheduleCleanup(work: Promise<unknown>): void {
  const tracked = work.catch(() => undefined).finally(() => pending.delete(tracked));
  pending.add(tracked);
}

/**
 * Resolves once every background clean-up has finished; call it before deleting the data directory
 * or exiting.
 *
 * @example
 * await pai.close();
 * await waitForBuildCleanup();
 */
export async function waitForBuildCleanup(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/** Where a timer tick reads specs: `dir:<path>`, `git:<repo>@<branch>`, or the local repository. */
import { directorySource, gitSource, type SpecSource } from "@imagebuild/core";
import type { TriggerConfig } from "./config.ts";
import { SourceError } from "./errors.ts";

/**
 * The timer's spec source from `IMAGEBUILD_TIMER_SOURCE` (`dir:/path`, `git:/repo@main`), else the
 * local repository at `HEAD`.
 *
 * @example
 * timerSource({ config }) // gitSource({ repoDir: "/repo", revision: "main" })
 */
export function timerSource({ config }: { config: TriggerConfig }): SpecSource {
  const spec = config.timerSource;
  if (spec?.startsWith("dir:")) return directorySource(spec.slice("dir:".length));
  if (spec?.startsWith("git:")) {
    const [repoDir = "", revision = "HEAD"] = spec.slice("git:".length).split("@");
    return gitSource({ repoDir, revision });
  }
  if (spec === undefined && config.localRepo)
    return gitSource({ repoDir: config.localRepo, revision: "HEAD" });
  throw new SourceError({
    code: "SOURCE_UNSUPPORTED",
    message: `IMAGEBUILD_TIMER_SOURCE must be dir:<path> or git:<repo>@<branch> (got ${spec ?? "nothing"})`,
  });
}

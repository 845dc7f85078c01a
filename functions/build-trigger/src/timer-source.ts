/** Where a timer tick reads specs: a branch resolved to its commit by its git provider, an OSS prefix, or a folder. */
import { directorySource, gitSource, type SpecSource } from "@imagebuild/core";
import type { TriggerConfig } from "./config.ts";
import { SourceError } from "./errors.ts";
import type { FcContext } from "./handler-deps.ts";
import { ossCredentials } from "./oss-credentials.ts";
import { findProvider, GIT_PROVIDERS, providerSettings } from "./providers/index.ts";
import { ossSource } from "./sources/oss-source.ts";

const SHA = /^[0-9a-f]{40}$/;

/**
 * The timer's spec source from `IMAGEBUILD_TIMER_SOURCE`:
 * `<provider>:<repository>@<branch>` for each git provider that resolves branches, i.e.
 * `github:<owner>/<repo>@<branch>` and `gitlab:<project>@<branch>` (the branch is resolved to its
 * commit first, so one tick reads one revision), `oss://<bucket>` (the objects as they are now),
 * `git:<dir>@<rev>` or `dir:<path>` (a folder on the instance).
 *
 * @example
 * await timerSource({ config, context, env }) // githubSource at the sha of main
 */
export async function timerSource({
  config,
  context,
  env,
  region,
}: {
  config: TriggerConfig;
  context: FcContext;
  env: Readonly<Record<string, string | undefined>>;
  region?: string | undefined;
}): Promise<SpecSource> {
  const spec = config.timerSource;
  const allowedHosts = config.allowedSourceHosts;
  const [target = "", ref = "HEAD"] = (spec ?? "").replace(/^[a-z]+:(\/\/)?/, "").split("@");
  if (spec?.startsWith("dir:")) return directorySource(target);
  if (spec?.startsWith("git:")) return gitSource({ repoDir: target, revision: ref });
  const provider = findProvider(/^([a-z]+):/.exec(spec ?? "")?.[1] ?? "");
  if (provider?.resolveBranch && spec) {
    const settings = providerSettings(config, provider);
    const revision = checkSha(
      await provider.resolveBranch({ settings, repository: target, branch: ref, allowedHosts }),
      spec,
    );
    return provider.source({
      settings,
      repository: target,
      revision,
      allowedHosts,
      knownFiles: [],
    });
  }
  if (spec?.startsWith("oss://")) {
    const ossRegion = region ?? context.region ?? env.ALIBABA_CLOUD_REGION_ID ?? "cn-hangzhou";
    return ossSource({
      endpoint: config.ossEndpoint ?? `https://oss-${ossRegion}-internal.aliyuncs.com`,
      bucket: target.replace(/\/.*$/, ""),
      region: ossRegion,
      credentials: ossCredentials(context, env),
    });
  }
  const branchSources = GIT_PROVIDERS.filter((git) => git.resolveBranch).map(
    (git) => `${git.name}:<repository>@<branch>, `,
  );
  throw unsupported(
    `IMAGEBUILD_TIMER_SOURCE must be ${branchSources.join("")}oss://<bucket>, git:<dir>@<rev> or dir:<path> (got ${spec ?? "nothing"})`,
  );
}

function checkSha(sha: string | undefined, spec: string): string {
  if (sha && SHA.test(sha)) return sha;
  throw new SourceError({
    code: "SOURCE_HTTP",
    message: `${spec}: the branch was not found or did not resolve to a commit`,
  });
}

function unsupported(message: string): SourceError {
  return new SourceError({ code: "SOURCE_UNSUPPORTED", message });
}

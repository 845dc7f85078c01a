/** Where a timer tick reads specs: a branch resolved to its commit on GitHub or GitLab, an OSS prefix, or a folder. */
import { directorySource, gitSource, type SpecSource } from "@imagebuild/core";
import { z } from "zod";
import type { TriggerConfig } from "./config.ts";
import { SourceError } from "./errors.ts";
import type { FcContext } from "./handler-deps.ts";
import { ossCredentials } from "./oss-credentials.ts";
import { assertAllowedHost, getText } from "./sources/fetch-allowed.ts";
import { encodePath, githubSource } from "./sources/github-source.ts";
import { gitlabSource } from "./sources/gitlab-source.ts";
import { ossSource } from "./sources/oss-source.ts";

const SHA = /^[0-9a-f]{40}$/;
const GitlabBranch = z.object({ commit: z.object({ id: z.string().regex(SHA) }) });

/**
 * The timer's spec source from `IMAGEBUILD_TIMER_SOURCE`:
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
  if (spec?.startsWith("github:")) {
    const base = assertAllowedHost({ baseUrl: config.githubApiUrl, allowedHosts }).href.replace(
      /\/$/,
      "",
    );
    const sha = await getText({
      url: `${base}/repos/${encodePath(target)}/commits/${encodeURIComponent(ref)}`,
      headers: {
        accept: "application/vnd.github.sha",
        "user-agent": "imagebuild-build-trigger",
        ...(config.githubToken ? { authorization: `Bearer ${config.githubToken}` } : {}),
      },
    });
    const revision = checkSha(sha?.trim(), spec);
    return githubSource({
      apiUrl: config.githubApiUrl,
      repository: target,
      revision,
      token: config.githubToken,
      allowedHosts,
    });
  }
  if (spec?.startsWith("gitlab:")) {
    if (!config.gitlabApiUrl) throw unsupported("IMAGEBUILD_GITLAB_API_URL is not set");
    const base = assertAllowedHost({ baseUrl: config.gitlabApiUrl, allowedHosts }).href.replace(
      /\/$/,
      "",
    );
    const text = await getText({
      url: `${base}/api/v4/projects/${encodeURIComponent(target)}/repository/branches/${encodeURIComponent(ref)}`,
      headers: config.gitlabToken ? { "private-token": config.gitlabToken } : {},
    });
    const revision = checkSha(
      text === undefined ? undefined : GitlabBranch.parse(JSON.parse(text)).commit.id,
      spec,
    );
    return gitlabSource({
      apiUrl: config.gitlabApiUrl,
      project: target,
      revision,
      token: config.gitlabToken,
      allowedHosts,
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
  throw unsupported(
    `IMAGEBUILD_TIMER_SOURCE must be github:<owner>/<repo>@<branch>, gitlab:<project>@<branch>, oss://<bucket>, git:<dir>@<rev> or dir:<path> (got ${spec ?? "nothing"})`,
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

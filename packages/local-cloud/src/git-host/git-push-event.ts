/** A GitHub-shaped push delivery for a commit of a local git repository, signed like GitHub signs it. */
import { execFileSync } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";

const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
const ZERO_SHA = "0".repeat(40);

/**
 * The push payload for `commit` (default HEAD) of `repoDir`: `added`/`modified`/`removed` from
 * `git diff --name-status <before> <commit>`, where `before` defaults to the commit's first parent
 * (or the empty tree for a root commit; `all: true` also diffs against the empty tree, announcing
 * every file as added).
 *
 * @example
 * const payload = gitPushPayload({ repoDir: ".", repository: "local/images" });
 */
export function gitPushPayload({
  repoDir,
  repository,
  commit = "HEAD",
  before,
  all = false,
}: {
  repoDir: string;
  repository: string;
  commit?: string;
  before?: string | undefined;
  all?: boolean;
}) {
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: repoDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  const after = git("rev-parse", "--verify", `${commit}^{commit}`);
  const branch = git("rev-parse", "--abbrev-ref", "HEAD");
  let base = before;
  if (base === undefined && !all) {
    try {
      base = git("rev-parse", "--verify", "--quiet", `${after}^`);
    } catch {
      base = undefined;
    }
  }
  const added: string[] = [];
  const modified: string[] = [];
  const removed: string[] = [];
  for (const line of git("diff", "--name-status", "--no-renames", base ?? EMPTY_TREE, after).split(
    "\n",
  )) {
    const [status = "", file = ""] = line.split("\t");
    if (!file) continue;
    if (status.startsWith("A")) added.push(file);
    else if (status.startsWith("D")) removed.push(file);
    else modified.push(file);
  }
  return {
    ref: `refs/heads/${branch === "HEAD" ? "main" : branch}`,
    before: base ?? ZERO_SHA,
    after,
    created: base === undefined,
    deleted: false,
    forced: false,
    repository: { full_name: repository },
    commits: [
      {
        id: after,
        distinct: true,
        message: git("log", "-1", "--format=%s", after),
        timestamp: git("log", "-1", "--format=%cI", after),
        added,
        removed,
        modified,
      },
    ],
    head_commit: { id: after },
  };
}

/**
 * POSTs `payload` to `url` as GitHub does: `X-GitHub-Event: push`, a delivery id and
 * `X-Hub-Signature-256` over the exact body.
 *
 * @example
 * const { status, body } = await sendGithubPush({ url, secret, payload });
 */
export async function sendGithubPush({
  url,
  secret,
  payload,
  delivery = randomUUID(),
}: {
  url: string;
  secret: string;
  payload: unknown;
  delivery?: string;
}): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/imagebuild-dev",
      "x-github-event": "push",
      "x-github-delivery": delivery,
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** A git host over a local repository: the GitHub, GitLab and Codeup REST calls the function makes, each one recorded. */
import { execFileSync } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { commitStatusRoute, type RecordedStatus } from "./commit-status-route.ts";
import { listenServer } from "../listen-server.ts";

export type { RecordedStatus };

const STATUS_BODY_LIMIT_BYTES = 64 * 1024;

/** A running local git host. */
export interface GitHostServer {
  url: string;
  host: string;
  /** Every request, as `METHOD path?query`. */
  requests: string[];
  /** Authorization-like headers seen (to check the token is sent). */
  tokens: string[];
  /** Commit statuses posted (GitHub, GitLab and Codeup status APIs), in arrival order. */
  statuses: RecordedStatus[];
  close(): Promise<void>;
}

/**
 * Serves `repoDir` as `repository` on `127.0.0.1:<port>`: GitHub `GET /repos/{repo}/contents/{path}`,
 * `/commits/{branch}` (sha) and `/git/trees/{sha}`; GitLab `/api/v4/projects/{id}/repository/files/{path}/raw`,
 * `/tree` and `/branches/{branch}`; Codeup `/oapi/v1/codeup/organizations/{org}/repositories/{repo}/files/{path}`
 * and `/compares?from=&to=` (`git diff --name-status`); and the three commit status APIs
 * (`commit-status-route.ts`), recorded in `statuses` and passed to `onStatus`.
 * With `failFirst`, the first N requests are answered 503 (to script a flaky provider). With
 * `privateRepository`, a request without a token is answered 404 as GitHub and GitLab answer for a
 * private repository (Codeup: 401).
 *
 * @example
 * const github = await startGitHostServer({ repoDir, repository: "acme/images" });
 */
export async function startGitHostServer({
  repoDir,
  repository,
  projectId = 42,
  organizationId = "org1",
  failFirst = 0,
  privateRepository = false,
  onStatus,
  port = 0,
}: {
  repoDir: string;
  repository: string;
  projectId?: number;
  organizationId?: string;
  failFirst?: number;
  privateRepository?: boolean;
  onStatus?: (status: RecordedStatus) => void;
  port?: number;
}): Promise<GitHostServer> {
  const state: GitHostServer = {
    url: "",
    host: "",
    requests: [],
    tokens: [],
    statuses: [],
    close: async () => {},
  };
  // Memoised: the repository does not change under a running test, and tests replay many requests at once.
  const shown = new Map<string, string | undefined>();
  const show = (ref: string, file: string): string | undefined => {
    const key = `${ref}:${file}`;
    if (!shown.has(key)) {
      try {
        shown.set(
          key,
          execFileSync("git", ["show", key], {
            cwd: repoDir,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
          }),
        );
      } catch {
        shown.set(key, undefined);
      }
    }
    return shown.get(key);
  };
  const resolve = (branch: string): string | undefined => {
    try {
      return execFileSync("git", ["rev-parse", "--verify", `refs/heads/${branch}`], {
        cwd: repoDir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    } catch {
      return undefined;
    }
  };
  const trees = new Map<string, string[]>();
  const tree = (ref: string): string[] => {
    let files = trees.get(ref);
    if (!files) {
      files = execFileSync("git", ["ls-tree", "-r", "--name-only", "--full-tree", ref], {
        cwd: repoDir,
        encoding: "utf8",
      })
        .split("\n")
        .filter(Boolean);
      trees.set(ref, files);
    }
    return files;
  };
  const diff = (from: string, to: string) =>
    execFileSync("git", ["diff", "--name-status", "-M", from, to], {
      cwd: repoDir,
      encoding: "utf8",
    })
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [kind = "", oldPath = "", newPath] = line.split("\t");
        return {
          oldPath,
          newPath: newPath ?? oldPath,
          newFile: kind === "A",
          deletedFile: kind === "D",
          renamedFile: kind.startsWith("R"),
        };
      });
  const handle = (request: IncomingMessage, body: string, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    state.requests.push(`${request.method} ${url.pathname}${url.search}`);
    const token =
      request.headers.authorization ??
      request.headers["private-token"] ??
      request.headers["x-yunxiao-token"];
    if (typeof token === "string") state.tokens.push(token);
    const send = (status: number, text: string, type = "application/json") =>
      response.writeHead(status, { "content-type": type }).end(text);
    if (state.requests.length <= failFirst) return send(503, '{"message":"unavailable"}');
    if (privateRepository && typeof token !== "string")
      return url.pathname.startsWith("/oapi/")
        ? send(401, '{"errorCode":"Unauthorized"}')
        : send(404, '{"message":"Not Found"}');
    if (request.method === "POST") {
      const status = commitStatusRoute({ url, body });
      if (status === undefined) return send(404, '{"message":"Not Found"}');
      if ("error" in status) return send(422, JSON.stringify({ message: status.error }));
      state.statuses.push(status);
      onStatus?.(status);
      return send(201, JSON.stringify({ id: state.statuses.length, ...status }));
    }
    const ref = url.searchParams.get("ref") ?? "";
    const github = `/repos/${repository}`;
    if (url.pathname.startsWith(`${github}/contents/`)) {
      const file = decodeURIComponent(url.pathname.slice(`${github}/contents/`.length));
      const text = show(ref, file);
      return text === undefined
        ? send(404, '{"message":"Not Found"}')
        : send(200, text, "application/vnd.github.raw+json");
    }
    if (url.pathname.startsWith(`${github}/commits/`)) {
      const branch = decodeURIComponent(url.pathname.slice(`${github}/commits/`.length));
      const sha = resolve(branch);
      return sha
        ? send(200, sha, "application/vnd.github.sha")
        : send(404, '{"message":"No commit found"}');
    }
    const branches = /^\/api\/v4\/projects\/([^/]+)\/repository\/branches\/([^/]+)$/.exec(
      url.pathname,
    );
    if (branches) {
      const sha = resolve(decodeURIComponent(branches[2] ?? ""));
      return sha
        ? send(200, JSON.stringify({ name: branches[2], commit: { id: sha } }))
        : send(404, '{"message":"404 Branch Not Found"}');
    }
    if (url.pathname.startsWith(`${github}/git/trees/`)) {
      const sha = decodeURIComponent(url.pathname.slice(`${github}/git/trees/`.length));
      return send(
        200,
        JSON.stringify({
          sha,
          truncated: false,
          tree: tree(sha).map((path) => ({ path, type: "blob" })),
        }),
      );
    }
    const gitlab = /^\/api\/v4\/projects\/([^/]+)\/repository\/(files\/([^/]+)\/raw|tree)$/.exec(
      url.pathname,
    );
    if (gitlab) {
      const project = decodeURIComponent(gitlab[1] ?? "");
      if (project !== String(projectId) && project !== repository)
        return send(404, '{"message":"404 Project Not Found"}');
      if (gitlab[2] === "tree") {
        const folder = url.searchParams.get("path") ?? "";
        const page = Number(url.searchParams.get("page") ?? "1");
        const entries = tree(ref)
          .filter((path) => path.startsWith(`${folder}/`))
          .map((path) => ({ path, type: "blob" }));
        return send(200, JSON.stringify(page === 1 ? entries : []));
      }
      const text = show(ref, decodeURIComponent(gitlab[3] ?? ""));
      return text === undefined
        ? send(404, '{"message":"404 File Not Found"}')
        : send(200, text, "text/plain");
    }
    const compare = new RegExp(
      `^/oapi/v1/codeup/organizations/${organizationId}/repositories/([^/]+)/compares$`,
    ).exec(url.pathname);
    if (compare) {
      const project = decodeURIComponent(compare[1] ?? "");
      if (project !== String(projectId) && project !== repository)
        return send(404, '{"errorCode":"RepositoryNotFound"}');
      try {
        const diffs = diff(url.searchParams.get("from") ?? "", url.searchParams.get("to") ?? "");
        return send(200, JSON.stringify({ commits: [], diffs }));
      } catch {
        return send(404, '{"errorCode":"CommitNotFound"}');
      }
    }
    const codeup = new RegExp(
      `^/oapi/v1/codeup/organizations/${organizationId}/repositories/([^/]+)/files/(.+)$`,
    ).exec(url.pathname);
    if (codeup) {
      const project = decodeURIComponent(codeup[1] ?? "");
      if (project !== String(projectId) && project !== repository)
        return send(404, '{"errorCode":"RepositoryNotFound"}');
      const text = show(ref, decodeURIComponent(codeup[2] ?? ""));
      if (text === undefined) return send(404, '{"errorCode":"NotFound"}');
      return send(
        200,
        JSON.stringify({
          content: Buffer.from(text).toString("base64"),
          encoding: "base64",
          filePath: codeup[2],
          ref,
        }),
      );
    }
    return send(404, '{"message":"Not Found"}');
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= STATUS_BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > STATUS_BODY_LIMIT_BYTES)
        return response.writeHead(413, { "content-type": "application/json" }).end("{}");
      handle(request, Buffer.concat(chunks).toString("utf8"), response);
    });
  });
  const listening = await listenServer({ server, port });
  state.url = listening.url;
  state.host = listening.host;
  state.close = listening.close;
  return state;
}

/** The handler's HTTP trigger against real stub servers: webhooks, signatures, the response deadline, exactly-once builds. */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createHandler } from "../../src/create-handler.ts";
import { createLogger } from "../../src/logger.ts";
import { GITHUB_SECRET, githubPush, githubPushEvent, httpEvent } from "../fixtures/events.ts";
import {
  buffer,
  createRecordQueue,
  drained,
  parse,
  SPECS,
  triggersSent,
  useHandlerHarness,
} from "../fixtures/handler-harness.ts";
import { startPaiServer } from "@imagebuild/test-support";

const harness = useHandlerHarness();
const { repo, setup, setupEnv } = harness;
const push = githubPush({ files: SPECS, after: repo.sha });

describe("GitHub push", () => {
  it("builds each added spec once, at the pushed commit, and answers 202 with a result per spec", async () => {
    const pai = await startPaiServer();
    try {
      const { handler, lines } = setup(pai);
      const response = parse(
        await handler(buffer(githubPushEvent({ payload: push })), { requestId: "r1" }),
      );
      expect(response.statusCode).toBe(202);
      const results = response.body.results as { file: string; status: string }[];
      expect(results.map((r) => [r.file, r.status])).toEqual(
        SPECS.map((file) => [file, "submitted"]),
      );
      expect([...pai.builds.values()].map((b) => b.imageUri).sort()).toEqual([
        "127.0.0.1:5000/pai/tool-a:1.0.0",
        "127.0.0.1:5000/pai/tool-b:1.0.0",
        "127.0.0.1:5000/pai/tool-c:1.0.0",
      ]);
      expect(harness.github.requests.some((r) => r.includes(`ref=${repo.sha}`))).toBe(true);
      expect(triggersSent(pai)).toEqual(SPECS.map(() => `push:${repo.sha}`));
      const log = lines.join("");
      for (const secret of [GITHUB_SECRET, "old-secret-value", "ghp_secret_api_token"])
        expect(log).not.toContain(secret);
    } finally {
      await pai.close();
    }
  });

  it("replayed 20 times in sequence (fresh instance memory each time): one build per spec", async () => {
    const pai = await startPaiServer();
    try {
      for (let i = 0; i < 20; i++) {
        const { handler } = setup(pai);
        expect(parse(await handler(buffer(githubPushEvent({ payload: push })))).statusCode).toBe(
          202,
        );
      }
      expect(pai.stats.createCalls).toBe(60);
      expect(pai.builds.size).toBe(3);
    } finally {
      await pai.close();
    }
  });

  it("replayed 20 times concurrently, on one instance and on 20 instances: one build per spec", async () => {
    const pai = await startPaiServer({ delayMs: 20 });
    try {
      const shared = setup(pai).handler;
      const responses = await Promise.all([
        ...Array.from({ length: 20 }, () => shared(buffer(githubPushEvent({ payload: push })))),
        ...Array.from({ length: 20 }, () =>
          setup(pai).handler(buffer(githubPushEvent({ payload: push }))),
        ),
      ]);
      expect(responses.map((r) => parse(r).statusCode)).toEqual(Array(40).fill(202));
      expect(pai.builds.size).toBe(3);
    } finally {
      await pai.close();
    }
  });

  it("a forged or missing signature: 401, nothing fetched, nothing built", async () => {
    const pai = await startPaiServer();
    try {
      const { handler, lines } = setup(pai);
      const fetchedBefore = harness.github.requests.length;
      const forged = githubPushEvent({ payload: push, secret: "not-the-secret" });
      expect(parse(await handler(buffer(forged))).statusCode).toBe(401);
      const unsigned = githubPushEvent({ payload: push });
      delete (unsigned.headers as Record<string, string>)["X-Hub-Signature-256"];
      expect(parse(await handler(buffer(unsigned))).statusCode).toBe(401);
      const tampered = githubPushEvent({ payload: push });
      tampered.body = tampered.body.replace("tool-a", "tool-z");
      expect(parse(await handler(buffer(tampered))).statusCode).toBe(401);
      expect(harness.github.requests.length).toBe(fetchedBefore);
      expect(pai.stats.createCalls).toBe(0);
      expect(lines.join("")).not.toContain(GITHUB_SECRET);
    } finally {
      await pai.close();
    }
  });

  it("503 or throttling on the first attempts: each spec built exactly once", async () => {
    for (const failure of ["503", "throttle"] as const) {
      const pai = await startPaiServer({ failFirst: 2, failure });
      try {
        const { handler } = setup(pai);
        const response = parse(await handler(buffer(githubPushEvent({ payload: push }))));
        expect(response.statusCode).toBe(202);
        expect(
          (response.body.results as { status: string }[]).every((r) => r.status === "submitted"),
        ).toBe(true);
        expect(pai.stats.createCalls).toBe(9);
        expect(pai.builds.size).toBe(3);
      } finally {
        await pai.close();
      }
    }
  });

  it("accepts a base64 body, answers ping, ignores other events, branches and repositories", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      expect(
        parse(await handler(buffer(githubPushEvent({ payload: push, base64: true })))).statusCode,
      ).toBe(202);
      expect(pai.builds.size).toBe(3);
      expect(
        parse(await handler(buffer(githubPushEvent({ payload: { zen: "hi" }, event: "ping" }))))
          .body.status,
      ).toBe("pong");
      const issues = parse(
        await handler(buffer(githubPushEvent({ payload: {}, event: "issues" }))),
      );
      expect(issues).toMatchObject({ statusCode: 202, body: { status: "ignored" } });
      const branch = githubPushEvent({
        payload: githubPush({ files: SPECS, after: repo.sha, ref: "refs/heads/feature" }),
        delivery: "d2",
      });
      expect(parse(await handler(buffer(branch))).body.reason).toMatch(/branch feature/);
      const other = githubPushEvent({
        payload: githubPush({ files: SPECS, after: repo.sha, repository: "evil/repo" }),
        delivery: "d3",
      });
      expect(parse(await handler(buffer(other))).body.reason).toMatch(/evil\/repo/);
      expect(pai.stats.createCalls).toBe(3);
    } finally {
      await pai.close();
    }
  });

  it("accepts GitHub's form-encoded content type (payload=…), signed over the raw form body", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      const body = new URLSearchParams({ payload: JSON.stringify(push) }).toString();
      const signature = `sha256=${createHmac("sha256", GITHUB_SECRET).update(body).digest("hex")}`;
      const event = httpEvent({
        body,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Github-Event": "push",
          "X-Github-Delivery": "form-1",
          "X-Hub-Signature-256": signature,
        },
      });
      expect(parse(await handler(buffer(event))).statusCode).toBe(202);
      expect(pai.builds.size).toBe(3);
    } finally {
      await pai.close();
    }
  });

  it("reports removed specs without building them; a bad body is 400 naming the field", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      const removed = githubPushEvent({
        payload: githubPush({ files: [], removed: ["specs/old/1.0.0.yaml"], after: repo.sha }),
        delivery: "d4",
      });
      const response = parse(await handler(buffer(removed)));
      expect(response.body.results).toEqual([
        {
          file: "specs/old/1.0.0.yaml",
          status: "removed",
          reason: "removed in this push; nothing built",
        },
      ]);
      const bad = githubPushEvent({ payload: { ...push, after: "not-a-sha" }, delivery: "d5" });
      const invalid = parse(await handler(buffer(bad)));
      expect(invalid.statusCode).toBe(400);
      expect(String(invalid.body.message)).toMatch(/github push body: after: must match/);
      expect(pai.stats.createCalls).toBe(0);
    } finally {
      await pai.close();
    }
  });
});

describe("HTTP trigger failures", () => {
  it("Function Compute's API failing: 503 (retryable) or 422, nothing remembered, a redelivery tries again", async () => {
    const pai = await startPaiServer();
    try {
      const queue = createRecordQueue();
      let failure: Error | undefined = Object.assign(new Error("ServiceUnavailable"), {
        statusCode: 503,
        code: "ServiceUnavailable",
      });
      const handler = createHandler({
        env: setupEnv(pai),
        log: createLogger({ write: () => {} }),
        invokerFor: () => {
          if (failure) throw failure;
          return queue.invoker;
        },
      });
      queue.run = (record, requestId) => handler(buffer(record), { requestId });
      const delivery = buffer(githubPushEvent({ payload: push, delivery: "broken-1" }));
      expect(parse(await handler(delivery)).statusCode).toBe(503);
      failure = Object.assign(new Error("Forbidden"), { statusCode: 403, code: "Forbidden" });
      expect(parse(await handler(delivery)).statusCode).toBe(422);
      failure = undefined;
      expect(parse(await drained(handler, queue)(delivery)).statusCode).toBe(202);
      expect(pai.builds.size).toBe(3);
    } finally {
      await pai.close();
    }
  });
});

describe("HTTP trigger basics", () => {
  it("GET /healthz, 413 over the body limit, 405 for other methods", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai, { IMAGEBUILD_BODY_LIMIT_BYTES: "2048" });
      expect(
        parse(await handler(buffer(httpEvent({ body: "", method: "GET", path: "/healthz" })))),
      ).toEqual({ statusCode: 200, body: { status: "ok" } });
      const big = githubPushEvent({ payload: { ...push, padding: "x".repeat(4096) } });
      expect(parse(await handler(buffer(big))).statusCode).toBe(413);
      expect(parse(await handler(buffer(httpEvent({ body: "", method: "PUT" })))).statusCode).toBe(
        405,
      );
      expect(pai.stats.createCalls).toBe(0);
    } finally {
      await pai.close();
    }
  });
});

describe("durable intake", () => {
  it("answers 202 accepted once the records are enqueued, whatever PAI does; a redelivery enqueues nothing more", async () => {
    let release = () => {};
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pai = await startPaiServer({ hold });
    try {
      const { handler, queue } = setup(pai);
      // A fresh instance per delivery: the dedup must come from the task ids, not instance memory.
      const instance = () =>
        createHandler({
          env: setupEnv(pai),
          log: createLogger({ write: () => {} }),
          invokerFor: () => queue.invoker,
        });
      const raw = instance();
      const delivery = buffer(githubPushEvent({ payload: push, delivery: "slow-1" }));
      // PAI answers nothing until released: the answer must not wait for it.
      const first = parse(await raw(delivery));
      expect(first).toMatchObject({
        statusCode: 202,
        body: {
          status: "accepted",
          delivery: "slow-1",
          records: 1,
          specs: 3,
          duplicate: false,
        },
      });
      expect(first.body.results).toBeUndefined();
      const again = parse(await instance()(delivery));
      expect(again.body).toMatchObject({ status: "accepted", duplicate: true });
      expect(queue.records).toHaveLength(1);
      release();
      await queue.idle();
      expect(pai.stats.createCalls).toBe(3);
      expect(pai.builds.size).toBe(3);
      expect(handler).toBeDefined();
    } finally {
      release();
      await pai.close();
    }
  });

  it("dispatch then follow: the hook sees the submissions, then each build's final status", async () => {
    const pai = await startPaiServer({
      statusesBeforeEnd: ["Queuing", "Running"],
      failingImageNames: ["tool-b"],
    });
    try {
      const { handler, outcomes, queue } = setup(pai);
      const response = parse(await handler(buffer(githubPushEvent({ payload: push }))));
      expect(response.statusCode).toBe(202);
      await queue.idle();
      expect(outcomes[0]).toMatchObject({ phase: "dispatched" });
      expect(outcomes[0]?.results.map((r) => r.status)).toEqual([
        "submitted",
        "submitted",
        "submitted",
      ]);
      const finals = outcomes
        .filter((o) => o.phase === "followed")
        .flatMap((o) => o.results)
        .map((r) => [r.file, "finalStatus" in r ? r.finalStatus : undefined]);
      expect(finals.sort()).toEqual([
        ["specs/tool-a/1.0.0.yaml", "Succeeded"],
        ["specs/tool-b/1.0.0.yaml", "Failed"],
        ["specs/tool-c/1.0.0.yaml", "Succeeded"],
      ]);
    } finally {
      await pai.close();
    }
  });

  it("gives up following after the limit, with a clear report", async () => {
    const pai = await startPaiServer({ statusesBeforeEnd: Array(10_000).fill("Running") });
    try {
      // The limit counts from the dispatch; 3 s leaves a loaded machine time to start the first
      // 1 s follow slice before it, so following is seen to go on in a second invocation.
      const { handler, outcomes, queue } = setup(pai, {
        IMAGEBUILD_FOLLOW_LIMIT_SECONDS: "3",
        IMAGEBUILD_FOLLOW_SLICE_SECONDS: "1",
      });
      await handler(buffer(githubPushEvent({ payload: push })));
      await queue.idle();
      const gaveUp = outcomes.find((o) => o.phase === "gave-up");
      expect(gaveUp?.note).toMatch(/^gave up following after \d+ s .*3 build\(s\) not finished/);
      expect(queue.records.filter((r) => r.phase === "follow").length).toBeGreaterThanOrEqual(2);
    } finally {
      await pai.close();
    }
  });
});

describe("GitLab and Codeup", () => {
  const gitlabBody = {
    object_kind: "push",
    ref: "refs/heads/main",
    before: "0".repeat(40),
    after: repo.sha,
    project_id: 42,
    project: { path_with_namespace: "acme/images" },
    repository: { name: "images" },
    total_commits_count: 1,
    commits: [{ id: repo.sha, added: ["specs/tool-a/1.0.0.yaml"], modified: [], removed: [] }],
  };

  it("GitLab: X-Gitlab-Token checked, files read through the GitLab API", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai, { IMAGEBUILD_GITLAB_API_URL: harness.github.url });
      const event = (token: string) =>
        httpEvent({
          body: JSON.stringify(gitlabBody),
          headers: {
            "X-Gitlab-Event": "Push Hook",
            "X-Gitlab-Token": token,
            "Idempotency-Key": "k1",
          },
        });
      expect(parse(await handler(buffer(event("wrong")))).statusCode).toBe(401);
      expect(pai.stats.createCalls).toBe(0);
      const ok = parse(await handler(buffer(event("gitlab-token-value"))));
      expect(ok.statusCode).toBe(202);
      expect(pai.builds.size).toBe(1);
      expect(
        harness.github.requests.some((r) =>
          r.startsWith("GET /api/v4/projects/acme%2Fimages/repository/files/"),
        ),
      ).toBe(true);
    } finally {
      await pai.close();
    }
  });

  it("Codeup: both event header spellings, X-Codeup-Token checked", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai, {
        IMAGEBUILD_CODEUP_API_URL: harness.github.url,
        IMAGEBUILD_CODEUP_ORGANIZATION_ID: "org1",
      });
      for (const header of ["Codeup-Event", "X-Codeup-Event"]) {
        const event = (token: string) =>
          httpEvent({
            body: JSON.stringify(gitlabBody),
            headers: { [header]: "Push Hook", "X-Codeup-Token": token },
          });
        expect(parse(await handler(buffer(event("nope")))).statusCode).toBe(401);
        expect(parse(await handler(buffer(event("codeup-token-value")))).statusCode).toBe(202);
      }
      expect(pai.builds.size).toBe(1);
      const bare = { ...gitlabBody, commits: [{ id: repo.sha }] };
      const noLists = httpEvent({
        body: JSON.stringify(bare),
        headers: { "X-Codeup-Event": "Push Hook", "X-Codeup-Token": "codeup-token-value" },
      });
      expect(parse(await handler(buffer(noLists))).body.reason).toMatch(
        /no file lists and no base commit to compare/,
      );
    } finally {
      await pai.close();
    }
  });

  it("Codeup: files are read from the allow-listed path, whatever project_id the payload names", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai, {
        IMAGEBUILD_CODEUP_API_URL: harness.github.url,
        IMAGEBUILD_CODEUP_ORGANIZATION_ID: "org1",
      });
      const before = harness.github.requests.length;
      // 7 stands for another repository the function's Codeup token can read.
      const elsewhere = { ...gitlabBody, project_id: 7 };
      const answer = parse(
        await handler(
          buffer(
            httpEvent({
              body: JSON.stringify(elsewhere),
              headers: { "Codeup-Event": "Push Hook", "X-Codeup-Token": "codeup-token-value" },
            }),
          ),
        ),
      );
      expect(answer.statusCode).toBe(202);
      expect(answer.body.results).toMatchObject([{ status: "submitted" }]);
      const reads = harness.github.requests
        .slice(before)
        .filter((r) => r.startsWith("GET /oapi/v1/codeup/"));
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads)
        expect(read).toMatch(
          /^GET \/oapi\/v1\/codeup\/organizations\/org1\/repositories\/acme%2Fimages\//,
        );
    } finally {
      await pai.close();
    }
  });
});

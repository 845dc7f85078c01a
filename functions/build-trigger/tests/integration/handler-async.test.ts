/** The handler's asynchronous triggers against real stub servers: OSS uploads and timer ticks, retries, exactly-once builds. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startLocalOssServer } from "@imagebuild/local-cloud";
import { ossEvent, timerEvent } from "../fixtures/events.ts";
import { buffer, triggersSent, useHandlerHarness } from "../fixtures/handler-harness.ts";
import {
  BAD_SPEC_YAML,
  DEFAULTS_YAML,
  specYaml,
  startPaiServer,
  writeFiles,
} from "@imagebuild/test-support";

const harness = useHandlerHarness();
const { setup } = harness;

const bucketDir = mkdtempSync(path.join(tmpdir(), "bucket-"));
writeFiles(bucketDir, {
  "specs/_defaults.yaml": DEFAULTS_YAML,
  "specs/good/1.0.0.yaml": specYaml({ name: "good" }),
  "specs/broken/1.0.0.yaml": BAD_SPEC_YAML,
});

describe("OSS uploads", () => {
  const credentials = {
    accessKeyId: "STS.key",
    accessKeySecret: "sts-secret-value",
    securityToken: "sts-token",
  };
  const startBucket = () =>
    startLocalOssServer({
      rootDir: bucketDir,
      bucket: "specs-bucket",
      region: "cn-hangzhou",
      credentials,
    });

  it("builds a good upload, rejects a bad spec naming file and field with zero builds, ignores other keys", async () => {
    const pai = await startPaiServer();
    const oss = await startBucket();
    try {
      const { handler, lines } = setup(pai, {
        IMAGEBUILD_OSS_ENDPOINT: oss.url,
        IMAGEBUILD_ALLOWED_BUCKETS: "specs-bucket",
      });
      const context = { requestId: "r-oss", credentials };
      const bad = (await handler(
        buffer(ossEvent({ key: "specs/broken/1.0.0.yaml" })),
        context,
      )) as { results: { file: string; status: string; problems: string[] }[] };
      expect(bad.results).toHaveLength(1);
      expect(bad.results[0]).toMatchObject({ file: "specs/broken/1.0.0.yaml", status: "invalid" });
      expect(bad.results[0]?.problems.join("\n")).toMatch(
        /specs\/broken\/1\.0\.0\.yaml:\d+:\d+: .*BuildType/,
      );
      expect(pai.stats.createCalls).toBe(0);

      for (const key of [
        "other/x/1.0.yaml",
        "specs/../specs/good/1.0.0.yaml",
        "specs/good/notes.txt",
        "specs/_defaults.yaml",
      ]) {
        const ignored = (await handler(buffer(ossEvent({ key })), context)) as {
          results: { status: string }[];
        };
        expect(ignored.results[0]?.status).toBe("ignored");
      }
      // The bucket and region become the OSS host name: a crafted one must not receive the STS token.
      const crafted = ossEvent({ key: "specs/good/1.0.0.yaml" });
      const [record] = crafted.events;
      if (record) record.region = "x@127.0.0.1:1#";
      const redirected = (await handler(buffer(crafted), context)) as {
        results: { status: string; reason: string }[];
      };
      expect(redirected.results[0]).toMatchObject({ status: "ignored", reason: /^region: / });
      const elsewhere = (await handler(
        buffer(ossEvent({ key: "specs/good/1.0.0.yaml", bucket: "other-bucket" })),
        context,
      )) as { results: { status: string }[] };
      expect(elsewhere.results[0]?.status).toBe("ignored");
      expect(pai.stats.createCalls).toBe(0);

      const good = (await handler(
        buffer(ossEvent({ key: "specs%2Fgood%2F1.0.0.yaml" })),
        context,
      )) as { results: { status: string }[] };
      expect(good.results[0]?.status).toBe("submitted");
      expect(pai.builds.size).toBe(1);
      expect(triggersSent(pai)).toEqual(["oss:specs/good/1.0.0.yaml"]);
      expect(lines.join("")).not.toContain("sts-secret-value");
    } finally {
      await Promise.all([pai.close(), oss.close()]);
    }
  });

  it("accepts no bucket when IMAGEBUILD_ALLOWED_BUCKETS is empty: the upload is ignored, nothing is read or built", async () => {
    const pai = await startPaiServer();
    const oss = await startBucket();
    try {
      const { handler } = setup(pai, { IMAGEBUILD_OSS_ENDPOINT: oss.url });
      const result = (await handler(buffer(ossEvent({ key: "specs/good/1.0.0.yaml" })), {
        credentials,
      })) as { results: { status: string; reason: string }[] };
      expect(result.results[0]).toMatchObject({
        status: "ignored",
        reason:
          "bucket specs-bucket: IMAGEBUILD_ALLOWED_BUCKETS is empty, so no bucket is accepted",
      });
      expect(pai.stats.createCalls).toBe(0);
    } finally {
      await Promise.all([pai.close(), oss.close()]);
    }
  });

  it("a server failing every attempt: the async invocation throws (FC retries), the retry builds once", async () => {
    const pai = await startPaiServer({ failFirst: 1000, failure: "503" });
    const oss = await startBucket();
    try {
      const { handler } = setup(pai, {
        IMAGEBUILD_OSS_ENDPOINT: oss.url,
        IMAGEBUILD_ALLOWED_BUCKETS: "specs-bucket",
      });
      const event = buffer(ossEvent({ key: "specs/good/1.0.0.yaml" }));
      await expect(handler(event, { credentials })).rejects.toMatchObject({
        code: "BUILD_RETRYABLE",
      });
      expect(pai.builds.size).toBe(0);
      pai.healed = true;
      const retried = (await handler(event, { credentials })) as { results: { status: string }[] };
      expect(retried.results[0]?.status).toBe("submitted");
      await handler(event, { credentials });
      expect(pai.builds.size).toBe(1);
    } finally {
      await Promise.all([pai.close(), oss.close()]);
    }
  });
});

describe("timers", () => {
  it("a retried tick builds its slot once; the next day's tick builds the next dated tag", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      const payload = JSON.stringify({ select: "scheduled", schedule: "0 0 * * * *" });
      for (const triggerTime of [
        "2026-11-27T04:00:00Z",
        "2026-11-27T04:00:09Z",
        "2026-11-27T04:00:00Z",
      ]) {
        const result = (await handler(buffer(timerEvent({ triggerTime, payload })))) as {
          slot: string;
          results: { file: string; status: string }[];
        };
        expect(result.slot).toBe("2026-11-27T04:00:00.000Z");
        expect(result.results.map((r) => [r.file, r.status])).toEqual([
          ["specs/nightly/1.0.0.yaml", "submitted"],
        ]);
      }
      expect(pai.builds.size).toBe(1);
      const notDue = (await handler(
        buffer(timerEvent({ triggerTime: "2026-11-27T05:00:00Z", payload })),
      )) as { results: unknown[] };
      expect(notDue.results).toEqual([]);
      await handler(buffer(timerEvent({ triggerTime: "2026-11-28T04:00:01Z", payload })));
      expect([...pai.builds.values()].map((b) => b.imageUri).sort()).toEqual([
        "127.0.0.1:5000/pai/nightly:1.0.0-20261127",
        "127.0.0.1:5000/pai/nightly:1.0.0-20261128",
      ]);
      expect(new Set(triggersSent(pai))).toEqual(
        new Set(["timer:2026-11-27T04:00:00.000Z", "timer:2026-11-28T04:00:00.000Z"]),
      );
    } finally {
      await pai.close();
    }
  });

  it("a glob payload rebuilds the matching specs at the trigger's slot, once per slot", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      const payload = JSON.stringify({
        select: "glob",
        glob: "specs/tool-*/*.yaml",
        schedule: "0 0 4 * * *",
      });
      await handler(buffer(timerEvent({ triggerTime: "2026-11-27T04:00:00Z", payload })));
      await handler(buffer(timerEvent({ triggerTime: "2026-11-27T04:00:30Z", payload })));
      expect(pai.builds.size).toBe(3);
    } finally {
      await pai.close();
    }
  });

  it("reads production sources at the branch's commit: github:<repo>@main and gitlab:<project>@main", async () => {
    for (const timerSource of ["github:acme/images@main", "gitlab:42@main"]) {
      const pai = await startPaiServer();
      try {
        const { handler } = setup(pai, {
          IMAGEBUILD_TIMER_SOURCE: timerSource,
          IMAGEBUILD_GITLAB_API_URL: harness.github.url,
        });
        const payload = JSON.stringify({ select: "scheduled", schedule: "0 0 * * * *" });
        const result = (await handler(
          buffer(timerEvent({ triggerTime: "2026-11-27T04:00:00Z", payload })),
        )) as { results: { file: string; status: string }[] };
        expect(result.results.map((r) => [r.file, r.status])).toEqual([
          ["specs/nightly/1.0.0.yaml", "submitted"],
        ]);
        expect(pai.builds.size).toBe(1);
      } finally {
        await pai.close();
      }
    }
    expect(harness.github.requests.some((r) => r === "GET /repos/acme/images/commits/main")).toBe(
      true,
    );
    expect(
      harness.github.requests.some((r) => r === "GET /api/v4/projects/42/repository/branches/main"),
    ).toBe(true);
  });

  it("a bad payload is reported, not retried", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      const result = (await handler(buffer(timerEvent({ payload: '{"select":"glob"}' })))) as {
        status: string;
        error: { message: string };
      };
      expect(result.status).toBe("failed");
      expect(result.error.message).toMatch(/payload\.glob/);
    } finally {
      await pai.close();
    }
  });
});

/** The stand-ins one by one: FC HTTP events from requests, git push payloads, the bucket watcher, s.yaml timers. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validators } from "@imagebuild/schema";
import { afterAll, describe, expect, it } from "vitest";
import { createSpecRepo, specYaml, writeFiles } from "@imagebuild/test-support";
import { canonicalHeaderName, toFcHttpEvent } from "../../src/fc/fc-http-event.ts";
import { startTimers } from "../../src/fc/timer-triggers.ts";
import { gitPushPayload } from "../../src/git-host/git-push-event.ts";
import { watchBucket } from "../../src/oss/watch-bucket.ts";

describe("toFcHttpEvent", () => {
  it("builds a schema-valid FC 3.0 event: canonical header names, joined repeats, base64 for binary", () => {
    const json = toFcHttpEvent({
      method: "POST",
      url: "/hook%20x?a=1&a=2&b=3",
      headers: {
        "x-github-event": "push",
        "content-type": "application/json",
        host: "127.0.0.1:9000",
        "x-multi": ["1", "2"],
      },
      body: Buffer.from('{"ok":true}'),
      sourceIp: "127.0.0.1",
    });
    expect(validators.FcHttpEvent.safeParse(json).ok).toBe(true);
    expect(json.headers).toMatchObject({ "X-Github-Event": "push", "X-Multi": "1,2" });
    expect(json.queryParameters).toEqual({ a: "1,2", b: "3" });
    expect(json).toMatchObject({
      rawPath: "/hook%20x",
      isBase64Encoded: false,
      body: '{"ok":true}',
    });
    expect(json.requestContext.http.path).toBe("/hook x");
    const binary = toFcHttpEvent({
      method: "POST",
      url: "/",
      headers: { "content-type": "application/octet-stream" },
      body: Buffer.from([0, 255, 1]),
      sourceIp: "::1",
    });
    expect(binary).toMatchObject({ isBase64Encoded: true, body: "AP8B" });
    expect(canonicalHeaderName("x-hub-signature-256")).toBe("X-Hub-Signature-256");
  });
});

describe("gitPushPayload", () => {
  const repo = createSpecRepo({ files: { "specs/tool-a/1.0.0.yaml": specYaml({ name: "a" }) } });
  const second = repo.commit({
    "specs/tool-b/1.0.0.yaml": specYaml({ name: "b" }),
    "README.md": "x",
  });
  execFileSync("git", ["rm", "-q", "specs/tool-a/1.0.0.yaml"], { cwd: repo.dir });
  const third = repo.commit({}, "remove a");

  it("computes added/modified/removed with git diff --name-status", () => {
    const payload = gitPushPayload({
      repoDir: repo.dir,
      repository: "local/images",
      commit: second,
    });
    expect(payload.after).toBe(second);
    expect(payload.before).toBe(repo.sha);
    expect(payload.commits[0]?.added.sort()).toEqual(["README.md", "specs/tool-b/1.0.0.yaml"]);
    expect(
      gitPushPayload({ repoDir: repo.dir, repository: "local/images", commit: third }).commits[0]
        ?.removed,
    ).toEqual(["specs/tool-a/1.0.0.yaml"]);
    expect(
      gitPushPayload({ repoDir: repo.dir, repository: "local/images", commit: third, all: true })
        .commits[0]?.added,
    ).toContain("specs/tool-b/1.0.0.yaml");
  });
  afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));
});

describe("watchBucket", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "bucket-watch-"));
  const events: unknown[] = [];
  let close = () => {};
  afterAll(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("announces new and changed .yaml under the prefix as real-shaped OSS events, nothing else", async () => {
    writeFiles(dir, { "specs/old/1.0.0.yaml": "a" });
    const watcher = await watchBucket({
      rootDir: dir,
      bucket: "local-specs",
      region: "cn-hangzhou",
      prefix: "specs/",
      intervalMs: 60_000,
      onEvent: async (event) => void events.push(event),
    });
    close = watcher.close;
    await watcher.scan();
    expect(events).toHaveLength(0);
    writeFiles(dir, {
      "specs/new/1.0.0.yaml": "b",
      "specs/new/notes.txt": "c",
      "other/x.yaml": "d",
    });
    await watcher.scan();
    expect(events).toHaveLength(1);
    const event = validators.FcOssEvent.parse(events[0]);
    expect(event.events[0]?.oss.object).toMatchObject({
      key: "specs/new/1.0.0.yaml",
      size: 1,
      eTag: "92EB5FFEE6AE2FEC3AD71C777531578F",
    });
    writeFileSync(path.join(dir, "specs/old/1.0.0.yaml"), "changed");
    await watcher.scan();
    expect(events).toHaveLength(2);
  });
});

describe("startTimers", () => {
  it("fires an enabled trigger on its 6-field cron with FC's timer event shape; disabled ones never", async () => {
    const events: unknown[] = [];
    // Two ticks of the enabled trigger, however late a busy machine delivers them; the disabled one
    // shares its cron, so it had those same two chances to fire.
    let secondTick = () => {};
    const twoTicks = new Promise<void>((resolve) => {
      secondTick = resolve;
    });
    const stop = startTimers({
      triggers: [
        {
          name: "every-second",
          cron: "* * * * * *",
          enable: true,
          payload: '{"select":"scheduled"}',
        },
        { name: "off", cron: "* * * * * *", enable: false, payload: undefined },
      ],
      onEvent: async (event) => {
        if (events.push(event) >= 2) secondTick();
      },
    });
    await twoTicks;
    stop();
    expect(events.length).toBeGreaterThanOrEqual(2);
    const times = events.map((event) => (event as { triggerTime: string }).triggerTime);
    expect(new Set(times).size).toBe(times.length);
    for (const event of events) {
      const parsed = validators.FcTimerEvent.parse(event);
      expect(parsed.triggerName).toBe("every-second");
      expect(parsed.triggerTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(parsed.payload).toBe('{"select":"scheduled"}');
    }
  });
});

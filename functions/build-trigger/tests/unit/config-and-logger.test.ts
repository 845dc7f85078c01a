/** Settings from the environment, log redaction, changed spec paths, schedule slots and globs. */
import { describe, expect, it, vi } from "vitest";
import { createHandler } from "../../src/create-handler.ts";
import { timerEvent } from "../fixtures/events.ts";
import { configSecrets, loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { changedSpecPaths } from "../../src/webhooks/changed-spec-paths.ts";
import { latestSlot, previousSlot } from "../../src/schedule-slot.ts";
import { globToRegExp } from "../../src/glob-to-regexp.ts";

describe("loadConfig", () => {
  it("parses lists and numbers with defaults", () => {
    const config = loadConfig({
      IMAGEBUILD_ALLOWED_REPOSITORIES: "acme/images, acme/other",
      IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: "new,old",
      IMAGEBUILD_CONCURRENCY: "2",
      PATH: "/usr/bin",
    });
    expect(config.allowedRepositories).toEqual(["acme/images", "acme/other"]);
    expect(config.allowedBranches).toEqual(["main"]);
    expect(config.providers.github?.webhookSecrets).toEqual(["new", "old"]);
    expect(config.concurrency).toBe(2);
    expect(config.specPrefix).toBe("specs/");
    expect(config.environmentDefaults).toBeUndefined();
    expect(
      loadConfig({ IMAGEBUILD_ENV: "local", IMAGEBUILD_DEFAULT_REGISTRY: "127.0.0.1:5000/pai" })
        .environmentDefaults,
    ).toEqual({ local: { registry: "127.0.0.1:5000/pai" } });
  });

  it("names the bad variable and never echoes a secret", () => {
    expect(() => loadConfig({ IMAGEBUILD_CONCURRENCY: "many" })).toThrow(
      /environment: IMAGEBUILD_CONCURRENCY/,
    );
    expect(() => loadConfig({ IMAGEBUILD_DEFAULT_REGISTRY: "http://r.example.com" })).toThrow(
      /IMAGEBUILD_DEFAULT_REGISTRY: must be a registry host and namespace/,
    );
    expect(() => loadConfig({ IMAGEBUILD_SPEC_PREFIX: "../etc" })).toThrow(
      /IMAGEBUILD_SPEC_PREFIX/,
    );
    expect(() => loadConfig({ IMAGEBUILD_GITHUB_API_URL: "file:///etc/passwd" })).toThrow(
      /IMAGEBUILD_GITHUB_API_URL/,
    );
    expect(() => loadConfig({ IMAGEBUILD_SLACK_WEBHOOK_URL: "not a url" })).toThrow(
      /environment: IMAGEBUILD_SLACK_WEBHOOK_URL: must be an http\(s\) URL/,
    );
    expect(() => loadConfig({ IMAGEBUILD_SECRET_HOSTS: '{"ACR":"r.example.com"}' })).toThrow(
      /IMAGEBUILD_SECRET_HOSTS: ACR: must be a list of registry hosts/,
    );
  });

  it("reads IMAGEBUILD_STATUS_TARGET_URL as an http(s) URL template with {jobId} and {file}", () => {
    const template = "https://console.example.com/jobs/{jobId}?spec={file}";
    expect(loadConfig({ IMAGEBUILD_STATUS_TARGET_URL: template }).report.statusTargetUrl).toBe(
      template,
    );
    expect(loadConfig({}).report.statusTargetUrl).toBeUndefined();
    expect(() =>
      loadConfig({ IMAGEBUILD_STATUS_TARGET_URL: "console.example.com/{jobId}" }),
    ).toThrow(/environment: IMAGEBUILD_STATUS_TARGET_URL: must be an http\(s\) URL/);
    expect(() =>
      loadConfig({ IMAGEBUILD_STATUS_TARGET_URL: "javascript:alert(1)//{jobId}" }),
    ).toThrow(/IMAGEBUILD_STATUS_TARGET_URL: must be an http\(s\) URL/);
    expect(() =>
      loadConfig({ IMAGEBUILD_STATUS_TARGET_URL: "https://console.example.com/jobs/{job}" }),
    ).toThrow(
      /IMAGEBUILD_STATUS_TARGET_URL: unknown placeholder \{job\}; the known ones are \{jobId\} and \{file\}/,
    );
  });

  it("stops at the first event on a bad IMAGEBUILD_STATUS_TARGET_URL, before anything is read or built", async () => {
    const handler = createHandler({
      env: { IMAGEBUILD_STATUS_TARGET_URL: "not a url" },
      clientFor: () => {
        throw new Error("no client may be made");
      },
      log: createLogger({ write: () => {} }),
    });
    const answer = await handler(Buffer.from(JSON.stringify(timerEvent({}))));
    expect(answer).toMatchObject({
      status: "rejected",
      error: expect.stringMatching(/IMAGEBUILD_STATUS_TARGET_URL: must be an http\(s\) URL/),
    });
  });

  it("binds secrets to registry hosts from IMAGEBUILD_SECRET_HOSTS, and none when unset", () => {
    expect(loadConfig({}).secretHosts).toEqual({});
    expect(
      loadConfig({ IMAGEBUILD_SECRET_HOSTS: '{"acr-push":["Registry.Example.com"]}' }).secretHosts,
    ).toEqual({ ACR_PUSH: ["registry.example.com"] });
  });

  it("reads IMAGEBUILD_REGISTRY_MIRRORS (a host, or a host and the secret of its login), none when unset, and names a bad entry", () => {
    expect(loadConfig({}).registryMirrors).toEqual({});
    expect(
      loadConfig({
        IMAGEBUILD_REGISTRY_MIRRORS:
          '{"docker.io":"127.0.0.1:5000","quay.io":{"host":"mirror.example.com","secret":"QUAY_MIRROR"}}',
      }).registryMirrors,
    ).toEqual({
      "docker.io": { host: "127.0.0.1:5000" },
      "quay.io": { host: "mirror.example.com", secret: "QUAY_MIRROR" },
    });
    expect(() => loadConfig({ IMAGEBUILD_REGISTRY_MIRRORS: "{" })).toThrow(
      /IMAGEBUILD_REGISTRY_MIRRORS: is not JSON/,
    );
    expect(() =>
      loadConfig({ IMAGEBUILD_REGISTRY_MIRRORS: '{"docker.io":"http://127.0.0.1:5000"}' }),
    ).toThrow(/IMAGEBUILD_REGISTRY_MIRRORS\.docker\.io/);
    expect(() =>
      loadConfig({
        IMAGEBUILD_REGISTRY_MIRRORS: '{"docker.io":{"host":"127.0.0.1:5000","secret":"a b"}}',
      }),
    ).toThrow(/must be a secret name/);
  });
});

describe("createLogger", () => {
  it("writes JSON lines and scrubs secrets by value and by field name", () => {
    const lines: string[] = [];
    const config = loadConfig({
      IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: "super-secret-value",
      IMAGEBUILD_GITHUB_TOKEN: "ghp_tokenvalue",
    });
    const env = { IMAGEBUILD_SECRET_ACR_AUTH: "registry-password-1", PATH: "/usr/bin" };
    const log = createLogger({
      secrets: configSecrets(config, env),
      write: (line) => lines.push(line),
    });
    log.child({ requestId: "r1" }).error("failed with super-secret-value", {
      header: "Bearer ghp_tokenvalue",
      authorization: "anything",
      clientToken: "ib1-keep",
      detail: "auth registry-password-1 failed",
      headers: {
        "x-oss-security-token": "sts-token-not-in-the-list",
        "PRIVATE-TOKEN": "glpat-not-in-the-list",
        "x-hub-signature-256": "sha256=not-in-the-list",
      },
      auths: { "registry.example": { auth: "dXNlcjpwYXNz" } },
    });
    expect(lines).toHaveLength(1);
    const text = lines.join("");
    expect(text).not.toContain("super-secret-value");
    expect(text).not.toContain("ghp_tokenvalue");
    expect(text).not.toContain("registry-password-1");
    expect(text).toContain("ib1-keep");
    expect(text).not.toMatch(/not-in-the-list|dXNlcjpwYXNz/);
    const parsed = JSON.parse(text);
    expect(parsed).toMatchObject({
      level: "error",
      requestId: "r1",
      authorization: "[redacted]",
      clientToken: "ib1-keep",
      detail: "auth [redacted] failed",
    });
  });
});

describe("changedSpecPaths", () => {
  it("folds commits in order: build added/modified, report removed, ignore non-specs", () => {
    const result = changedSpecPaths({
      prefix: "specs/",
      commits: [
        { added: ["specs/a/1.0.yaml", "specs/b/1.0.yaml", "README.md", "specs/_defaults.yaml"] },
        { modified: ["specs/c/2.0.yaml"], removed: ["specs/b/1.0.yaml", "specs/d/0.1.yaml"] },
        { added: ["specs/a/_defaults.yaml", "specs/x/y/z.yaml"] },
      ],
    });
    expect(result).toEqual({
      build: ["specs/a/1.0.yaml", "specs/c/2.0.yaml"],
      removed: ["specs/b/1.0.yaml", "specs/d/0.1.yaml"],
    });
  });
});

describe("schedule slots", () => {
  it("truncates a late or retried tick to its cron slot (UTC)", () => {
    const slot = latestSlot({ cron: "0 0 4 * * *", at: new Date("2026-01-02T04:00:07Z") });
    expect(slot?.toISOString()).toBe("2026-01-02T04:00:00.000Z");
    expect(
      latestSlot({ cron: "0 0 4 * * *", at: new Date("2026-01-02T04:00:00Z") })?.toISOString(),
    ).toBe("2026-01-02T04:00:00.000Z");
    expect(
      latestSlot({ cron: "0 0 4 * * *", at: new Date("2026-01-02T09:30:00Z") })?.toISOString(),
    ).toBe("2026-01-02T04:00:00.000Z");
    expect(
      previousSlot({ cron: "0 0 4 * * *", slot: new Date("2026-01-02T04:00:00Z") })?.toISOString(),
    ).toBe("2026-01-01T04:00:00.000Z");
    expect(
      latestSlot({
        cron: "CRON_TZ=Asia/Shanghai 0 0 12 * * *",
        at: new Date("2026-01-02T05:00:00Z"),
      })?.toISOString(),
    ).toBe("2026-01-02T04:00:00.000Z");
  });

  it("matches globs", () => {
    expect(globToRegExp("specs/busybox-*/*.yaml").test("specs/busybox-tools/1.0.0.yaml")).toBe(
      true,
    );
    expect(globToRegExp("specs/*.yaml").test("specs/a/1.yaml")).toBe(false);
    expect(globToRegExp("specs/**/*.yaml").test("specs/a/1.yaml")).toBe(true);
  });
});

describe("the default logger", () => {
  it("scrubs the invocation's STS secret and token, which only arrive in the context", async () => {
    const sts = {
      accessKeyId: "STS.id",
      accessKeySecret: "sts-secret-0123",
      securityToken: "sts-token-0123",
    };
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const handler = createHandler({
        env: { IMAGEBUILD_TIMER_SOURCE: "dir:/nonexistent" },
        clientFor: (context) => {
          throw Object.assign(
            new Error(
              `denied for ${context.credentials?.securityToken} / ${context.credentials?.accessKeySecret}`,
            ),
            { code: "Forbidden" },
          );
        },
      });
      const result = await handler(Buffer.from(JSON.stringify(timerEvent({}))), {
        requestId: "r-sts",
        credentials: sts,
      });
      expect(result).toMatchObject({ status: "failed", error: { code: "Forbidden" } });
    } finally {
      write.mockRestore();
    }
    const text = lines.join("");
    expect(text).toContain("event failed");
    expect(text).not.toContain("sts-secret-0123");
    expect(text).not.toContain("sts-token-0123");
  });
});

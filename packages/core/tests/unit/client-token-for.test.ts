/** clientTokenFor: deterministic, order-independent, secret-free, at most 64 characters. */
import type { CreateImageBuildRequest } from "@imagebuild/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, clientTokenFor } from "../../src/index.ts";

const REQUEST: CreateImageBuildRequest = {
  WorkspaceId: "12345",
  Resource: { EcsSpec: "ecs.c6.large" },
  TargetRegistry: { Type: "AcrEnterprise" },
  BuildConfig: {
    BuildType: "CustomDockerfile",
    Dockerfile: "FROM busybox:1.36\n",
    RegistryAuths: { "r.example.com": { Auth: "<from env A>" } },
  },
  Image: { Name: "tool", Uri: "r.example.com/ml/tool:1.0.0" },
};

describe("clientTokenFor", () => {
  it("is a known value for a known request (the derivation never changes silently)", () => {
    expect(clientTokenFor({ request: REQUEST, slot: "content" })).toBe(
      clientTokenFor({ request: JSON.parse(JSON.stringify(REQUEST)), slot: "content" }),
    );
    expect(clientTokenFor({ request: REQUEST, slot: "content" })).toMatchInlineSnapshot(
      `"ib1-3yfoaa6kjncr7leunteeqp3hobircfjqqjgdwqfsgdymsymewzta"`,
    );
  });

  it("ignores key order and secret values, but not the slot or any other field", () => {
    const reordered = JSON.parse(canonicalJson(REQUEST)) as CreateImageBuildRequest;
    const resolved = {
      ...REQUEST,
      BuildConfig: {
        ...REQUEST.BuildConfig,
        RegistryAuths: { "r.example.com": { Auth: "dXNlcjpwdw==" } },
      },
    };
    const token = clientTokenFor({ request: REQUEST, slot: "content" });
    expect(clientTokenFor({ request: reordered, slot: "content" })).toBe(token);
    expect(clientTokenFor({ request: resolved, slot: "content" })).toBe(token);
    expect(
      clientTokenFor({ request: REQUEST, slot: "schedule:2026-11-30T04:00:00.000Z" }),
    ).not.toBe(token);
    expect(
      clientTokenFor({
        request: { ...REQUEST, Image: { ...REQUEST.Image, Uri: "r.example.com/ml/tool:1.0.1" } },
        slot: "content",
      }),
    ).not.toBe(token);
  });

  it("is always at most 64 printable ASCII characters", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 200 }), (dockerfile, slot) => {
        const token = clientTokenFor({
          request: { ...REQUEST, BuildConfig: { ...REQUEST.BuildConfig, Dockerfile: dockerfile } },
          slot,
        });
        expect(token.length).toBeLessThanOrEqual(64);
        expect(token).toMatch(/^ib1-[a-z2-7]{52}$/);
      }),
    );
  });
});

/** renderRequest golden files: one request per spec and environment. */
import { withoutPinSuggestions } from "@imagebuild/test-support";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { validators } from "@imagebuild/schema";
import { describe, expect, it } from "vitest";
import {
  clientTokenFor,
  directorySource,
  formatProblem,
  loadSpecs,
  renderRequest,
} from "../../src/index.ts";

const REPO = path.join(import.meta.dirname, "../fixtures/render-repo");
const GOLDEN = path.join(import.meta.dirname, "../fixtures/golden");
const NOW = new Date("2026-11-27T10:00:00Z");
const SECRET_HOSTS = {
  MIRROR_PULL: ["ml-registry-vpc.cn-hangzhou.cr.aliyuncs.com"],
  EXAMPLE_REGISTRY: ["registry.example.com"],
};

describe("render: golden requests per spec and environment", () => {
  for (const env of ["local", "prod"]) {
    it(`renders every spec for --env ${env} exactly`, async () => {
      const { specs, problems } = await loadSpecs({
        source: directorySource(REPO),
        env,
        secretHosts: SECRET_HOSTS,
      });
      expect(withoutPinSuggestions(problems).map(formatProblem)).toEqual([]);
      expect(specs.map((s) => s.file)).toEqual([
        "specs/py-data/1.24.2.yaml",
        "specs/tools/1.2.0.yaml",
        "specs/train/2.4.0.yaml",
      ]);
      for (const spec of specs) {
        const request = renderRequest(spec, { secrets: "reference", now: NOW });
        const rendered = { request, clientToken: clientTokenFor({ request, slot: "content" }) };
        const file = path.join(GOLDEN, `${spec.imageName}-${spec.version}.${env}.json`);
        if (process.env.UPDATE_GOLDEN === "1")
          writeFileSync(file, `${JSON.stringify(rendered, null, 2)}\n`);
        expect(rendered).toEqual(JSON.parse(readFileSync(file, "utf8")));
      }
    });
  }

  it("renders requests that PAI's schema accepts once secrets are resolved", async () => {
    const { specs } = await loadSpecs({
      source: directorySource(REPO),
      env: "prod",
      secretHosts: SECRET_HOSTS,
    });
    const env = {
      IMAGEBUILD_SECRET_MIRROR_PULL: "robot:pw1",
      IMAGEBUILD_SECRET_EXAMPLE_REGISTRY: "user:pw2",
      IMAGEBUILD_SECRET_HOSTS: JSON.stringify(SECRET_HOSTS),
    };
    for (const spec of specs) {
      const request = renderRequest(spec, { secrets: "resolve", env, now: NOW });
      expect(validators.CreateImageBuildRequest.safeParse(request)).toMatchObject({ ok: true });
    }
  });
});

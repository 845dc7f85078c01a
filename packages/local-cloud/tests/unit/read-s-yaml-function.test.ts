/** s.yaml rendered as `s` would: env() with defaults, vars, and the fc3 function's props. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readSYamlFunction } from "../../src/fc/read-s-yaml-function.ts";
import { resolveSVariables, SVariableError } from "../../src/fc/resolve-s-variables.ts";
import { ossTriggersOf } from "../../src/fc/oss-triggers-of.ts";
import { timerTriggersOf } from "../../src/fc/timer-triggers.ts";

/** A variable as s.yaml writes it: `$` and the body in braces. */
const v = (body: string) => `\${${body}}`;
const S_YAML = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../s.yaml");

describe("resolveSVariables", () => {
  it("reads env() with and without defaults and substitutes vars", () => {
    const doc = {
      vars: { region: v("env('REGION', 'cn-hangzhou')") },
      a: v("vars.region"),
      b: `x-${v("env('NAME')")}-y`,
      c: [v("env('EMPTY', 'fallback')")],
    };
    expect(resolveSVariables(doc, { NAME: "n", EMPTY: "" })).toEqual({
      vars: { region: "cn-hangzhou" },
      a: "cn-hangzhou",
      b: "x-n-y",
      c: ["fallback"],
    });
    expect(resolveSVariables(doc, { REGION: "cn-beijing" }).a).toBe("cn-beijing");
  });

  it("refuses what needs a deployment or credentials, naming it", () => {
    expect(() => resolveSVariables({ a: v("config('AccountID')") }, {})).toThrow(SVariableError);
  });
});

describe("readSYamlFunction on the project's s.yaml", () => {
  it("is the bundle in functions/build-trigger/dist with production's settings, env() applied", () => {
    const fn = readSYamlFunction({ sYamlPath: S_YAML, env: { IMAGEBUILD_SPEC_BUCKET: "b1" } });
    expect(fn.codeDir).toBe(path.resolve(path.dirname(S_YAML), "functions/build-trigger/dist"));
    expect(fn.handler).toBe("index.handler");
    expect(fn.environmentVariables).toMatchObject({
      IMAGEBUILD_ENV: "prod",
      IMAGEBUILD_ALLOWED_BUCKETS: "b1",
      IMAGEBUILD_SPEC_PREFIX: "specs/",
      IMAGEBUILD_ALLOWED_SOURCE_HOSTS: "api.github.com",
    });
    expect(fn.preDeploy[0]?.run).toMatch(/bundle/);
    expect(timerTriggersOf(fn.triggers)).toEqual([
      {
        name: "scheduled-rebuilds",
        cron: "0 0 * * * *",
        enable: true,
        payload: '{"select":"scheduled","schedule":"0 0 * * * *"}',
      },
      {
        name: "base-changes",
        cron: "0 30 * * * *",
        enable: true,
        payload: '{"select":"base-change","schedule":"0 30 * * * *"}',
      },
    ]);
    expect(ossTriggersOf(fn.triggers)).toMatchObject([{ prefix: "specs/", suffix: ".yaml" }]);
  });
});

/** readConfig: every refusal names the file, line, column and field, in words. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../src/read-config.ts";

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "imagebuild-cli-config-"));
  file = path.join(dir, "imagebuild.config.yaml");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function refusal(text: string): string {
  writeFileSync(file, text);
  try {
    readConfig({ file, cwd: dir });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("readConfig", () => {
  it("reads an empty file as an empty config", () => {
    writeFileSync(file, "# nothing yet\n");
    expect(readConfig({ file, cwd: dir }).value).toEqual({});
  });

  it("names the line, column and field of each bad value, in words", () => {
    expect(refusal("environments:\n  Prod: {}\n")).toBe(
      "imagebuild.config.yaml:2:3: environments.Prod: is not an environment name: lowercase letters, digits and -, like local or prod",
    );
    expect(refusal('environments:\n  local:\n    workspace: ""\n    registry: HTTP://x\n')).toBe(
      [
        "imagebuild.config.yaml:3:5: environments.local.workspace: Too small: expected string to have >=1 characters",
        "imagebuild.config.yaml:4:5: environments.local.registry: must be a registry host and namespace like 127.0.0.1:5000/pai",
      ].join("\n"),
    );
    expect(refusal("defaultEnv: local\nspecDir: specs\n")).toBe(
      'imagebuild.config.yaml:2:1: specDir: is not a known field; did you mean "specsDir"?',
    );
  });

  it("reports a YAML syntax error at its position", () => {
    expect(refusal("defaultEnv: [local\n")).toMatch(/^imagebuild\.config\.yaml:2:1: /);
  });
});

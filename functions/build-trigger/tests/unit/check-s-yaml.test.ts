/** The offline s.yaml check: the repository's s.yaml passes, broken props are named. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkSYaml } from "../../scripts/check-s-yaml.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
// `s preview -t s.yaml -o json` of the committed s.yaml (the check-s-yaml target renders it afresh).
const rendered = () =>
  JSON.parse(readFileSync(path.join(HERE, "../fixtures/s-preview.json"), "utf8"));
type Doc = {
  resources: Record<
    string,
    {
      props: {
        triggers: { triggerType: string; triggerConfig: Record<string, unknown> }[];
        memorySize: number;
      };
      actions?: unknown;
    }
  >;
};
const trigger = (doc: Doc, type: string) => {
  const found = doc.resources["build-trigger"]?.props.triggers.find((t) => t.triggerType === type);
  if (!found) throw new Error(type);
  return found;
};

describe("checkSYaml", () => {
  it("accepts the rendered s.yaml", () => {
    expect(checkSYaml(rendered())).toEqual([]);
  });

  it("the committed s.yaml is edition 3.0.0 with an fc3 resource", () => {
    const raw = parse(readFileSync(path.join(HERE, "../../../../s.yaml"), "utf8"));
    expect(raw.edition).toBe("3.0.0");
    expect(raw.resources["build-trigger"].component).toBe("fc3");
  });

  it("names the field of each mistake", () => {
    const fiveFields = rendered() as Doc;
    trigger(fiveFields, "timer").triggerConfig.cronExpression = "0 4 * * *";
    expect(checkSYaml(fiveFields).join("\n")).toMatch(
      /triggers\.2\.triggerConfig\.cronExpression: must have 6 fields/,
    );

    const prefix = rendered() as Doc;
    (trigger(prefix, "oss").triggerConfig.filter as { key: { prefix: string } }).key.prefix =
      "incoming/";
    expect(checkSYaml(prefix).join("\n")).toMatch(
      /filter\.key\.prefix: must equal IMAGEBUILD_SPEC_PREFIX/,
    );

    const noBuckets = rendered() as Doc & {
      resources: Record<string, { props: { environmentVariables: Record<string, string> } }>;
    };
    delete noBuckets.resources["build-trigger"]?.props.environmentVariables
      .IMAGEBUILD_ALLOWED_BUCKETS;
    expect(checkSYaml(noBuckets).join("\n")).toMatch(
      /environmentVariables\.IMAGEBUILD_ALLOWED_BUCKETS: must list imagebuild-specs, the bucket of triggers\.1/,
    );

    const memory = rendered() as Doc;
    (memory.resources["build-trigger"] as { props: { memorySize: number } }).props.memorySize = 500;
    expect(checkSYaml(memory).join("\n")).toMatch(/props\.memorySize/);

    const noGrant = rendered() as Doc & {
      resources: Record<string, { props: { policies?: { statement: { Action: string[] }[] }[] } }>;
    };
    const statement = noGrant.resources["build-trigger-role"]?.props.policies?.[0]?.statement[0];
    if (statement) statement.Action = ["fc:GetFunction"];
    expect(checkSYaml(noGrant).join("\n")).toMatch(
      /props\.role: a ram resource named imagebuild-build-trigger must allow fc:InvokeFunction on acs:fc:cn-hangzhou:123456789012345:functions\/imagebuild-build-trigger/,
    );

    const noTaskMode = rendered() as Doc & {
      resources: Record<string, { props: { asyncInvokeConfig?: { asyncTask?: boolean } } }>;
    };
    delete noTaskMode.resources["build-trigger"]?.props.asyncInvokeConfig?.asyncTask;
    expect(checkSYaml(noTaskMode).join("\n")).toMatch(/asyncInvokeConfig\.asyncTask: must be true/);

    const noBundle = rendered() as Doc;
    delete (noBundle.resources["build-trigger"] as { actions?: unknown }).actions;
    expect(checkSYaml(noBundle).join("\n")).toMatch(/pre-deploy: must run the bundle/);
  });
});

/** Reads `imagebuild.config.yaml`, checked against its JSON Schema; errors name the file, line and field. */
import { readFileSync } from "node:fs";
import path from "node:path";
// The subpath, not the index: every command reads the config, and most need nothing else of core.
import { locate, parseYaml } from "@imagebuild/core/parsed-yaml";
import { type FieldIssue, type ImagebuildConfig, validators } from "@imagebuild/schema";
import { UsageError } from "./command.ts";
import { didYouMean } from "./did-you-mean.ts";
import { CONFIG_FILE } from "./find-config-file.ts";

/** A config file that parsed and matched its schema. */
export interface LoadedConfig {
  /** Absolute path of the file. */
  file: string;
  /** The folder holding it; `specsDir` is relative to it. */
  dir: string;
  value: ImagebuildConfig;
}

// The schema's patterns, said in words (a raw regular expression helps nobody).
const FIELD_HINTS: Record<string, string> = {
  defaultEnv: "must be an environment name like local or prod",
  endpoint: "must be a bare http(s) origin like http://127.0.0.1:7070 (no path)",
  region: "must be a region id like cn-hangzhou",
  registry: "must be a registry host and namespace like 127.0.0.1:5000/pai",
  profile: "must be an aliyun CLI profile name (letters, digits, _ . -)",
  specsDir: "must be a folder relative to the config file, like specs",
};

/**
 * Reads and checks a config file. A YAML error or a field the schema refuses is a `UsageError`:
 * `imagebuild.config.yaml:4:15: environments.local.endpoint: must be a bare http(s) origin …`, with
 * the path shown relative to `cwd`.
 *
 * @example
 * const { value } = readConfig({ file: "/repo/imagebuild.config.yaml", cwd: "/repo/specs" });
 */
export function readConfig({ file, cwd }: { file: string; cwd: string }): LoadedConfig {
  const shown = path.relative(cwd, file) || CONFIG_FILE;
  const parsed = parseYaml({ file: shown, text: readFileSync(file, "utf8") });
  const syntax = parsed.errors[0];
  if (syntax) {
    throw new UsageError(`${shown}:${syntax.line}:${syntax.column}: ${syntax.message}`);
  }
  // An empty file (or one with only comments) is an empty config.
  const result = validators.ImagebuildConfig.safeParse(parsed.value ?? {});
  if (result.ok) return { file, dir: path.dirname(file), value: result.value };
  const lines = result.issues.map((issue) => {
    const { line, column } = locate(parsed, issue.path, { at: "key" });
    const field = issue.path.join(".") || "(document)";
    return `${shown}:${line}:${column}: ${field}: ${describeIssue(issue)}`;
  });
  throw new UsageError(lines.join("\n"));
}

function describeIssue(issue: FieldIssue): string {
  const last = issue.path.at(-1) ?? "";
  if (issue.code === "unknown")
    return `${issue.message}${didYouMean(last, knownKeys(issue.path)) || ""}`;
  // zod's word for a name that fails `propertyNames`: only environment names are checked so.
  if (issue.message === "Invalid key in record")
    return "is not an environment name: lowercase letters, digits and -, like local or prod";
  if (issue.code === "invalid" && issue.message.startsWith("must match"))
    return FIELD_HINTS[last] ?? issue.message;
  return issue.message;
}

// The keys allowed beside an unknown one: top level, or inside environments.<name>.
function knownKeys(fieldPath: string[]): string[] {
  const schema = validators.ImagebuildConfig.jsonSchema as {
    properties: Record<string, unknown>;
    $defs: { ConfigEnvironment: { properties: Record<string, unknown> } };
  };
  return fieldPath.length === 1
    ? Object.keys(schema.properties)
    : Object.keys(schema.$defs.ConfigEnvironment.properties);
}

/**
 * CI check of the root s.yaml, offline: `s preview -t ../../s.yaml -o json` (Serverless Devs renders
 * the variables; its home is a temp folder so CI writes nothing to $HOME), then the rendered props
 * against the fc3 fields we use (src/fc3-props-schema.ts) and the cross-checks in `checkSYaml`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SYamlSchema } from "../src/fc3-props-schema.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const S_BIN = path.join(ROOT, "node_modules", ".bin", "s");
const S_YAML = path.join(ROOT, "s.yaml");

/**
 * Validates a rendered s.yaml; returns the problems as `path: message` lines (empty when fine).
 *
 * @example
 * checkSYaml(JSON.parse(previewJson)) // []
 */
export function checkSYaml(rendered: unknown): string[] {
  const result = SYamlSchema.safeParse(rendered);
  if (!result.success)
    return result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  const problems: string[] = [];
  const roles = Object.values(result.data.resources).flatMap((resource) =>
    resource.component === "ram" ? [resource.props] : [],
  );
  for (const [name, resource] of Object.entries(result.data.resources)) {
    const at = `resources.${name}`;
    if (resource.component !== "fc3") continue;
    if (!resource.actions?.["pre-deploy"].some((action) => /\bbundle\b/.test(action.run))) {
      problems.push(
        `${at}.actions.pre-deploy: must run the bundle (npm run bundle -w @imagebuild/build-trigger)`,
      );
    }
    const { props } = resource;
    if (props.handler !== "index.handler")
      problems.push(`${at}.props.handler: the bundle is dist/index.mjs exporting handler`);
    if (props.code !== "./functions/build-trigger/dist")
      problems.push(`${at}.props.code: must be ./functions/build-trigger/dist`);
    const prefix = props.environmentVariables.IMAGEBUILD_SPEC_PREFIX ?? "specs/";
    for (const [index, trigger] of props.triggers.entries()) {
      if (trigger.triggerType === "oss" && trigger.triggerConfig.filter.key.prefix !== prefix) {
        problems.push(
          `${at}.props.triggers.${index}.triggerConfig.filter.key.prefix: must equal IMAGEBUILD_SPEC_PREFIX (${prefix})`,
        );
      }
      // An empty IMAGEBUILD_ALLOWED_BUCKETS accepts no bucket: the trigger's own must be listed.
      const allowedBuckets = (props.environmentVariables.IMAGEBUILD_ALLOWED_BUCKETS ?? "")
        .split(",")
        .map((bucket) => bucket.trim());
      const bucket =
        trigger.triggerType === "oss" ? trigger.sourceArn.split(":").at(-1) : undefined;
      if (bucket !== undefined && !allowedBuckets.includes(bucket)) {
        problems.push(
          `${at}.props.environmentVariables.IMAGEBUILD_ALLOWED_BUCKETS: must list ${bucket}, the bucket of triggers.${index} (an empty list accepts no upload)`,
        );
      }
      if (trigger.triggerType === "http" && trigger.triggerConfig.authType !== "anonymous") {
        problems.push(
          `${at}.props.triggers.${index}.triggerConfig.authType: git hosts cannot sign FC requests; use anonymous`,
        );
      }
    }
    // The HTTP trigger enqueues job records through InvokeFunction on this very function.
    const roleName = props.role.slice(props.role.lastIndexOf("/") + 1).toLowerCase();
    const role = roles.find((candidate) => candidate.name.toLowerCase() === roleName);
    const self = `acs:fc:${props.region}:${props.role.split(":")[3]}:functions/${props.functionName}`;
    const invokesSelf = role?.policies.some((policy) =>
      policy.statement.some(
        (statement) =>
          statement.Effect === "Allow" &&
          statement.Action.includes("fc:InvokeFunction") &&
          statement.Resource.some((arn) => arn === self || arn === `${self}/*`),
      ),
    );
    if (!invokesSelf)
      problems.push(
        `${at}.props.role: a ram resource named ${roleName} must allow fc:InvokeFunction on ${self} (the HTTP trigger enqueues job records through it)`,
      );
    if (props.asyncInvokeConfig.asyncTask !== true)
      problems.push(
        `${at}.props.asyncInvokeConfig.asyncTask: must be true, so a redelivered webhook's task ids are rejected (409) instead of run twice`,
      );
    const types = new Set(props.triggers.map((trigger) => trigger.triggerType));
    for (const wanted of ["http", "oss", "timer"])
      if (!types.has(wanted as never)) problems.push(`${at}.props.triggers: no ${wanted} trigger`);
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const home = mkdtempSync(path.join(tmpdir(), "s-home-"));
  try {
    const out = execFileSync(S_BIN, ["preview", "-t", S_YAML, "-o", "json"], {
      // NODE_ENV=test: `s` starts no detached daemons (update check, usage report), which would
      // go on writing under the home after `s` exits and make removing it fail.
      env: { ...process.env, serverless_devs_config_home: home, NODE_ENV: "test" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
    const rendered: unknown = JSON.parse(out.slice(out.indexOf("{")));
    const problems = checkSYaml(rendered);
    if (problems.length > 0) {
      process.stderr.write(
        `s.yaml: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join("\n")}\n`,
      );
      process.exitCode = 1;
    } else {
      process.stdout.write(
        "s.yaml: s preview rendered it offline; fc3 props, triggers and cron check out\n",
      );
    }
  } finally {
    // A directory that is not empty yet (a log `s` is still flushing) is retried.
    rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

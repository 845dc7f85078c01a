/** `imagebuild doctor`: what this machine and environment need, checked one line each; no value of a secret is printed. */
import path from "node:path";
import { directorySource, formatProblem, loadSpecs, variableFor } from "@imagebuild/core";
import { resolveEndpoints } from "@imagebuild/pai-client";
import { z } from "zod";
import { type Command, EXIT_FAILED, EXIT_OK } from "../command.ts";
import { environmentsToCheck } from "../check-environment.ts";
import { describeCredentialsSource, signingCredentials } from "../client-from-settings.ts";
import { dirFlag, envFlag, jsonFlag } from "../flag-schemas.ts";
import { CONFIG_FILE } from "../find-config-file.ts";
import { formatError } from "../output/format-error.ts";
import { formatTable } from "../output/format-table.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { portHolders } from "../port-holders.ts";
import { environmentDefaultsFor } from "../local-registry.ts";
import { resolveSettings, type Settings } from "../settings.ts";
import type { SpecsLocation } from "../specs-location.ts";
import { secretHostsFromEnv } from "../secret-hosts-from-env.ts";

/** The local service's and its registry's default ports. */
const DEFAULT_PORTS = "7070,5000";
const ENDPOINT_TIMEOUT_MS = 5000;
/** ACS3 signatures are refused past 15 minutes of skew (pai-api.md); warn well before. */
const CLOCK_FAIL_MS = 15 * 60_000;
const CLOCK_WARN_MS = 60_000;
const KEY_VARIABLES = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
] as const;

const FLAGS = z.object({
  dir: dirFlag,
  env: envFlag,
  ports: z
    .string()
    .regex(/^[0-9]{1,5}(,[0-9]{1,5})*$/, "must be port numbers separated by commas, e.g. 7070,5000")
    .default(DEFAULT_PORTS)
    .transform((v) => v.split(",").map(Number)),
  json: jsonFlag,
});

const HELP = `Usage: imagebuild doctor [options]

Checks, one line each: the system packages local builds need (buildah, docker-registry, skopeo, a
static busybox, debootstrap); the local ports and which process holds them; which
imagebuild.config.yaml is in use (this folder or one above it), the environment and where it and
the endpoint came from; whether the endpoint (IMAGEBUILD_ENDPOINT, the region's, or the config's)
answers, and its clock against this one (its Date header; signatures are refused past 15
minutes); where credentials come from (ALIBABA_CLOUD_* keys or an aliyun CLI profile, by name);
and that every registry secret the specs reference (fromEnv: X, secret: n) is set. Values of
keys and secrets are never printed, only whether they are set.

Options:
  --ports LIST   ports to look at (default: ${DEFAULT_PORTS}, the local service and its registry)
  --env NAME     the environment whose endpoint and credentials are checked (default:
                 IMAGEBUILD_ENV, else defaultEnv), and only its secrets (default: every one)
  --dir PATH     the specs folder whose secret references are checked (default: specsDir in
                 the config, else specs/ at the repository root)
  --json         print {ok, checks: [{check, status, detail}]} as JSON
  -h, --help     show this help

Exit codes: 0 nothing failed (warnings allowed), 1 a check failed, 2 usage.

Examples:
  imagebuild doctor
  IMAGEBUILD_ENDPOINT=http://127.0.0.1:7070 imagebuild doctor --env local --json
`;

/** One line of the report. */
export interface Check {
  check: string;
  status: "ok" | "warn" | "fail";
  detail: string;
}

/**
 * The `doctor` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["--json"], io); // 1 when a check failed
 */
export const command: Command = {
  name: "doctor",
  summary: "check this machine: packages, ports, endpoint, clock, credentials, secrets",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags } = parseFlags({
      args,
      schema: FLAGS,
    });
    const checks: Check[] = [await systemPackages(io.env), ...flags.ports.map(portCheck)];
    let settings: Settings | undefined;
    try {
      settings = await resolveSettings({ io, env: flags.env, dir: flags.dir });
    } catch (error) {
      // A bad config file is one failed line; the checks that need the settings are left out.
      checks.push({ check: "config", status: "fail", detail: formatError(error, io.env).message });
    }
    if (settings) {
      checks.push(
        configCheck(settings, io.cwd),
        ...(await endpointChecks(settings)),
        credentialsCheck(settings),
        ...(await secretChecks(settings)),
      );
    }
    const ok = checks.every((c) => c.status !== "fail");
    if (flags.json) {
      writeJson(io.stdout, { ok, checks });
    } else {
      io.stdout.write(
        formatTable({
          rows: checks,
          columns: [
            { header: "STATUS", value: (c) => c.status },
            { header: "CHECK", value: (c) => c.check },
            { header: "DETAIL", value: (c) => c.detail },
          ],
        }),
      );
      const count = (s: Check["status"]) => checks.filter((c) => c.status === s).length;
      io.stdout.write(
        `${checks.length} checks: ${count("ok")} ok, ${count("warn")} warnings, ${count("fail")} failed\n`,
      );
    }
    return ok ? EXIT_OK : EXIT_FAILED;
  },
};

async function systemPackages(env: NodeJS.ProcessEnv): Promise<Check> {
  const { missingSystemPackages, SYSTEM_PACKAGES } = await import("@imagebuild/local-pai");
  const missing = missingSystemPackages({ searchPath: env.PATH ?? "" });
  if (missing.length === 0) {
    return {
      check: "system packages",
      status: "ok",
      detail: `${SYSTEM_PACKAGES.map((p) => p.pkg).join(", ")} installed`,
    };
  }
  return {
    check: "system packages",
    status: "warn",
    detail: `missing ${missing.join(", ")}; local builds need them: sudo apt-get install ${missing.join(" ")}`,
  };
}

function portCheck(port: number): Check {
  const holders = portHolders(port);
  if (holders.length === 0) return { check: `port ${port}`, status: "ok", detail: "free" };
  const who = holders
    .map((h) =>
      h.pid === undefined ? "a process this user cannot see" : `pid ${h.pid}: ${h.command ?? "?"}`,
    )
    .join("; ");
  return {
    check: `port ${port}`,
    status: "ok",
    detail: `in use by ${[...new Set(who.split("; "))].join("; ")}`,
  };
}

async function endpointChecks(settings: Settings): Promise<Check[]> {
  const { endpoint, region, processEnv: env } = settings;
  let bases: string[];
  try {
    const endpoints = resolveEndpoints({ endpoint, region, env });
    bases = [...new Set([endpoints.aiworkspace, endpoints.dlc])];
  } catch (error) {
    return [{ check: "endpoint", status: "warn", detail: formatError(error, env).message }];
  }
  const checks: Check[] = [];
  for (const base of bases) {
    const started = Date.now();
    try {
      const res = await fetch(base, {
        signal: AbortSignal.timeout(ENDPOINT_TIMEOUT_MS),
        redirect: "manual",
      });
      const finished = Date.now();
      await res.body?.cancel();
      checks.push({
        check: "endpoint",
        status: "ok",
        detail: `${base} answered HTTP ${res.status} in ${finished - started} ms`,
      });
      checks.push(clockCheck(base, res.headers.get("date"), (started + finished) / 2));
    } catch (error) {
      const cause = (
        error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }
      ).cause;
      const code = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message;
      checks.push({
        check: "endpoint",
        status: "fail",
        detail: `${base} did not answer: ${code ?? (error as Error).message}`,
      });
    }
  }
  return checks;
}

function clockCheck(base: string, date: string | null, localMs: number): Check {
  const remote = date === null ? Number.NaN : Date.parse(date);
  if (Number.isNaN(remote))
    return { check: "clock", status: "warn", detail: `${base} sent no Date header` };
  // The Date header has whole seconds.
  const skewMs = remote - localMs;
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const side = skewMs > 0 ? "behind" : "ahead of";
  const detail = seconds <= 1 ? `in step with ${base} (±1 s)` : `${seconds} s ${side} ${base}`;
  const status =
    Math.abs(skewMs) > CLOCK_FAIL_MS ? "fail" : Math.abs(skewMs) > CLOCK_WARN_MS ? "warn" : "ok";
  return {
    check: "clock",
    status,
    detail: status === "fail" ? `${detail}: signed requests will be refused` : detail,
  };
}

function credentialsCheck(settings: Settings): Check {
  const env = settings.processEnv;
  const set = (name: string) => Boolean(env[name]?.trim());
  const [id, secret] = [set(KEY_VARIABLES[0]), set(KEY_VARIABLES[1])];
  if (id !== secret) {
    const state = KEY_VARIABLES.map((name) => `${name} ${set(name) ? "set" : "not set"}`).join(
      ", ",
    );
    return {
      check: "credentials",
      status: "fail",
      detail: `${state}: set both the id and the secret`,
    };
  }
  try {
    const { source } = signingCredentials(settings);
    if (source.kind === "none")
      return {
        check: "credentials",
        status: "ok",
        detail: `none: requests to ${settings.endpoint} go unsigned`,
      };
    return {
      check: "credentials",
      status: "ok",
      detail: `from ${describeCredentialsSource(source)}`,
    };
  } catch (error) {
    return { check: "credentials", status: "fail", detail: formatError(error, env).message };
  }
}

function configCheck(settings: Settings, cwd: string): Check {
  const where = settings.env
    ? `environment ${settings.env} (from ${settings.envFrom})`
    : "no environment (none given, no defaultEnv)";
  const target = settings.targetFrom ? `, endpoint from ${settings.targetFrom}` : "";
  if (!settings.config) {
    return {
      check: "config",
      status: "ok",
      detail: `no ${CONFIG_FILE} here or above; ${where}${target}`,
    };
  }
  const file = path.relative(cwd, settings.config.file) || CONFIG_FILE;
  return { check: "config", status: "ok", detail: `${file}; ${where}${target}` };
}

async function secretChecks(settings: Settings): Promise<Check[]> {
  const env = settings.processEnv;
  let location: SpecsLocation;
  try {
    location = settings.location();
  } catch (error) {
    return [
      {
        check: "secrets",
        status: "warn",
        detail: `${formatError(error, env).message}; spec secrets not checked`,
      },
    ];
  }
  const source = directorySource(location.rootDir);
  const { envs } = await environmentsToCheck(settings);
  // Variable → the spec files (and environments) that reference it.
  const uses = new Map<string, Set<string>>();
  // A reference the secret-scope lint refuses leaves its spec out of `specs`, so it is named here.
  const refused = new Map<string, Check>();
  for (const envName of envs) {
    const { specs, problems } = await loadSpecs({
      source,
      specsDir: location.specsDir,
      environmentDefaults: await environmentDefaultsFor({ settings, env: envName }),
      ...(envName ? { env: envName } : {}),
      secretHosts: secretHostsFromEnv(env),
    });
    for (const problem of problems.filter((p) => p.ruleId === "secret-scope")) {
      const detail = `${formatProblem(problem)} (imagebuild validate shows every problem)`;
      refused.set(detail, { check: "secret scope", status: "fail", detail });
    }
    for (const spec of specs) {
      for (const ref of Object.values(spec.registryAuthRefs)) {
        const variable = variableFor(ref);
        const files = uses.get(variable) ?? new Set<string>();
        files.add(envName ? `${spec.file} in env ${envName}` : spec.file);
        uses.set(variable, files);
      }
    }
  }
  if (uses.size === 0 && refused.size === 0)
    return [{ check: "secrets", status: "ok", detail: "no spec references a registry secret" }];
  const checks: Check[] = [...uses]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([variable, files]) => ({
      check: `secret ${variable}`,
      status: env[variable] ? "ok" : "fail",
      detail: `${env[variable] ? "set" : "not set"}; used by ${[...files].join(", ")}`,
    }));
  return [...checks, ...refused.values()];
}

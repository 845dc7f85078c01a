/** Entry point of the `imagebuild` command: finds the subcommand, runs it, maps errors to exit codes. */
import { readFileSync } from "node:fs";
import { type Command, EXIT_FAILED, EXIT_USAGE, type Io, UsageError } from "./command.ts";
import { didYouMean } from "./did-you-mean.ts";
import { formatError } from "./output/format-error.ts";
import { writeJson } from "./output/write-json.ts";
import { wantsJson } from "./parse-flags.ts";

/** Subcommands by name, loaded on demand so `imagebuild validate` does not load the local service. */
export const COMMANDS: Record<
  string,
  { summary: string; load: () => Promise<{ command: Command }> }
> = {
  validate: {
    summary: "check specs against the schema and the lints",
    load: () => import("./commands/validate.ts"),
  },
  plan: {
    summary: "what a merge would build, against a git base ref",
    load: () => import("./commands/plan.ts"),
  },
  render: {
    summary: "show the exact CreateImageBuild request of a spec",
    load: () => import("./commands/render.ts"),
  },
  build: {
    summary: "submit builds for specs, optionally wait for them",
    load: () => import("./commands/build.ts"),
  },
  graph: {
    summary: "which specs are built on which, in build order",
    load: () => import("./commands/graph.ts"),
  },
  pin: {
    summary: "write base images' index digests into immutable versions' Dockerfiles",
    load: () => import("./commands/pin.ts"),
  },
  status: { summary: "show a build job's status", load: () => import("./commands/status.ts") },
  images: { summary: "list a workspace's images", load: () => import("./commands/images.ts") },
  builds: {
    summary: "list recent builds, failed and running ones too",
    load: () => import("./commands/builds.ts"),
  },
  logs: {
    summary: "print a build's log, or follow it while it runs",
    load: () => import("./commands/logs.ts"),
  },
  stop: { summary: "stop a queued or running build", load: () => import("./commands/stop.ts") },
  new: {
    summary: "scaffold a spec, or the next version of an image",
    load: () => import("./commands/new.ts"),
  },
  doctor: {
    summary: "check this machine: packages, ports, endpoint, clock, credentials, secrets",
    load: () => import("./commands/doctor.ts"),
  },
  completion: {
    summary: "print a shell completion script (bash, zsh, fish)",
    load: () => import("./commands/completion.ts"),
  },
  "local serve": {
    summary: "run the PAI-compatible local service",
    load: () => import("./commands/local-serve.ts"),
  },
  dev: {
    summary: "run the whole pipeline on this machine",
    load: () => import("./commands/dev.ts"),
  },
};

const HELP = `imagebuild: PAI custom container images as code

Usage: imagebuild <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(13)} ${summary}`)
  .join("\n")}

Every command takes --help and --json; imagebuild --version prints the version. Exit codes: 0 ok, 1 invalid or failed, 2 usage.
Commands work from any folder of the repository: they find imagebuild.config.yaml there or above
(else the specs/ folder at the git root). Flags beat environment variables, which beat that file:
  environment  --env, else IMAGEBUILD_ENV, else defaultEnv (validate and plan check every one unless named)
  endpoint     IMAGEBUILD_ENDPOINT (e.g. the local service) or IMAGEBUILD_REGION, else the environment's
               endpoint or region in the config, else ALIBABA_CLOUD_REGION_ID
  credentials  ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN, else the aliyun CLI
               profile (ALIBABA_CLOUD_PROFILE, the environment's profile, or for the cloud the current one)
imagebuild doctor shows which config file, endpoint and credentials source are in use.
`;

/**
 * Runs `imagebuild` with the given arguments and resolves to its exit code.
 *
 * @example
 * process.exitCode = await main(["validate", "--json"], io);
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    io.stdout.write(HELP);
    return first === undefined ? EXIT_USAGE : 0;
  }
  if (first === "--version" || first === "-V") {
    io.stdout.write(`imagebuild ${cliVersion()}\n`);
    return 0;
  }
  const twoWord = second === undefined ? undefined : `${first} ${second}`;
  const name = twoWord !== undefined && twoWord in COMMANDS ? twoWord : first;
  const entry = COMMANDS[name];
  if (!entry) {
    const suggestion = didYouMean(first, Object.keys(COMMANDS));
    io.stderr.write(
      `imagebuild: unknown command "${first}"${suggestion || ";"} see imagebuild --help\n`,
    );
    return EXIT_USAGE;
  }
  const args = name === twoWord ? rest : argv.slice(1);
  const { command } = await entry.load();
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const usage = error instanceof UsageError;
    const printable = formatError(error, io.env);
    if (wantsJson(args)) {
      writeJson(io.stdout, { ok: false, error: printable });
    } else if (usage) {
      io.stderr.write(`imagebuild ${name}: ${printable.message}\nsee: imagebuild ${name} --help\n`);
    } else {
      io.stderr.write(`imagebuild ${name}: ${printable.code}: ${printable.message}\n`);
    }
    return usage ? EXIT_USAGE : EXIT_FAILED;
  }
}

/**
 * The version of this CLI, from its package.json.
 *
 * @example
 * cliVersion() // "0.1.0"
 */
export function cliVersion(): string {
  const manifest = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(manifest) as { version: string }).version;
}

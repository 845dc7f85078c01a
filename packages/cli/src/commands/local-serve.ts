/** `imagebuild local serve`: runs the PAI-compatible local service in the foreground until SIGINT or SIGTERM. */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import {
  type AccessKey,
  createLogger,
  HOST_NETWORK_FLAG,
  type LocalPai,
  loadOrCreateLocalKeys,
} from "@imagebuild/local-pai";
import { z } from "zod";
import { type Command, EXIT_OK, UsageError } from "../command.ts";
import { intFlag } from "../flag-schemas.ts";
import { parseFlags } from "../parse-flags.ts";
import { startLocalPai } from "../start-local-pai.ts";
import { localServicePorts } from "../local-service-ports.ts";
import { localDataDir, resolveSettings } from "../settings.ts";

const ENV_ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
const ENV_ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
const ENV_REGISTRY_PASSWORD = "IMAGEBUILD_REGISTRY_PASSWORD";

// Absent: the config file's `local` environment decides, else the defaults (localServicePorts).
const portFlag = intFlag({ min: 0, max: 65_535, fallback: undefined });

const FLAGS = z.object({
  port: portFlag,
  data: z.string().min(1, "must not be empty").optional(),
  registryPort: portFlag,
  concurrency: intFlag({ min: 1, max: 64, fallback: 2 }),
  accessKeyId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, "must be an AccessKey ID")
    .optional(),
  accessKeySecret: z.string().optional(),
  accessKeySecretFile: z.string().min(1, "must be a file path").optional(),
  keys: z.boolean().default(false),
  insecureHostNetwork: z.boolean().default(false),
  host: z
    .string()
    .regex(/^[A-Za-z0-9.:-]{1,255}$/, "must be an IP address or host name")
    .default("127.0.0.1"),
  workspace: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a workspace id"))
    .optional(),
  logFormat: z.enum(["json", "plain"], { error: "must be json or plain" }).default("plain"),
  rateLimit: intFlag({ min: 0, max: 1_000_000, fallback: 0 }),
  baseImages: z
    .string()
    .regex(
      /^(busybox|debian:bookworm)(,(busybox|debian:bookworm))*$/,
      "must be a comma list of busybox and debian:bookworm",
    )
    .default("busybox,debian:bookworm")
    .transform((v) => [...new Set(v.split(","))] as ("busybox" | "debian:bookworm")[]),
  registryUser: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be a user name")
    .optional(),
  json: z.boolean().default(false),
});

const HELP = `Usage: imagebuild local serve [options]

Runs the PAI-compatible local service in the foreground: the AIWorkspace image and image-build
API and the DLC job API on one port, builds with buildah, pushes to a local registry it starts.
Prints "imagebuild local service listening on <url>" when ready; stops on Ctrl-C or SIGTERM.
Missing system packages are installed with apt-get when running as root on Debian. While it runs,
DIR/service.json says who serves the data directory (pid, endpoint, registry), so \`imagebuild dev\`
and the \`local\` specs use this service; a data directory another live service has, or a port
another process holds, is refused in one line naming its pid.

Options:
  --port N               API port, 0 for a free one (default: the port of environments.local.endpoint
                         in imagebuild.config.yaml when it is a loopback URL, else 7070)
  --host ADDR            bind address (default: 127.0.0.1)
  --data DIR             state, registry storage and build logs (default: .imagebuild at the
                         repository root, from any subfolder)
  --registry-port N      local registry port, 0 for a free one (default: the port of
                         environments.local.registry in the config when it is a loopback host, else 5000)
  --concurrency N        builds that run at once (default: 2)
  --keys                 signed, with keys generated once per data directory (DIR/local-keys.json,
                         mode 0600): an AccessKey for the API and the registry's htpasswd login;
                         \`imagebuild dev\` on the same DIR signs with them too
  --access-key-id ID     accept only requests signed with this key (ACS3-HMAC-SHA256); default
                         ${ENV_ACCESS_KEY_ID}
  --access-key-secret-file FILE
                         the key's secret, from a file only you can read (mode 0600); default
                         ${ENV_ACCESS_KEY_SECRET}. Never on the command line: argv is readable
                         by every local user. Without a key the service accepts unsigned requests
  --access-key-secret S  refused, with what to use instead: a secret in argv is readable by every
                         local user
  --workspace ID         a workspace that exists (repeatable); default: any WorkspaceId
  --rate-limit N         requests per second per AccessKey before Throttling.User (default: 0, off)
  --base-images LIST     base images to seed (default: busybox,debian:bookworm)
  --registry-user NAME   put the registry behind htpasswd; the password is ${ENV_REGISTRY_PASSWORD}
  --log-format F         json or plain, on stderr (default: plain)
  ${HOST_NETWORK_FLAG}  INSECURE: if this machine cannot give builds a private network, build
                         on the host's network (reaching this API and the registry) instead of
                         refusing every build
  --json                 a start-up error as {ok: false, error} on stdout instead of a line on stderr
  -h, --help             show this help

Examples:
  imagebuild local serve
  imagebuild local serve --port 0 --registry-port 0 --data /tmp/pai --log-format json
  IMAGEBUILD_ENDPOINT=http://127.0.0.1:7070 imagebuild images --workspace 12345
`;

/** The `local serve` command. */
export const command: Command = {
  name: "local serve",
  summary: "run the PAI-compatible local service",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags } = parseFlags({
      args,
      schema: FLAGS,
    });
    if (flags.accessKeySecret !== undefined) {
      throw new UsageError(
        `--access-key-secret is not accepted: a secret in argv is readable by every local user (/proc/<pid>/cmdline). Use --access-key-secret-file FILE (mode 0600), ${ENV_ACCESS_KEY_SECRET}, or --keys`,
      );
    }
    const dataDir = localDataDir({ data: flags.data, cwd: io.cwd });
    const configured = localServicePorts((await resolveSettings({ io })).config);
    if (
      flags.keys &&
      (flags.accessKeyId ?? flags.accessKeySecretFile ?? flags.registryUser) !== undefined
    ) {
      throw new UsageError(
        "--keys makes its own keys: drop --access-key-id, --access-key-secret-file and --registry-user",
      );
    }
    const keys = flags.keys ? await loadOrCreateLocalKeys({ dataDir }) : undefined;
    const accessKey = keys?.accessKey ?? (await accessKeyFrom({ flags, io }));
    const registryPassword = io.env[ENV_REGISTRY_PASSWORD];
    if (flags.registryUser !== undefined && !registryPassword) {
      throw new UsageError(`--registry-user: set the password in ${ENV_REGISTRY_PASSWORD}`);
    }
    const registryAuth =
      keys?.registryAuth ??
      (flags.registryUser && registryPassword
        ? { username: flags.registryUser, password: registryPassword }
        : undefined);
    const log = createLogger({ format: flags.logFormat, stream: io.stderr });
    // createLocalPai checks (and as root on Debian installs) the system packages before anything else.

    const pai: LocalPai = await startLocalPai({
      dataDir,
      port: flags.port ?? configured.port,
      host: flags.host,
      registryPort: flags.registryPort ?? configured.registryPort,
      concurrency: flags.concurrency,
      accessKeys: accessKey ? [accessKey] : [],
      ...(flags.workspace ? { workspaces: flags.workspace } : {}),
      ...(flags.rateLimit > 0
        ? { rateLimit: { requestsPerSecond: flags.rateLimit, burst: flags.rateLimit * 2 } }
        : {}),
      ...(registryAuth ? { registryAuth } : {}),
      keysFromDataDir: flags.keys,
      seedImages: flags.baseImages,
      allowHostNetwork: flags.insecureHostNetwork,
      installSystemPackages: true,
      log,
    });
    if (keys) log.info("signed with this data directory's keys", { file: keys.file });
    io.stdout.write(`imagebuild local service listening on ${pai.url}\n`);
    const signal = await new Promise<NodeJS.Signals>((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    });
    log.info("stopping", { signal });
    await pai.close();
    log.info("stopped");
    return EXIT_OK;
  },
};

/** The AccessKey from --access-key-id / the environment and a secret file / the environment, or none. */
async function accessKeyFrom({
  flags,
  io,
}: {
  flags: z.infer<typeof FLAGS>;
  io: { env: NodeJS.ProcessEnv; cwd: string };
}): Promise<AccessKey | undefined> {
  const accessKeyId = flags.accessKeyId ?? (io.env[ENV_ACCESS_KEY_ID] || undefined);
  let accessKeySecret = io.env[ENV_ACCESS_KEY_SECRET] || undefined;
  if (flags.accessKeySecretFile !== undefined) {
    const file = resolve(io.cwd, flags.accessKeySecretFile);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(`--access-key-secret-file: ${file} is not a file`);
    if ((info.mode & 0o077) !== 0) {
      throw new UsageError(
        `--access-key-secret-file: ${file} is readable by other users (mode ${(info.mode & 0o777).toString(8)}): run "chmod 600 ${file}"`,
      );
    }
    accessKeySecret = (await readFile(file, "utf8")).trim();
    if (accessKeySecret === "") throw new UsageError(`--access-key-secret-file: ${file} is empty`);
  }
  if ((accessKeyId === undefined) !== (accessKeySecret === undefined)) {
    throw new UsageError(
      `--access-key-id and --access-key-secret-file go together (or ${ENV_ACCESS_KEY_ID} and ${ENV_ACCESS_KEY_SECRET})`,
    );
  }
  return accessKeyId && accessKeySecret ? { accessKeyId, accessKeySecret } : undefined;
}

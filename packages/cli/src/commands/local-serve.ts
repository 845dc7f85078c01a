/** `imagebuild local serve`: runs the PAI-compatible local service in the foreground until SIGINT or SIGTERM. */
import { resolve } from "node:path";
import { createLocalPai, createLogger, type LocalPai } from "@imagebuild/local-pai";
import { z } from "zod";
import { type Command, EXIT_OK, UsageError } from "../command.ts";
import { intFlag } from "../flag-schemas.ts";
import { parseFlags } from "../parse-flags.ts";

const ENV_ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
const ENV_ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
const ENV_REGISTRY_PASSWORD = "IMAGEBUILD_REGISTRY_PASSWORD";

const portFlag = (fallback: number) => intFlag({ min: 0, max: 65_535, fallback });

const FLAGS = z.object({
  port: portFlag(7070),
  data: z.string().min(1, "must not be empty").default(".imagebuild"),
  registryPort: portFlag(5000),
  concurrency: intFlag({ min: 1, max: 64, fallback: 2 }),
  accessKeyId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, "must be an AccessKey ID")
    .optional(),
  accessKeySecret: z.string().min(1, "must not be empty").optional(),
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
Missing system packages are installed with apt-get when running as root on Debian.

Options:
  --port N               API port, 0 for a free one (default: 7070)
  --host ADDR            bind address (default: 127.0.0.1)
  --data DIR             state, registry storage and build logs (default: .imagebuild)
  --registry-port N      local registry port, 0 for a free one (default: 5000)
  --concurrency N        builds that run at once (default: 2)
  --access-key-id ID     accept only requests signed with this key (ACS3-HMAC-SHA256);
  --access-key-secret S  both default to ${ENV_ACCESS_KEY_ID} / ${ENV_ACCESS_KEY_SECRET};
                         without a key the service accepts unsigned requests
  --workspace ID         a workspace that exists (repeatable); default: any WorkspaceId
  --rate-limit N         requests per second per AccessKey before Throttling.User (default: 0, off)
  --base-images LIST     base images to seed (default: busybox,debian:bookworm)
  --registry-user NAME   put the registry behind htpasswd; the password is ${ENV_REGISTRY_PASSWORD}
  --log-format F         json or plain, on stderr (default: plain)
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
  async run(args, io) {
    const { flags } = parseFlags({
      args,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        data: { type: "string" },
        "registry-port": { type: "string" },
        concurrency: { type: "string" },
        "access-key-id": { type: "string" },
        "access-key-secret": { type: "string" },
        workspace: { type: "string", multiple: true },
        "rate-limit": { type: "string" },
        "registry-user": { type: "string" },
        "base-images": { type: "string" },
        "log-format": { type: "string" },
      },
      schema: z.preprocess(camelCaseKeys, FLAGS),
    });
    const accessKeyId = flags.accessKeyId ?? (io.env[ENV_ACCESS_KEY_ID] || undefined);
    const accessKeySecret = flags.accessKeySecret ?? (io.env[ENV_ACCESS_KEY_SECRET] || undefined);
    if ((accessKeyId === undefined) !== (accessKeySecret === undefined)) {
      throw new UsageError(
        `--access-key-id and --access-key-secret go together (or ${ENV_ACCESS_KEY_ID} and ${ENV_ACCESS_KEY_SECRET})`,
      );
    }
    const registryPassword = io.env[ENV_REGISTRY_PASSWORD];
    if (flags.registryUser !== undefined && !registryPassword) {
      throw new UsageError(`--registry-user: set the password in ${ENV_REGISTRY_PASSWORD}`);
    }
    const log = createLogger({ format: flags.logFormat, stream: io.stderr });
    // createLocalPai checks (and as root on Debian installs) the system packages before anything else.

    const pai: LocalPai = await createLocalPai({
      dataDir: resolve(io.cwd, flags.data),
      port: flags.port,
      host: flags.host,
      registryPort: flags.registryPort,
      concurrency: flags.concurrency,
      accessKeys: accessKeyId && accessKeySecret ? [{ accessKeyId, accessKeySecret }] : [],
      ...(flags.workspace ? { workspaces: flags.workspace } : {}),
      ...(flags.rateLimit > 0
        ? { rateLimit: { requestsPerSecond: flags.rateLimit, burst: flags.rateLimit * 2 } }
        : {}),
      ...(flags.registryUser && registryPassword
        ? { registryAuth: { username: flags.registryUser, password: registryPassword } }
        : {}),
      seedImages: flags.baseImages,
      installSystemPackages: true,
      log,
    });
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

function camelCaseKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      v,
    ]),
  );
}

/** `imagebuild new`: scaffolds a spec, or the next version of an image from an existing one, sidecars copied not shared. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, parseDocument } from "yaml";
import { z } from "zod";
import { type Command, EXIT_OK, UsageError } from "../command.ts";
import { dirFlag, jsonFlag } from "../flag-schemas.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { resolveSettings } from "../settings.ts";
import { specPaths } from "../specs-location.ts";

const SCHEMA_FILE = "packages/schema/schemas/spec.schema.json";
const IMAGE = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,127}$/,
    "must be an image name like busybox-hello (a-z, 0-9, . _ -)",
  );
const VERSION = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,127}$/, "must be a tag like 1.1.0 (letters, digits, . _ -)");
const FLAGS = z.object({
  dir: dirFlag,
  from: z.string().min(1, "must not be empty").optional(),
  json: jsonFlag,
});

const HELP = `Usage: imagebuild new IMAGE VERSION [options]

Writes specs/IMAGE/VERSION.yaml. For a new image, a starting spec (a busybox CustomDockerfile) with
its "# yaml-language-server: $schema=…" line, so editors complete and check it. For an image that
has versions already, a copy of the highest one (or of --from). A sidecar Dockerfile
(BuildConfig.DockerfileFile) is copied to VERSION.<name> and the new spec points at the copy, so
editing the new version can never change a version already built.

Options:
  --from SPEC    the spec file to copy (default: the image's highest version, if any)
  --dir PATH     the specs folder (default: specsDir in imagebuild.config.yaml, else specs/ at the
                 repository root, from any subfolder)
  --json         print {ok, file, from, sidecars} as JSON
  -h, --help     show this help

Exit codes: 0 written, 1 the file exists already or --from cannot be read, 2 usage.

Examples:
  imagebuild new my-tools 1.0.0
  imagebuild new debian-tools 1.1.0
  imagebuild new debian-tools 2.0.0 --from specs/debian-tools/1.0.0.yaml
`;

/** The file exists already: never overwritten. */
export class SpecExistsError extends Error {
  override readonly name = "SpecExistsError";
  readonly code = "SpecExists";
  readonly file: string;
  constructor(file: string) {
    super(`${file}: exists already; a version that was built is immutable, so pick a new VERSION`);
    this.file = file;
  }
}

/**
 * The `new` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["debian-tools", "1.1.0"], io); // writes specs/debian-tools/1.1.0.yaml and 1.1.0.Dockerfile
 */
export const command: Command = {
  name: "new",
  summary: "scaffold a spec, or the next version of an image",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      schema: FLAGS,
      positionals: true,
    });
    if (positionals.length !== 2)
      throw new UsageError("give IMAGE and VERSION, e.g. new my-tools 1.0.0");
    const image = IMAGE.safeParse(positionals[0]);
    if (!image.success) throw new UsageError(`IMAGE: ${image.error.issues[0]?.message}`);
    const version = VERSION.safeParse(positionals[1]);
    if (!version.success) throw new UsageError(`VERSION: ${version.error.issues[0]?.message}`);
    const location = (await resolveSettings({ io, dir: flags.dir })).location();
    const imageDir = path.join(location.rootDir, location.specsDir, image.data);
    const target = path.join(imageDir, `${version.data}.yaml`);
    const relTarget = toPosix(path.relative(location.rootDir, target));
    if (existsSync(target)) throw new SpecExistsError(relTarget);

    const fromArg = flags.from;
    const from = fromArg
      ? path.join(
          location.rootDir,
          (await specPaths({ args: [fromArg], cwd: io.cwd, location }))[0] ?? "",
        )
      : highestVersion(imageDir);
    mkdirSync(imageDir, { recursive: true });
    const sidecars: { from: string; to: string }[] = [];
    let text: string;
    if (from === undefined) {
      text = scaffold({
        image: image.data,
        schemaPath: schemaPathFrom(imageDir, location.rootDir),
      });
    } else {
      text = copySpec({ from, imageDir, version: version.data, sidecars });
    }
    writeFileSync(target, text, { flag: "wx" });
    const rel = (p: string) => toPosix(path.relative(location.rootDir, p));
    const relFrom = from === undefined ? null : rel(from);
    const relSidecars = sidecars.map((s) => ({ from: rel(s.from), to: rel(s.to) }));
    if (flags.json) {
      writeJson(io.stdout, { ok: true, file: relTarget, from: relFrom, sidecars: relSidecars });
    } else {
      io.stdout.write(`wrote ${relTarget}${relFrom ? ` (from ${relFrom})` : ""}\n`);
      for (const s of relSidecars) io.stdout.write(`wrote ${s.to} (a copy of ${s.from})\n`);
      io.stdout.write(`next: imagebuild validate ${relTarget}\n`);
    }
    return EXIT_OK;
  },
};

function scaffold({ image, schemaPath }: { image: string; schemaPath: string }): string {
  return `# yaml-language-server: $schema=${schemaPath}
apiVersion: imagebuild/v1
kind: ImageBuild
description: ${image}
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
      RUN echo ${image} > /etc/motd
# To build it on this machine too (imagebuild build --env local), give it a local overlay:
# environments:
#   local:
#     registry: 127.0.0.1:5000/pai
#     build:
#       WorkspaceId: local
`;
}

/** Copies the spec text, pointing every DockerfileFile at a per-version copy of its sidecar. */
function copySpec({
  from,
  imageDir,
  version,
  sidecars,
}: {
  from: string;
  imageDir: string;
  version: string;
  sidecars: { from: string; to: string }[];
}): string {
  let source: string;
  try {
    source = readFileSync(from, "utf8");
  } catch (error) {
    throw Object.assign(new Error(`--from: cannot read ${from}: ${(error as Error).message}`), {
      code: "FROM_UNREADABLE",
      cause: error,
    });
  }
  const doc = parseDocument(source);
  const fromVersion = path.basename(from, ".yaml");
  const copies = new Map<string, string>();
  const paths: (string | number)[][] = [["build", "BuildConfig", "DockerfileFile"]];
  const environments = doc.getIn(["environments"]);
  if (isMap(environments)) {
    for (const item of environments.items) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      paths.push(["environments", key, "build", "BuildConfig", "DockerfileFile"]);
    }
  }
  for (const at of paths) {
    const value = doc.getIn(at);
    if (typeof value !== "string") continue;
    let copy = copies.get(value);
    if (copy === undefined) {
      const base = path.basename(value).replace(new RegExp(`^${escapeRegExp(fromVersion)}\\.`), "");
      copy = `${version}.${base}`;
      const sidecarFrom = path.resolve(path.dirname(from), value);
      const sidecarTo = path.join(imageDir, copy);
      writeFileSync(sidecarTo, readFileSync(sidecarFrom), { flag: "wx" });
      sidecars.push({ from: sidecarFrom, to: sidecarTo });
      copies.set(value, copy);
    }
    doc.setIn(at, copy);
  }
  return doc.toString();
}

function highestVersion(imageDir: string): string | undefined {
  if (!existsSync(imageDir)) return undefined;
  const versions = readdirSync(imageDir)
    .filter((f) => f.endsWith(".yaml") && f !== "_defaults.yaml")
    .map((f) => f.slice(0, -".yaml".length))
    .sort(compareVersions);
  const highest = versions.at(-1);
  return highest === undefined ? undefined : path.join(imageDir, `${highest}.yaml`);
}

/** Compares dotted versions numerically part by part (1.10.0 > 1.9.0), text parts as text. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    const nx = /^[0-9]+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^[0-9]+$/.test(y) ? Number(y) : Number.NaN;
    const order = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (order !== 0) return order;
  }
  return 0;
}

function schemaPathFrom(imageDir: string, rootDir: string): string {
  return toPosix(path.relative(imageDir, path.join(rootDir, SCHEMA_FILE)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

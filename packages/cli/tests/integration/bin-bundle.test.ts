/** The real bin and its bundle: built on first use, rebuilt when a source changes, shared by concurrent first runs, tsx when it cannot be built, and lazy. */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyRepoSources, type RepoCopy } from "../fixtures/copy-repo-sources.ts";
import { BIN, runBin } from "../fixtures/run-bin.ts";

const TRACE = { IMAGEBUILD_BIN_TRACE: "1" };
/** Building the bundle takes a second or two, far more on a machine shared by parallel suites. */
const BUILDS_TIMEOUT_MS = 180_000;

type Stamp = { bundle: string; hash: string; inputs: Record<string, [number, number]> };
const readStamp = (dist: string): Stamp =>
  JSON.parse(readFileSync(path.join(dist, "stamp.json"), "utf8"));
const bundles = (dist: string) => readdirSync(dist).filter((name) => name.startsWith("bundle-"));

let copy: RepoCopy | undefined;
afterEach(() => {
  copy?.remove();
  copy = undefined;
});

describe("bin/imagebuild.cjs and its bundle", () => {
  it(
    "builds the bundle on first use, runs it while the sources are unchanged, and rebuilds when one changes",
    async () => {
      copy = copyRepoSources();
      const bin = copy.bin;
      const first = await runBin(["--version"], { bin, env: TRACE });
      expect(first).toMatchObject({ code: 0, stdout: "imagebuild 0.1.0\n" });
      expect(first.stderr).toMatch(/bundle built \(no bundle built yet\)/);
      const built = readStamp(copy.dist).bundle;
      expect(bundles(copy.dist)).toEqual([built]);

      const again = await runBin(["--version"], { bin, env: TRACE });
      expect(again.stderr).toMatch(`bundle current: ${path.join(copy.dist, built)}`);
      // The first run of a command (here the one that built) writes V8's code cache for it; later
      // runs compile from it, and one V8 refuses is replaced.
      expect(again.stderr).toMatch(/\(code cache used\)/);
      expect(readdirSync(path.join(copy.dist, built))).toContain("code-cache-.bin");
      writeFileSync(path.join(copy.dist, built, "code-cache-.bin"), "not a code cache");
      const rejected = await runBin(["--version"], { bin, env: TRACE });
      expect(rejected).toMatchObject({ code: 0, stdout: "imagebuild 0.1.0\n" });
      expect(rejected.stderr).toMatch(/\(code cache rejected\)/);
      expect((await runBin(["--version"], { bin, env: TRACE })).stderr).toMatch(/used/);

      const main = path.join(copy.root, "packages/cli/src/main.ts");
      copy.write(
        "packages/cli/src/main.ts",
        readFileSync(main, "utf8").replace(
          "imagebuild: PAI custom container images as code",
          "imagebuild: edited by the bin test",
        ),
      );
      const edited = await runBin(["--help"], { bin, env: TRACE });
      expect(edited.code).toBe(0);
      expect(edited.stdout).toMatch(/^imagebuild: edited by the bin test\n/);
      expect(edited.stderr).toMatch(/bundle built \(packages\/cli\/src\/main\.ts changed\)/);
      expect(readStamp(copy.dist).bundle).not.toBe(built);
    },
    BUILDS_TIMEOUT_MS,
  );

  it(
    "keeps the bundle when only times changed, and rebuilds for a stale or incomplete stamp",
    async () => {
      copy = copyRepoSources();
      const { bin, dist } = copy;
      expect((await runBin(["--version"], { bin })).code).toBe(0);
      const stamp = readStamp(dist);

      // A checkout or `touch` moves times, not contents: restamped, not rebuilt.
      const touched = "packages/core/src/load-specs.ts";
      utimesSync(path.join(copy.root, touched), new Date(), new Date(Date.now() + 5_000));
      const touchedRun = await runBin(["--version"], { bin, env: TRACE });
      expect(touchedRun.stderr).toMatch(/bundle current/);
      expect(readStamp(dist).bundle).toBe(stamp.bundle);
      expect(readStamp(dist).inputs[touched]).not.toEqual(stamp.inputs[touched]);

      // A stamp left by a build of other sources (its hash differs) once a time moved.
      copy.write(
        "packages/cli/dist/stamp.json",
        JSON.stringify({
          ...stamp,
          hash: "0".repeat(64),
          inputs: { ...stamp.inputs, [touched]: [1, 1] },
        }),
      );
      const stale = await runBin(["--version"], { bin, env: TRACE });
      expect(stale).toMatchObject({ code: 0, stdout: "imagebuild 0.1.0\n" });
      expect(stale.stderr).toMatch(/bundle built \(packages\/core\/src\/load-specs\.ts changed\)/);

      // A stamp naming a bundle that is gone.
      copy.write(
        "packages/cli/dist/stamp.json",
        JSON.stringify({ ...readStamp(dist), bundle: "bundle-gone" }),
      );
      const gone = await runBin(["--version"], { bin, env: TRACE });
      expect(gone.code).toBe(0);
      expect(gone.stderr).toMatch(/bundle built \(the stamp names no complete bundle\)/);
      expect(existsSync(path.join(dist, readStamp(dist).bundle, "imagebuild.cjs"))).toBe(true);
    },
    BUILDS_TIMEOUT_MS,
  );

  it(
    "builds once for four concurrent first runs, which all run it",
    async () => {
      copy = copyRepoSources();
      const bin = copy.bin;
      const runs = await Promise.all(
        [1, 2, 3, 4].map(() => runBin(["--version"], { bin, env: TRACE })),
      );
      for (const run of runs) expect(run).toMatchObject({ code: 0, stdout: "imagebuild 0.1.0\n" });
      const builders = runs.filter((run) => /bundle built \(/.test(run.stderr));
      expect(builders).toHaveLength(1);
      expect(readdirSync(copy.dist).sort()).toEqual([readStamp(copy.dist).bundle, "stamp.json"]);
    },
    BUILDS_TIMEOUT_MS,
  );

  it(
    "runs the sources through tsx when the bundle cannot be built",
    async () => {
      copy = copyRepoSources({ without: ["esbuild"] });
      const run = await runBin(["--version"], { bin: copy.bin });
      expect(run).toMatchObject({ code: 0, stdout: "imagebuild 0.1.0\n" });
      expect(run.stderr).toMatch(
        /^imagebuild: running the TypeScript sources through tsx \(bundle not built: Cannot find package 'esbuild'/,
      );
      expect(existsSync(path.join(copy.dist, "stamp.json"))).toBe(false);
      const validate = await runBin(["validate", "--dir", "specs", "--json"], {
        bin: copy.bin,
        cwd: path.resolve(BIN, "../../../.."),
      });
      expect(JSON.parse(validate.stdout)).toMatchObject({ environments: expect.any(Array) });
    },
    BUILDS_TIMEOUT_MS,
  );

  it(
    "names the file and line when a source does not compile",
    async () => {
      copy = copyRepoSources();
      copy.write("packages/core/src/plan.ts", "export const broken = ;\n");
      const run = await runBin(["--version"], { bin: copy.bin });
      expect(run.stderr).toMatch(
        /^imagebuild: running the TypeScript sources through tsx \(bundle not built: packages\/core\/src\/plan\.ts:1: Unexpected ";"\)/,
      );
    },
    BUILDS_TIMEOUT_MS,
  );

  it("checks schemas with the validators precompiled into the bundle: valid specs pass, a bad field is named", async () => {
    const repo = path.resolve(BIN, "../../../..");
    const dir = mkdtempSync(path.join(tmpdir(), "imagebuild-bin-schema-"));
    try {
      cpSync(path.join(repo, "specs"), path.join(dir, "specs"), { recursive: true });
      const valid = await runBin(["validate", "--env", "prod", "--json"], { cwd: dir });
      expect(JSON.parse(valid.stdout)).toMatchObject({ ok: true, errors: 0 });
      const spec = path.join(dir, "specs/busybox-hello/1.0.0.yaml");
      writeFileSync(
        spec,
        readFileSync(spec, "utf8").replace("BuildType: CustomDockerfile", "BuildType: Kaniko"),
      );
      const bad = await runBin(["validate", "--env", "prod"], { cwd: dir });
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(
        /^specs\/busybox-hello\/1\.0\.0\.yaml:\d+:\d+: schema: build\.BuildConfig\.BuildType: /m,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("evaluates neither local-pai nor local-cloud for --help, --version and validate", async () => {
    const repo = path.resolve(BIN, "../../../..");
    const evaluatedPackages = async (args: string[]) => {
      const { stderr } = await runBin(args, {
        cwd: repo,
        env: { IMAGEBUILD_BIN_TRACE: "modules" },
      });
      const modules = /^imagebuild: evaluated: (.*)$/m.exec(stderr)?.[1]?.split(" ") ?? [];
      expect(modules.length).toBeGreaterThan(0);
      return new Set(modules.map((module) => /^packages\/([^/]+)\//.exec(module)?.[1]));
    };
    for (const args of [["--help"], ["--version"], ["validate", "--env", "prod"]]) {
      const packages = await evaluatedPackages(args);
      expect(packages.has("cli"), args.join(" ")).toBe(true);
      expect(packages.has("local-pai"), args.join(" ")).toBe(false);
      expect(packages.has("local-cloud"), args.join(" ")).toBe(false);
    }
    expect((await evaluatedPackages(["validate", "--env", "prod"])).has("core")).toBe(true);
    expect((await evaluatedPackages(["local", "serve", "--help"])).has("local-pai")).toBe(true);
  }, 120_000);
});

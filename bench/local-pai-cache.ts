/**
 * The local service's layer cache on specs/debian-tools (apt-get update + install from the network),
 * every side measured in the same run, rounds alternating the order:
 *
 *   - rebuild: the same image built again with only its last instruction changed (`CMD`), with the
 *     cache (layers pulled from the image's cache repository), against the cold build of that image
 *     in the round (goal: at most 0.30);
 *   - export:  a cold build with the cache on (`--layers`, `--cache-to` pushing every step) against a
 *     cold build without it (goal: at most 1.10), in wall time and in the CPU time of the builder
 *     processes (less sensitive to the other work on a shared machine), with the spread of the rounds.
 *
 * A cold build is a new image name, so a new, empty cache repository. Each side calls runBuild (what
 * the service's builder calls) with a real registry, seeded bookworm and the same isolation.
 *
 * Run: npx tsx bench/local-pai-cache.ts [rounds, default 3]
 */
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  prepareBuildIsolation,
  runBuild,
  seedBaseImages,
  startRegistry,
  waitForBuildCleanup,
} from "../packages/local-pai/src/system/index.ts";

const ROUNDS = Number(process.argv[2] ?? 3);
const ROOT = resolve(import.meta.dirname, "..");
// The base-image cache the tests use, so no run of the bench debootstraps bookworm again.
process.env.IMAGEBUILD_CACHE_DIR ||= join(tmpdir(), "imagebuild-local-pai-test-cache");

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const low = sorted[Math.floor(pos)] as number;
  const high = sorted[Math.ceil(pos)] as number;
  return low + (high - low) * (pos - Math.floor(pos));
};
const median = (values: number[]) => quantile(values, 0.5);
/** CPU seconds of this process's reaped children (buildah and what it reaped), from /proc. */
const childCpuSeconds = () => {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
  // cutime and cstime are fields 16 and 17 of stat(5), i.e. 14 and 15 after "pid (comm) ".
  return (Number(fields[13]) + Number(fields[14])) / 100;
};
const range = (values: number[]) =>
  [Math.min(...values), Math.max(...values)].map((value) => Number(value.toFixed(3)));

async function main() {
  const dockerfile = await readFile(join(ROOT, "specs/debian-tools/Dockerfile"), "utf8");
  const changed = dockerfile.replace(/^CMD .*$/m, 'CMD ["curl", "--help"]');
  if (changed === dockerfile) throw new Error("specs/debian-tools/Dockerfile has no CMD to change");
  const dataDir = await mkdtemp(join(tmpdir(), "imagebuild-bench-cache-"));
  const registry = await startRegistry({ dataDir, port: 0 });
  try {
    const environment = await seedBaseImages({ registry, dataDir, images: ["debian:bookworm"] });
    const isolation = await prepareBuildIsolation({ dataDir });
    const build = async (name: string, text: string, layerCache: boolean) => {
      const started = performance.now();
      const cpuBefore = childCpuSeconds();
      const outcome = await runBuild({
        dockerfile: text,
        imageUri: `${registry.host}/bench/${name}:1.0`,
        overwriteTag: true,
        environment,
        isolation,
        registry,
        workDir: join(dataDir, "work", name),
        layerCache,
      });
      const elapsed = performance.now() - started;
      const cpu = childCpuSeconds() - cpuBefore;
      if (outcome.status !== "Succeeded") {
        throw new Error(`${name}: ${outcome.status} ${outcome.reasonMessage}`);
      }
      // Outside the timing: the background removal of the build's images must not overlap the next.
      await waitForBuildCleanup();
      return { elapsed, cpu };
    };
    // Pulls bookworm into the build storage once, so no side pays for it.
    await build("warmup", dockerfile, false);
    const cpuRatios: number[] = [];

    const rebuildRatios: number[] = [];
    const exportRatios: number[] = [];
    const times = { coldCache: [] as number[], coldPlain: [] as number[], rebuild: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      const image = `tools-r${i}`;
      let coldCache: Awaited<ReturnType<typeof build>>;
      let coldPlain: Awaited<ReturnType<typeof build>>;
      if (i % 2 === 0) {
        coldCache = await build(image, dockerfile, true);
        coldPlain = await build(`plain-r${i}`, dockerfile, false);
      } else {
        coldPlain = await build(`plain-r${i}`, dockerfile, false);
        coldCache = await build(image, dockerfile, true);
      }
      const rebuild = (await build(image, changed, true)).elapsed;
      times.coldCache.push(coldCache.elapsed);
      times.coldPlain.push(coldPlain.elapsed);
      times.rebuild.push(rebuild);
      rebuildRatios.push(rebuild / coldCache.elapsed);
      exportRatios.push(coldCache.elapsed / coldPlain.elapsed);
      cpuRatios.push(coldCache.cpu / coldPlain.cpu);
      console.log(
        `round ${i + 1}/${ROUNDS}: cold ${(coldPlain.elapsed / 1000).toFixed(1)} s, cold+export ${(coldCache.elapsed / 1000).toFixed(1)} s, rebuild ${(rebuild / 1000).toFixed(1)} s; CPU cold ${coldPlain.cpu.toFixed(1)} s, cold+export ${coldCache.cpu.toFixed(1)} s`,
      );
    }
    const ms = (values: number[]) => Math.round(median(values));
    console.log(
      JSON.stringify({
        bench: "local-pai-cache",
        rounds: ROUNDS,
        rebuildOverCold: Number(median(rebuildRatios).toFixed(3)),
        rebuildGoal: "<= 0.30",
        rebuildOverColdRange: range(rebuildRatios),
        exportOverPlain: Number(median(exportRatios).toFixed(3)),
        exportGoal: "<= 1.10",
        exportOverPlainRange: range(exportRatios),
        exportCpuOverPlain: Number(median(cpuRatios).toFixed(3)),
        exportCpuOverPlainRange: range(cpuRatios),
        medianMs: {
          cold: ms(times.coldPlain),
          coldWithExport: ms(times.coldCache),
          rebuild: ms(times.rebuild),
        },
      }),
    );
  } finally {
    await waitForBuildCleanup();
    await registry.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();

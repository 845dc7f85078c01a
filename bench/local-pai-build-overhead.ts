/**
 * Overhead of one image build through the local PAI service against the same `buildah bud` +
 * `buildah push` run directly, measured in the same run with the same Dockerfile.
 *
 *   - baseline: `buildah bud --isolation chroot` (a build storage of the service's kind, its driver
 *     and id range, the same registries.conf mirror and policy the service uses) then
 *     `buildah push` to a local docker-registry, run here directly.
 *   - subject:  CreateImageBuild over HTTP to a service started with createLocalPai (unsigned mode),
 *     followed with GetJob until `Succeeded` (polled every POLL_MS).
 *
 * Both sides build `FROM busybox` with a RUN step whose output differs per round (no layer cache),
 * each to a fresh tag. One warm-up round per side pulls the base image into its storage. Rounds
 * alternate baseline/subject; the result is the median of the per-round ratios subject/baseline
 * (goal: at most 1.10).
 *
 * Run: npx tsx bench/local-pai-build-overhead.ts [rounds, default 11]
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createLocalPai } from "../packages/local-pai/src/index.ts";
import {
  type BuildEnvironment,
  type RegistryHandle,
  seedBaseImages,
  startRegistry,
  waitForBuildCleanup,
} from "../packages/local-pai/src/system/index.ts";
import { ensureTraversable } from "../packages/local-pai/src/system/ensure-traversable.ts";
import { runProcess } from "../packages/local-pai/src/system/run-process.ts";
import {
  imageStorageFlags,
  openImageStorage,
} from "../packages/local-pai/src/system/image-storage.ts";
import { SILENT_LOGGER } from "@imagebuild/pai-client/logger";

const ROUNDS = Number(process.argv[2] ?? 11);
const POLL_MS = 25;
const ROOT = resolve(import.meta.dirname, "..");
// The base-image cache the tests use, so no run of the bench pays for making busybox twice.
process.env.IMAGEBUILD_CACHE_DIR ||= join(ROOT, ".imagebuild", "cache");

const dockerfile = (round: string) =>
  `FROM busybox\nRUN echo ${round} > /round && seq 1 20000 > /numbers && sha256sum /numbers > /sum\n`;

async function baselineBuild({
  round,
  registry,
  environment,
  workDir,
}: {
  round: string;
  registry: RegistryHandle;
  environment: BuildEnvironment;
  workDir: string;
}): Promise<number> {
  await mkdir(join(workDir, "context"), { recursive: true });
  await writeFile(join(workDir, "Dockerfile"), dockerfile(round));
  const env = { ...process.env, ...environment.env };
  const { storage, release } = await openImageStorage({
    environment,
    target: { host: registry.host, repository: "bench/direct" },
    log: SILENT_LOGGER,
  });
  const buildah = async (args: string[]) => {
    const result = await runProcess({
      command: "buildah",
      args: [...imageStorageFlags(environment, storage), ...args],
      env,
    });
    if (result.exitCode !== 0) throw new Error(`buildah ${args[0]} failed: ${result.tail.at(-1)}`);
  };
  try {
    return await timedBuild({ round, registry, environment, workDir, buildah });
  } finally {
    release();
  }
}

async function timedBuild({
  round,
  registry,
  environment,
  workDir,
  buildah,
}: {
  round: string;
  registry: RegistryHandle;
  environment: BuildEnvironment;
  workDir: string;
  buildah: (args: string[]) => Promise<void>;
}): Promise<number> {
  const started = performance.now();
  await buildah([
    "bud",
    "--isolation",
    "chroot",
    "--format",
    "docker",
    "--signature-policy",
    environment.signaturePolicy,
    "--iidfile",
    join(workDir, "iid"),
    "-f",
    join(workDir, "Dockerfile"),
    join(workDir, "context"),
  ]);
  const imageId = (await readFile(join(workDir, "iid"), "utf8")).trim();
  await buildah([
    "push",
    "--signature-policy",
    environment.signaturePolicy,
    "--tls-verify=false",
    imageId,
    `docker://${registry.host}/bench/direct:${round}`,
  ]);
  const elapsed = performance.now() - started;
  // Outside the timing, as in the service: keep the build storage from growing with every round.
  await buildah(["rmi", "-f", imageId]);
  return elapsed;
}

async function serviceBuild({
  round,
  url,
  registryHost,
}: {
  round: string;
  url: string;
  registryHost: string;
}) {
  const body = {
    WorkspaceId: "bench",
    Resource: { EcsSpec: "ecs.c6.large" },
    TargetRegistry: { Type: "AcrEnterprise" },
    BuildConfig: { BuildType: "CustomDockerfile", Dockerfile: dockerfile(round) },
    Image: { Name: `bench-${round}`, Uri: `${registryHost}/bench/service:${round}` },
    Accessibility: "PRIVATE",
  };
  const started = performance.now();
  const res = await fetch(`${url}/api/v1/imagebuilds?ClientToken=bench-${round}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const created = (await res.json()) as { ImageBuildJobId?: string; Message?: string };
  if (!res.ok || !created.ImageBuildJobId)
    throw new Error(`CreateImageBuild: ${res.status} ${created.Message}`);
  for (;;) {
    const job = (await (await fetch(`${url}/api/v1/jobs/${created.ImageBuildJobId}`)).json()) as {
      Status: string;
      ReasonMessage?: string;
    };
    if (job.Status === "Succeeded") {
      const elapsed = performance.now() - started;
      // Outside the timing, as for the baseline: the service's background `rmi` must not overlap the next build.
      await waitForBuildCleanup();
      return elapsed;
    }
    if (job.Status === "Failed" || job.Status === "Stopped") {
      throw new Error(`job ${created.ImageBuildJobId} ended ${job.Status}: ${job.ReasonMessage}`);
    }
    await sleep(POLL_MS);
  }
}

/** The q-quantile (0..1) of `values`, interpolated between the nearest ranks. */
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const low = sorted[Math.floor(pos)] as number;
  const high = sorted[Math.ceil(pos)] as number;
  return low + (high - low) * (pos - Math.floor(pos));
};
const median = (values: number[]) => quantile(values, 0.5);

async function main() {
  const baseDir = await mkdtemp(join(tmpdir(), "imagebuild-bench-direct-"));
  const serviceDir = await mkdtemp(join(tmpdir(), "imagebuild-bench-service-"));
  const registry = await startRegistry({ dataDir: baseDir, port: 0 });
  const pai = await createLocalPai({
    dataDir: serviceDir,
    port: 0,
    registryPort: 0,
    seedImages: ["busybox"],
  });
  try {
    const environment = await seedBaseImages({ registry, dataDir: baseDir, images: ["busybox"] });
    // RUN steps run as the storage's unprivileged ids, as the service's do: the folders must let them through.
    await ensureTraversable({ dataDir: baseDir });
    const direct = (round: string) =>
      baselineBuild({ round, registry, environment, workDir: join(baseDir, "work", round) });
    const viaService = (round: string) =>
      serviceBuild({ round, url: pai.url, registryHost: pai.registry.host });
    await direct("warmup");
    await viaService("warmup");

    const ratios: number[] = [];
    const baselines: number[] = [];
    const subjects: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const round = `r${i}`;
      let b: number;
      let s: number;
      // Alternate which side goes first so drift (page cache, other load) does not favour one side.
      if (i % 2 === 0) {
        b = await direct(round);
        s = await viaService(round);
      } else {
        s = await viaService(round);
        b = await direct(round);
      }
      baselines.push(b);
      subjects.push(s);
      ratios.push(s / b);
      console.log(`round ${i + 1}/${ROUNDS}: service/direct = ${(s / b).toFixed(3)}`);
    }
    console.log(
      JSON.stringify({
        bench: "local-pai-build-overhead",
        rounds: ROUNDS,
        medianRatio: Number(median(ratios).toFixed(3)),
        // The spread of the per-round ratios: wide when other load shares the machine.
        ratioP25: Number(quantile(ratios, 0.25).toFixed(3)),
        ratioP75: Number(quantile(ratios, 0.75).toFixed(3)),
        ratioOfMedians: Number((median(subjects) / median(baselines)).toFixed(3)),
        goal: "<= 1.10",
        medianMs: { direct: Math.round(median(baselines)), service: Math.round(median(subjects)) },
      }),
    );
  } finally {
    await pai.close();
    await waitForBuildCleanup();
    await registry.stop();
    await rm(baseDir, { recursive: true, force: true });
    await rm(serviceDir, { recursive: true, force: true });
  }
}

await main();

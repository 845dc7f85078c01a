/** Calls the builder for one job in its own scratch directory, turning a rejection into a Failed outcome. */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { JobStatus } from "@imagebuild/schema";
import type { Builder, BuildOutcome } from "./builder.ts";
import type { JobLog } from "./job-log.ts";
import type { MoveJob } from "./move-job.ts";
import type { QueuedBuild, RunningBuild } from "./queue-state.ts";

/**
 * Runs the builder under `<dataDir>/work/<jobId>` (removed afterwards); each new phase the builder
 * reports moves the job, until the job is aborted. Never rejects: a builder error is `BuilderError`.
 *
 * @example
 * const outcome = await callBuilder({ build, state, jobLog, move, builder, dataDir });
 */
export async function callBuilder({
  build,
  state,
  jobLog,
  move,
  builder,
  dataDir,
}: {
  build: QueuedBuild;
  state: RunningBuild;
  jobLog: JobLog;
  move: MoveJob;
  builder: Builder;
  dataDir: string;
}): Promise<BuildOutcome> {
  const { jobId } = build;
  let phase: JobStatus = "EnvPreparing";
  const workDir = join(dataDir, "work", jobId);
  mkdirSync(workDir, { recursive: true });
  try {
    return await builder({
      jobId,
      imageBuildId: build.imageBuildId,
      dockerfile: build.request.BuildConfig.Dockerfile,
      imageUri: build.request.Image.Uri,
      registryAuths: build.request.BuildConfig.RegistryAuths as
        | Record<string, { Auth: string }>
        | undefined,
      overwriteTag: build.request.OverwriteImageTag === true,
      workDir,
      signal: state.controller.signal,
      onLog: (line) => jobLog.write(line),
      onPhase: (next) => {
        if (next === phase || state.controller.signal.aborted) return;
        phase = next;
        move(next);
      },
    });
  } catch (error) {
    return {
      status: "Failed",
      reasonCode: "BuilderError",
      reasonMessage: error instanceof Error ? error.message : String(error),
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

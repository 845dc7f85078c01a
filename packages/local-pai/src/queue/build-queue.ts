/** The build queue: a concurrency limit, the DLC status machine, stop, and the per-job log. */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { CreateImageBuildRequest, JobStatus } from "@imagebuild/schema";
import type { Logger } from "../logger.ts";
import type { ImageStore } from "../store/image-store.ts";
import type { JobStore, Reason } from "../store/job-store.ts";
import type { Db } from "../store/open-database.ts";
import { type Builder, type BuildOutcome, withBuildLabels } from "./builder.ts";
import { type JobLog, openJobLog } from "./job-log.ts";

/** The reason code of a job stopped through StopJob (the DLC code). */
export const JOB_STOPPED_BY_USER = "JobStoppedByUser";
/** The reason code of a job cut short by a clean shutdown of the service. */
export const SERVICE_STOPPED = "ServiceStopped";

/**
 * A job to run: its ids, the full request (with credentials, kept in memory only) and its caller.
 *
 * @example
 * queue.enqueue({ jobId: "dlc-1", imageBuildId: "build-1", request, accessKeyId: "anonymous" });
 */
export interface QueuedBuild {
  jobId: string;
  imageBuildId: string;
  request: CreateImageBuildRequest;
  accessKeyId: string;
}

/** What `stop` did. */
export type StopResult = "stopped" | "stopping" | "already-finished" | "unknown";

/**
 * The queue.
 *
 * @example
 * queue.stop("dlc-abc") // "stopping"
 */
export interface BuildQueue {
  /** Moves the job to Queuing and starts it when a slot is free. */
  enqueue(build: QueuedBuild): void;
  /** Stops a queued job at once, or aborts a running one (it ends Stopped when the builder returns). */
  stop(jobId: string): StopResult;
  /** Resolves when no job is queued or running. */
  idle(): Promise<void>;
  /** Fails queued and running jobs with `ServiceStopped`, aborts the builders and waits for them. */
  close(): Promise<void>;
}

interface Running {
  controller: AbortController;
  stopRequested: boolean;
  done: Promise<void>;
}

/**
 * Creates the queue. `concurrency` builds run at once; the rest wait in arrival order.
 *
 * @example
 * const queue = createBuildQueue({ db, jobs, images, builder, concurrency: 2, dataDir, log });
 * queue.enqueue({ jobId, imageBuildId, request, accessKeyId: "anonymous" });
 */
export function createBuildQueue({
  db,
  jobs,
  images,
  builder,
  concurrency,
  dataDir,
  log,
}: {
  db: Db;
  jobs: JobStore;
  images: ImageStore;
  builder: Builder;
  concurrency: number;
  dataDir: string;
  log: Logger;
}): BuildQueue {
  const pending: QueuedBuild[] = [];
  const running = new Map<string, Running>();
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const recordSuccess = db.transaction(
    (build: QueuedBuild, outcome: Extract<BuildOutcome, { status: "Succeeded" }>) => {
      const { Image, WorkspaceId, Accessibility } = build.request;
      const image = images.upsertBuilt({
        name: Image.Name,
        imageUri: Image.Uri,
        workspaceId: WorkspaceId,
        description: Image.Description,
        labels: withBuildLabels(Image.Labels, outcome.labels),
        accessibility: Accessibility,
        userId: build.accessKeyId,
        size: outcome.sizeBytes,
        sourceType: "Build",
        sourceId: build.imageBuildId,
      });
      if (jobs.transition(build.jobId, "Succeeded")) jobs.setImageId(build.jobId, image.ImageId);
    },
  );

  const settleIdle = () => {
    if (pending.length > 0 || running.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const run = async (build: QueuedBuild, state: Running, jobLog: JobLog) => {
    const { jobId } = build;
    let phase: JobStatus = "EnvPreparing";
    const move = (status: JobStatus, reason?: Reason) => {
      if (!jobs.transition(jobId, status, reason)) return;
      jobLog.write(
        `[local-pai] status ${status}${reason?.reasonCode ? ` (${reason.reasonCode}: ${reason.reasonMessage})` : ""}`,
      );
      log.info("job status", { jobId, status, reasonCode: reason?.reasonCode });
    };
    move("EnvPreparing");
    const workDir = join(dataDir, "work", jobId);
    mkdirSync(workDir, { recursive: true });
    let outcome: BuildOutcome;
    try {
      outcome = await builder({
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
      outcome = {
        status: "Failed",
        reasonCode: "BuilderError",
        reasonMessage: error instanceof Error ? error.message : String(error),
      };
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
    if (outcome.status === "Succeeded") {
      recordSuccess(build, outcome);
      jobLog.write(`[local-pai] status Succeeded (${outcome.digest}, ${outcome.sizeBytes} bytes)`);
      log.info("job status", { jobId, status: "Succeeded" });
    } else if (state.stopRequested) {
      move("Stopped", {
        reasonCode: JOB_STOPPED_BY_USER,
        reasonMessage: "The job was stopped by StopJob.",
      });
    } else {
      move(outcome.status, {
        reasonCode: outcome.reasonCode,
        reasonMessage: outcome.reasonMessage,
      });
    }
  };

  const pump = () => {
    while (!closed && running.size < concurrency && pending.length > 0) {
      const build = pending.shift() as QueuedBuild;
      const secrets = Object.values(build.request.BuildConfig.RegistryAuths ?? {}).map(
        (auth) => (auth as { Auth: string }).Auth,
      );
      const jobLog = openJobLog({ dataDir, jobId: build.jobId, secrets });
      const state: Running = {
        controller: new AbortController(),
        stopRequested: false,
        done: Promise.resolve(),
      };
      running.set(build.jobId, state);
      state.done = run(build, state, jobLog)
        .catch((error: unknown) => {
          log.error("job crashed", { jobId: build.jobId, error: String(error) });
          jobs.transition(build.jobId, "Failed", {
            reasonCode: "InternalError",
            reasonMessage: error instanceof Error ? error.message : String(error),
          });
        })
        .finally(() => {
          jobLog.close();
          running.delete(build.jobId);
          pump();
          settleIdle();
        });
    }
  };

  return {
    enqueue(build) {
      if (closed) throw new Error("local-pai: the build queue is closed");
      jobs.transition(build.jobId, "Queuing");
      const jobLog = openJobLog({ dataDir, jobId: build.jobId });
      jobLog.write("[local-pai] status Queuing");
      jobLog.close();
      pending.push(build);
      pump();
    },
    stop(jobId) {
      const index = pending.findIndex((b) => b.jobId === jobId);
      if (index >= 0) {
        pending.splice(index, 1);
        jobs.transition(jobId, "Stopped", {
          reasonCode: JOB_STOPPED_BY_USER,
          reasonMessage: "The job was stopped by StopJob before it started.",
        });
        settleIdle();
        return "stopped";
      }
      const state = running.get(jobId);
      if (state) {
        state.stopRequested = true;
        state.controller.abort(new Error("stopped by StopJob"));
        return "stopping";
      }
      const job = jobs.get(jobId);
      return job ? "already-finished" : "unknown";
    },
    idle() {
      if (pending.length === 0 && running.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      const reason = {
        reasonCode: SERVICE_STOPPED,
        reasonMessage: "The local PAI service was shut down before the job finished.",
      };
      for (const build of pending.splice(0)) jobs.transition(build.jobId, "Failed", reason);
      for (const [jobId, state] of running) {
        jobs.transition(jobId, "Failed", reason);
        state.controller.abort(new Error("service shutdown"));
      }
      await Promise.all([...running.values()].map((s) => s.done));
      settleIdle();
    },
  };
}

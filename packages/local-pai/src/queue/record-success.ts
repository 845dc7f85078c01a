/** Records a successful build in one transaction: the image row, then the job's Succeeded and ImageId. */
import type { ImageStore } from "../store/image-store.ts";
import type { JobStore } from "../store/job-store.ts";
import type { Db } from "../store/open-database.ts";
import { type BuildOutcome, withBuildLabels } from "./builder.ts";
import type { QueuedBuild } from "./queue-state.ts";

/** The outcome of a build that succeeded. */
export type SucceededOutcome = Extract<BuildOutcome, { status: "Succeeded" }>;

/**
 * Makes the transaction that stores a built image and marks its job Succeeded (the ImageId is set
 * only when the job could still move to Succeeded).
 *
 * @example
 * const recordSuccess = createRecordSuccess({ db, jobs, images });
 * recordSuccess(build, { status: "Succeeded", sizeBytes: 1024, digest: "sha256:…" });
 */
export function createRecordSuccess({
  db,
  jobs,
  images,
}: {
  db: Db;
  jobs: JobStore;
  images: ImageStore;
}): (build: QueuedBuild, outcome: SucceededOutcome) => void {
  return db.transaction((build: QueuedBuild, outcome: SucceededOutcome) => {
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
  });
}

// GENERATED, DO NOT EDIT, regenerate with `npm run generate -w @imagebuild/schema`.
// Source: packages/schema/schemas/*.schema.json
import * as schemas from "./schemas.ts";
import type * as types from "./types.ts";
import { defineValidator } from "../define-validator.ts";

/** Parses a AddImageLabelsRequest; zod is built from the schema on first use. */
export const AddImageLabelsRequest = defineValidator<types.AddImageLabelsRequest>(
  "AddImageLabelsRequest",
  schemas.AddImageLabelsRequestSchema,
);

/** Parses a AddImageRequest; zod is built from the schema on first use. */
export const AddImageRequest = defineValidator<types.AddImageRequest>(
  "AddImageRequest",
  schemas.AddImageRequestSchema,
);

/** Parses a AddImageResponse; zod is built from the schema on first use. */
export const AddImageResponse = defineValidator<types.AddImageResponse>(
  "AddImageResponse",
  schemas.AddImageResponseSchema,
);

/** Parses a BuildTrigger; zod is built from the schema on first use. */
export const BuildTrigger = defineValidator<types.BuildTrigger>(
  "BuildTrigger",
  schemas.BuildTriggerSchema,
);

/** Parses a CodeupPush; zod is built from the schema on first use. */
export const CodeupPush = defineValidator<types.CodeupPush>("CodeupPush", schemas.CodeupPushSchema);

/** Parses a CreateImageBuildQuery; zod is built from the schema on first use. */
export const CreateImageBuildQuery = defineValidator<types.CreateImageBuildQuery>(
  "CreateImageBuildQuery",
  schemas.CreateImageBuildQuerySchema,
);

/** Parses a CreateImageBuildRequest; zod is built from the schema on first use. */
export const CreateImageBuildRequest = defineValidator<types.CreateImageBuildRequest>(
  "CreateImageBuildRequest",
  schemas.CreateImageBuildRequestSchema,
);

/** Parses a CreateImageBuildResponse; zod is built from the schema on first use. */
export const CreateImageBuildResponse = defineValidator<types.CreateImageBuildResponse>(
  "CreateImageBuildResponse",
  schemas.CreateImageBuildResponseSchema,
);

/** Parses a DeleteJobResponse; zod is built from the schema on first use. */
export const DeleteJobResponse = defineValidator<types.DeleteJobResponse>(
  "DeleteJobResponse",
  schemas.DeleteJobResponseSchema,
);

/** Parses a DlcJob; zod is built from the schema on first use. */
export const DlcJob = defineValidator<types.DlcJob>("DlcJob", schemas.DlcJobSchema);

/** Parses a ErrorEnvelope; zod is built from the schema on first use. */
export const ErrorEnvelope = defineValidator<types.ErrorEnvelope>(
  "ErrorEnvelope",
  schemas.ErrorEnvelopeSchema,
);

/** Parses a FcHttpEvent; zod is built from the schema on first use. */
export const FcHttpEvent = defineValidator<types.FcHttpEvent>(
  "FcHttpEvent",
  schemas.FcHttpEventSchema,
);

/** Parses a FcHttpResponse; zod is built from the schema on first use. */
export const FcHttpResponse = defineValidator<types.FcHttpResponse>(
  "FcHttpResponse",
  schemas.FcHttpResponseSchema,
);

/** Parses a FcOssEvent; zod is built from the schema on first use. */
export const FcOssEvent = defineValidator<types.FcOssEvent>("FcOssEvent", schemas.FcOssEventSchema);

/** Parses a FcTimerEvent; zod is built from the schema on first use. */
export const FcTimerEvent = defineValidator<types.FcTimerEvent>(
  "FcTimerEvent",
  schemas.FcTimerEventSchema,
);

/** Parses a GetImageResponse; zod is built from the schema on first use. */
export const GetImageResponse = defineValidator<types.GetImageResponse>(
  "GetImageResponse",
  schemas.GetImageResponseSchema,
);

/** Parses a GetJobEventsQuery; zod is built from the schema on first use. */
export const GetJobEventsQuery = defineValidator<types.GetJobEventsQuery>(
  "GetJobEventsQuery",
  schemas.GetJobEventsQuerySchema,
);

/** Parses a GetJobEventsResponse; zod is built from the schema on first use. */
export const GetJobEventsResponse = defineValidator<types.GetJobEventsResponse>(
  "GetJobEventsResponse",
  schemas.GetJobEventsResponseSchema,
);

/** Parses a GetJobQuery; zod is built from the schema on first use. */
export const GetJobQuery = defineValidator<types.GetJobQuery>(
  "GetJobQuery",
  schemas.GetJobQuerySchema,
);

/** Parses a GetPodEventsQuery; zod is built from the schema on first use. */
export const GetPodEventsQuery = defineValidator<types.GetPodEventsQuery>(
  "GetPodEventsQuery",
  schemas.GetPodEventsQuerySchema,
);

/** Parses a GetPodEventsResponse; zod is built from the schema on first use. */
export const GetPodEventsResponse = defineValidator<types.GetPodEventsResponse>(
  "GetPodEventsResponse",
  schemas.GetPodEventsResponseSchema,
);

/** Parses a GetPodLogsQuery; zod is built from the schema on first use. */
export const GetPodLogsQuery = defineValidator<types.GetPodLogsQuery>(
  "GetPodLogsQuery",
  schemas.GetPodLogsQuerySchema,
);

/** Parses a GetPodLogsResponse; zod is built from the schema on first use. */
export const GetPodLogsResponse = defineValidator<types.GetPodLogsResponse>(
  "GetPodLogsResponse",
  schemas.GetPodLogsResponseSchema,
);

/** Parses a GithubPush; zod is built from the schema on first use. */
export const GithubPush = defineValidator<types.GithubPush>("GithubPush", schemas.GithubPushSchema);

/** Parses a GitlabPush; zod is built from the schema on first use. */
export const GitlabPush = defineValidator<types.GitlabPush>("GitlabPush", schemas.GitlabPushSchema);

/** Parses a WorkspaceImage; zod is built from the schema on first use. */
export const WorkspaceImage = defineValidator<types.WorkspaceImage>(
  "WorkspaceImage",
  schemas.WorkspaceImageSchema,
);

/** Parses a ImagebuildConfig; zod is built from the schema on first use. */
export const ImagebuildConfig = defineValidator<types.ImagebuildConfig>(
  "ImagebuildConfig",
  schemas.ImagebuildConfigSchema,
);

/** Parses a InvocationAnswer; zod is built from the schema on first use. */
export const InvocationAnswer = defineValidator<types.InvocationAnswer>(
  "InvocationAnswer",
  schemas.InvocationAnswerSchema,
);

/** Parses a JobRecord; zod is built from the schema on first use. */
export const JobRecord = defineValidator<types.JobRecord>("JobRecord", schemas.JobRecordSchema);

/** Parses a ListEcsSpecsQuery; zod is built from the schema on first use. */
export const ListEcsSpecsQuery = defineValidator<types.ListEcsSpecsQuery>(
  "ListEcsSpecsQuery",
  schemas.ListEcsSpecsQuerySchema,
);

/** Parses a ListEcsSpecsResponse; zod is built from the schema on first use. */
export const ListEcsSpecsResponse = defineValidator<types.ListEcsSpecsResponse>(
  "ListEcsSpecsResponse",
  schemas.ListEcsSpecsResponseSchema,
);

/** Parses a ListImageLabelsQuery; zod is built from the schema on first use. */
export const ListImageLabelsQuery = defineValidator<types.ListImageLabelsQuery>(
  "ListImageLabelsQuery",
  schemas.ListImageLabelsQuerySchema,
);

/** Parses a ListImageLabelsResponse; zod is built from the schema on first use. */
export const ListImageLabelsResponse = defineValidator<types.ListImageLabelsResponse>(
  "ListImageLabelsResponse",
  schemas.ListImageLabelsResponseSchema,
);

/** Parses a ListImagesQuery; zod is built from the schema on first use. */
export const ListImagesQuery = defineValidator<types.ListImagesQuery>(
  "ListImagesQuery",
  schemas.ListImagesQuerySchema,
);

/** Parses a ListImagesResponse; zod is built from the schema on first use. */
export const ListImagesResponse = defineValidator<types.ListImagesResponse>(
  "ListImagesResponse",
  schemas.ListImagesResponseSchema,
);

/** Parses a ListJobsQuery; zod is built from the schema on first use. */
export const ListJobsQuery = defineValidator<types.ListJobsQuery>(
  "ListJobsQuery",
  schemas.ListJobsQuerySchema,
);

/** Parses a ListJobsResponse; zod is built from the schema on first use. */
export const ListJobsResponse = defineValidator<types.ListJobsResponse>(
  "ListJobsResponse",
  schemas.ListJobsResponseSchema,
);

/** Parses a PublishImageResponse; zod is built from the schema on first use. */
export const PublishImageResponse = defineValidator<types.PublishImageResponse>(
  "PublishImageResponse",
  schemas.PublishImageResponseSchema,
);

/** Parses a RequestIdResponse; zod is built from the schema on first use. */
export const RequestIdResponse = defineValidator<types.RequestIdResponse>(
  "RequestIdResponse",
  schemas.RequestIdResponseSchema,
);

/** Parses a SpecResult; zod is built from the schema on first use. */
export const SpecResult = defineValidator<types.SpecResult>("SpecResult", schemas.SpecResultSchema);

/** Parses a Spec; zod is built from the schema on first use. */
export const Spec = defineValidator<types.Spec>("Spec", schemas.SpecSchema);

/** Parses a WebhookAnswer; zod is built from the schema on first use. */
export const WebhookAnswer = defineValidator<types.WebhookAnswer>(
  "WebhookAnswer",
  schemas.WebhookAnswerSchema,
);

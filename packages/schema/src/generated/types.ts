// GENERATED, DO NOT EDIT, regenerate with `npm run generate -w @imagebuild/schema`.
// Source: packages/schema/schemas/*.schema.json
/**
 * 1 to 50 characters of lower-case letters, digits and '-', starting with a letter; unique in the workspace.
 *
 */
export type ImageName = string;
/**
 * The image reference with its tag: registry host, repository path and tag.
 *
 */
export type ImageUri = string;
/**
 * Image labels: at most 64 (a local-pai limit; see docs/decisions/local-pai-input-limits.md).
 *
 * @maxItems 64
 *
 */
export type Labels = Label[];
/**
 * The PAI workspace ID.
 *
 */
export type WorkspaceId = string;
/**
 * Visibility of the image: PUBLIC for every workspace member, PRIVATE for its creator.
 *
 */
export type Accessibility = "PUBLIC" | "PRIVATE";
/**
 */
export type SourceType = "Import" | "Build";
/**
 */
export type ImageId = string;
/**
 * What started a build, sent as the x-imagebuild-trigger header of CreateImageBuild (not signed; PAI ignores it, the local service records it for its console): push, oss, timer or cli, optionally followed by a colon and up to 256 printable ASCII characters (the commit, the object key, the schedule slot).
 *
 */
export type BuildTrigger = string;
/**
 * Idempotence token: up to 64 printable ASCII characters, case-sensitive. The same token with the same request returns the first result.
 *
 */
export type ClientToken = string;
/**
 * The region ID.
 *
 */
export type RegionId = string;
/**
 * PackageInstallation installs packages on a chosen base image; CustomDockerfile builds a free-form Dockerfile.
 *
 */
export type BuildType = "PackageInstallation" | "CustomDockerfile";
/**
 * An ACR Enterprise Edition instance ID.
 *
 */
export type AcrInstanceId = string;
/**
 * Only ACR Enterprise Edition is supported.
 *
 */
export type TargetRegistryType = "AcrEnterprise";
/**
 * DLC job status; Succeeded, Failed and Stopped are terminal.
 *
 */
export type JobStatus =
  | "Creating"
  | "Queuing"
  | "Dequeued"
  | "Bidding"
  | "EnvPreparing"
  | "SanityChecking"
  | "Running"
  | "Restarting"
  | "Stopping"
  | "SucceededReserving"
  | "FailedReserving"
  | "Succeeded"
  | "Failed"
  | "Stopped";
/**
 * Registry host and namespace; when Image.Uri is not given it is <registry>/<image-name>:<version>.
 *
 */
export type SpecRegistry = string;
/**
 * What the build-trigger function did with one spec file of a push, upload or timer tick.
 *
 */
export type SpecResult =
  | SubmittedSpec
  | NotBuiltSpec
  | FailedSpec
  | InvalidSpec
  | ErrorSpec
  | WaitingSpec;
/**
 */
export type SpecResultFile = string;
/**
 * What the build-trigger function returns for an asynchronous invocation (OSS, timer, or its own job record) it did not throw for.
 *
 */
export type InvocationAnswer =
  | ProcessedInvocation
  | RecordInvocation
  | FailedInvocation
  | RejectedInvocation;
/**
 * The name of a git provider registered in the function (github, gitlab, codeup).
 *
 */
export type GitProvider = string;
/**
 * The JSON body of the build-trigger function's answer to an HTTP-trigger event (health check or webhook delivery).
 *
 */
export type WebhookAnswer =
  | HealthAnswer
  | ErrorAnswer
  | PongAnswer
  | IgnoredAnswer
  | AcceptedAnswer
  | ProcessedPushAnswer
  | FailedPushAnswer;

/**
 * One image label; a label is its Key (the Value may be empty).
 *
 */
export interface Label {
  Key: string;
  Value?: string;
}
/**
 * The JSON body of AIWorkspace AddImageLabels (POST /api/v1/images/{ImageId}/labels): a label whose Key the image has already gets the new Value. Field names from the official SDK model aiworkspace-20210204/src/models/AddImageLabelsRequest.ts.
 *
 */
export interface AddImageLabelsRequest {
  /**
   * @minItems 1
   * @maxItems 64
   */
  Labels: [Label, ...Label[]];
}
/**
 * The body of AddImage (POST /api/v1/images).
 *
 */
export interface AddImageRequest {
  Name: ImageName;
  ImageUri: ImageUri;
  Description?: string;
  Labels?: Labels;
  WorkspaceId?: WorkspaceId;
  Accessibility?: Accessibility;
  Size?: number;
  /**
   * Generated when empty.
   */
  ImageId?: string;
  SourceType?: SourceType;
  SourceId?: string;
  UserId?: string;
}
/**
 * The response of AddImage.
 *
 */
export interface AddImageResponse {
  RequestId?: string;
  ImageId: ImageId;
}
/**
 * The parts of a Codeup push webhook payload that imagebuild reads. Codeup documents no added/modified/removed lists, so they are optional and the changed files are computed from before..after.
 *
 */
export interface CodeupPush {
  object_kind?: string;
  ref: string;
  before: string;
  after: string;
  checkout_sha?: string | null;
  project_id?: number;
  project?: {
    path_with_namespace: string;
    git_http_url?: string;
  };
  repository: {
    name?: string;
    url?: string;
    git_http_url?: string;
    homepage?: string;
  };
  total_commits_count?: number;
  commits?: {
    id: string;
    added?: string[];
    removed?: string[];
    modified?: string[];
  }[];
}
/**
 * The query string of CreateImageBuild.
 *
 */
export interface CreateImageBuildQuery {
  ClientToken?: ClientToken;
}
/**
 * Metadata of the image the build produces.
 *
 */
export interface Image {
  Name: ImageName;
  Description?: string;
  Uri: ImageUri;
  Labels?: Labels;
}
/**
 * Credentials for one registry.
 *
 */
export interface RegistryAuth {
  /**
   * base64 of 'user:password'.
   */
  Auth: string;
}
/**
 * Registry host to credentials, used to pull base images from registries the account does not own.
 *
 */
export interface RegistryAuths {
  [k: string]: RegistryAuth | undefined;
}
/**
 * What to build.
 *
 */
export interface BuildConfig {
  /**
   * The Dockerfile content.
   */
  Dockerfile: string;
  BuildType: BuildType;
  RegistryAuths?: RegistryAuths;
}
/**
 * Subscription resources; empty for the public resource group.
 *
 */
export interface ResourceConfig {
  CPU?: string;
  Memory?: string;
}
/**
 * The resources that run the build: EcsSpec for the public resource group, or ResourceId, ResourceType and ResourceConfig for subscription resources.
 *
 */
export interface Resource {
  EcsSpec?: string;
  ResourceConfig?: ResourceConfig;
  ResourceId?: string;
  ResourceType?: "Lingjun";
}
/**
 * The user's VPC, for reaching an ACR Enterprise Edition instance.
 *
 */
export interface UserVpc {
  VpcId?: string;
  SwitchId?: string;
  SecurityGroupId?: string;
  ExtendedCidrs?: string[];
  DefaultRoute?: string;
}
/**
 * The registry the image is pushed to.
 *
 */
export interface TargetRegistry {
  InstanceId?: AcrInstanceId;
  Type: TargetRegistryType;
}
/**
 * The JSON body of PAI AIWorkspace CreateImageBuild (POST /api/v1/imagebuilds, version 2021-02-04). ClientToken travels in the query, not here.
 *
 */
export interface CreateImageBuildRequest {
  Accessibility?: Accessibility;
  WorkspaceId: WorkspaceId;
  Resource: Resource;
  UserVpc?: UserVpc;
  TargetRegistry: TargetRegistry;
  /**
   * Whether an existing tag in the target repository may be replaced.
   */
  OverwriteImageTag?: boolean;
  BuildConfig: BuildConfig;
  RegionId?: RegionId;
  /**
   * A name for the build task.
   */
  ImageBuildJobName?: string;
  Image: Image;
}
/**
 * The response body of CreateImageBuild.
 *
 */
export interface CreateImageBuildResponse {
  /**
   * Not in the SDK model; the local service sends it.
   */
  RequestId?: string;
  ImageBuildId: string;
  /**
   * The DLC job that runs the build.
   */
  ImageBuildJobId: string;
}
/**
 * The response of PAI-DLC DeleteJob (DELETE /api/v1/jobs/{JobId}). Field names from the official SDK model pai-dlc-20201203/src/models/DeleteJobResponseBody.ts.
 *
 */
export interface DeleteJobResponse {
  RequestId?: string;
  JobId: string;
}
/**
 */
export interface StatusTransition {
  Status: JobStatus;
  Time: string;
  ReasonCode?: string;
  ReasonMessage?: string;
  /**
   * When the job entered Status (the SDK's StatusTransitionItem name; equal to Time).
   */
  StartTime?: string;
  /**
   * When the job left Status; absent for the current one.
   */
  EndTime?: string;
}
/**
 * One pod of a job (GetJobResponseBodyPods in the SDK).
 *
 */
export interface Pod {
  PodId: string;
  PodUid?: string;
  Type?: string;
  Status: string;
  SubStatus?: string;
  Ip?: string;
  NodeName?: string;
  GmtCreateTime?: string;
  GmtStartTime?: string;
  GmtFinishTime?: string;
  Duration?: number;
  ResourceType?: string;
}
/**
 * The response of PAI-DLC GetJob (GET /api/v1/jobs/{JobId}, version 2020-12-03) and an item of ListJobs: the job that runs an image build. Field names from the official SDK models pai-dlc-20201203/src/models/GetJobResponseBody.ts and JobItem.ts.
 *
 */
export interface DlcJob {
  RequestId?: string;
  JobId: string;
  DisplayName?: string;
  JobType?: string;
  WorkspaceId?: string;
  Status: JobStatus;
  SubStatus?: string;
  ReasonCode?: string;
  ReasonMessage?: string;
  GmtCreateTime?: string;
  GmtRunningTime?: string;
  GmtFinishTime?: string;
  StatusHistory?: StatusTransition[];
  UserId?: string;
  /**
   * Seconds from GmtRunningTime to GmtFinishTime (or now).
   */
  Duration?: number;
  /**
   * A build job has one pod.
   */
  Pods?: Pod[];
}
/**
 * The body of a failed PAI call (HTTP 4xx or 5xx).
 *
 */
export interface ErrorEnvelope {
  RequestId?: string;
  HostId?: string;
  Code: string;
  Message: string;
  Recommend?: string;
}
/**
 * A Function Compute 3.0 HTTP-trigger event as an event handler receives it (JSON in a Buffer). Repeated headers and query keys are joined with commas.
 *
 */
export interface FcHttpEvent {
  version: "v1";
  /**
   * URL-encoded path.
   */
  rawPath: string;
  /**
   * The body; base64 when isBase64Encoded.
   */
  body?: string;
  isBase64Encoded?: boolean;
  headers: {
    [k: string]: string | undefined;
  };
  queryParameters?: {
    [k: string]: string | undefined;
  };
  requestContext: {
    accountId?: string;
    domainName?: string;
    domainPrefix?: string;
    requestId: string;
    time?: string;
    /**
     * Milliseconds since the epoch, as a string.
     */
    timeEpoch?: string;
    triggerId?: string;
    http: {
      method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";
      /**
       * The decoded path.
       */
      path: string;
      protocol?: string;
      sourceIp?: string;
      userAgent?: string;
    };
  };
}
/**
 * What an event handler returns for an HTTP-trigger event.
 *
 */
export interface FcHttpResponse {
  statusCode: number;
  headers?: {
    [k: string]: string | undefined;
  };
  isBase64Encoded?: boolean;
  body: string;
}
/**
 * A Function Compute OSS-trigger event: one or more object notifications. eventName has no 'oss:' prefix.
 *
 */
export interface FcOssEvent {
  /**
   * @minItems 1
   */
  events: [
    {
      eventName: string;
      eventSource: "acs:oss";
      eventTime?: string;
      eventVersion?: string;
      region: string;
      oss: {
        bucket: {
          arn?: string;
          name: string;
          ownerIdentity?: string;
          virtualBucket?: string;
        };
        object: {
          key: string;
          eTag?: string;
          size?: number;
          deltaSize?: number;
          versionId?: string;
        };
        ossSchemaVersion?: string;
        ruleId?: string;
      };
      requestParameters?: {
        sourceIPAddress?: string;
      };
      responseElements?: {
        requestId?: string;
      };
      userIdentity?: {
        principalId?: string;
      };
    },
    ...{
      eventName: string;
      eventSource: "acs:oss";
      eventTime?: string;
      eventVersion?: string;
      region: string;
      oss: {
        bucket: {
          arn?: string;
          name: string;
          ownerIdentity?: string;
          virtualBucket?: string;
        };
        object: {
          key: string;
          eTag?: string;
          size?: number;
          deltaSize?: number;
          versionId?: string;
        };
        ossSchemaVersion?: string;
        ruleId?: string;
      };
      requestParameters?: {
        sourceIPAddress?: string;
      };
      responseElements?: {
        requestId?: string;
      };
      userIdentity?: {
        principalId?: string;
      };
    }[],
  ];
}
/**
 * A Function Compute timer-trigger event. payload is the configured string, passed verbatim.
 *
 */
export interface FcTimerEvent {
  triggerTime: string;
  triggerName: string;
  payload?: string;
}
/**
 * The response of GetImage (GET /api/v1/images/{ImageId}): the image fields without ImageId.
 *
 */
export interface GetImageResponse {
  RequestId?: string;
  Name: string;
  Description?: string;
  ImageUri: string;
  Labels?: Labels;
  Accessibility?: Accessibility;
  WorkspaceId?: string;
  UserId?: string;
  ParentUserId?: string;
  Size?: number;
  SourceId?: string;
  SourceType?: SourceType;
  GmtCreateTime?: string;
  GmtModifiedTime?: string;
}
/**
 * The query string of PAI-DLC GetJobEvents (GET /api/v1/jobs/{JobId}/events). Field names from the official SDK model pai-dlc-20201203/src/models/GetJobEventsRequest.ts.
 *
 */
export interface GetJobEventsQuery {
  /**
   * ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.
   */
  StartTime?: string;
  /**
   * ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.
   */
  EndTime?: string;
  /**
   * Default 2000.
   */
  MaxEventsNum?: string;
}
/**
 * The response of PAI-DLC GetJobEvents. Field names from the official SDK model pai-dlc-20201203/src/models/GetJobEventsResponseBody.ts.
 *
 */
export interface GetJobEventsResponse {
  RequestId?: string;
  JobId: string;
  Events: string[];
}
/**
 * The query string of PAI-DLC GetJob (GET /api/v1/jobs/{JobId}). Field names from the official SDK model pai-dlc-20201203/src/models/GetJobRequest.ts.
 *
 */
export interface GetJobQuery {
  NeedDetail?: "true" | "false";
}
/**
 * The query string of PAI-DLC GetPodEvents (GET /api/v1/jobs/{JobId}/pods/{PodId}/events). Field names from the official SDK model pai-dlc-20201203/src/models/GetPodEventsRequest.ts.
 *
 */
export interface GetPodEventsQuery {
  /**
   * ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.
   */
  StartTime?: string;
  /**
   * ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.
   */
  EndTime?: string;
  /**
   * Default 2000.
   */
  MaxEventsNum?: string;
  PodUid?: string;
}
/**
 * The response of PAI-DLC GetPodEvents. Field names from the official SDK model pai-dlc-20201203/src/models/GetPodEventsResponseBody.ts.
 *
 */
export interface GetPodEventsResponse {
  RequestId?: string;
  JobId: string;
  PodId: string;
  PodUid?: string;
  Events: string[];
}
/**
 * The query string of PAI-DLC GetPodLogs (GET /api/v1/jobs/{JobId}/pods/{PodId}/logs). Field names from the official SDK model pai-dlc-20201203/src/models/GetPodLogsRequest.ts.
 *
 */
export interface GetPodLogsQuery {
  DownloadToFile?: "true" | "false";
  /**
   * ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.
   */
  StartTime?: string;
  /**
   * ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.
   */
  EndTime?: string;
  /**
   * The last MaxLines lines; default 2000.
   */
  MaxLines?: string;
  PodUid?: string;
}
/**
 * The response of PAI-DLC GetPodLogs. Field names from the official SDK model pai-dlc-20201203/src/models/GetPodLogsResponseBody.ts.
 *
 */
export interface GetPodLogsResponse {
  RequestId?: string;
  JobId: string;
  PodId: string;
  PodUid?: string;
  Logs: string[];
}
/**
 * The parts of a GitHub push webhook payload that imagebuild reads.
 *
 */
export interface GithubPush {
  ref: string;
  before: string;
  after: string;
  deleted?: boolean;
  forced?: boolean;
  repository: {
    full_name: string;
    clone_url?: string;
  };
  commits: {
    id: string;
    added?: string[];
    removed?: string[];
    modified?: string[];
  }[];
}
/**
 * The parts of a Gitlab push webhook payload that imagebuild reads.
 *
 */
export interface GitlabPush {
  object_kind?: string;
  ref: string;
  before: string;
  after: string;
  checkout_sha?: string | null;
  project_id?: number;
  project: {
    path_with_namespace: string;
    git_http_url?: string;
  };
  repository: {
    name?: string;
    url?: string;
    git_http_url?: string;
    homepage?: string;
  };
  total_commits_count?: number;
  commits?: {
    id: string;
    added?: string[];
    removed?: string[];
    modified?: string[];
  }[];
}
/**
 * One image in a workspace's image list (an item of ListImages).
 *
 */
export interface WorkspaceImage {
  ImageId: ImageId;
  Name: string;
  Description?: string;
  ImageUri: string;
  Labels?: Labels;
  Accessibility?: Accessibility;
  WorkspaceId?: string;
  UserId?: string;
  ParentUserId?: string;
  /**
   * Image size in bytes.
   */
  Size?: number;
  /**
   * The image build ID when SourceType is Build.
   */
  SourceId?: string;
  SourceType?: SourceType;
  GmtCreateTime?: string;
  GmtModifiedTime?: string;
}
/**
 * Where one environment's builds go. IMAGEBUILD_ENDPOINT or IMAGEBUILD_REGION in the environment replace endpoint and region.
 *
 */
export interface ConfigEnvironment {
  /**
   * One base URL for both PAI APIs, e.g. the local service; used instead of the region's endpoints.
   */
  endpoint?: string;
  /**
   * The Alibaba Cloud region whose PAI endpoints are used when no endpoint is given.
   */
  region?: string;
  /**
   * The PAI workspace ID.
   */
  workspace?: string;
  /**
   * Registry host and namespace for specs that set no registry in this environment.
   */
  registry?: string;
  /**
   * The aliyun CLI profile (~/.aliyun/config.json) that signs requests when no ALIBABA_CLOUD_ACCESS_KEY_ID is set; ALIBABA_CLOUD_PROFILE overrides it.
   */
  profile?: string;
}
/**
 * imagebuild.config.yaml at the repository root: the environment commands use by default, where the specs live, and per environment the endpoint, workspace, registry and credentials profile. Command-line flags beat environment variables, which beat this file.
 *
 */
export interface ImagebuildConfig {
  /**
   * The environment of commands that act in one environment (build, render, status, images, builds, logs, stop) when neither --env nor IMAGEBUILD_ENV is given. validate and plan still check every environment unless one is named.
   */
  defaultEnv?: string;
  /**
   * The specs folder, relative to this file (default specs). --dir overrides it.
   */
  specsDir?: string;
  /**
   * Settings by environment name (the names the specs' environments overlays use).
   */
  environments?: {
    [k: string]: ConfigEnvironment | undefined;
  };
}
/**
 * One result per object (OSS) or per selected spec (timer; slot is the tick).
 *
 */
export interface ProcessedInvocation {
  status: "processed";
  slot?: string;
  results: SpecResult[];
  /**
   * A base-change tick (timer payload select base-change): the on-base-change specs it rebuilt, found unchanged, could not compare (never built, or no base digests recorded) or failed on.
   */
  baseChanges?: {
    rebuilt: string[];
    unchanged: string[];
    unknown: string[];
    failed: string[];
  };
}
/**
 * CreateImageBuild was called (or its ClientToken matched an earlier build).
 *
 */
export interface SubmittedSpec {
  file: SpecResultFile;
  status: "submitted";
  imageBuildId: string;
  jobId: string;
  clientToken: string;
  /**
   * Which build attempt of this content and slot the job is: 1 the first, one more after each Failed or Stopped build.
   */
  attempt?: number;
  replay?: EarlierJob;
  rebuildOf?: EarlierJob1;
  finalStatus?: "Succeeded" | "Failed" | "Stopped";
  reason?: string;
}
/**
 * Set when the service answered with an earlier build of the same ClientToken: nothing new was started.
 */
export interface EarlierJob {
  jobId: string;
  status: string;
  /**
   * When the job ended (GmtFinishTime), or was created if it still runs (GmtCreateTime).
   */
  at: string;
  reason?: string;
}
/**
 * Set when this build is a new attempt because the previous one ended Failed or Stopped.
 */
export interface EarlierJob1 {
  jobId: string;
  status: string;
  /**
   * When the job ended (GmtFinishTime), or was created if it still runs (GmtCreateTime).
   */
  at: string;
  reason?: string;
}
/**
 * Nothing was built for the file: skipped (absent, already built), removed, not a spec, or blocked (a base did not succeed).
 *
 */
export interface NotBuiltSpec {
  file: SpecResultFile;
  status: "skipped" | "removed" | "ignored" | "blocked";
  reason: string;
}
/**
 * CreateImageBuild failed for the file.
 *
 */
export interface FailedSpec {
  file: SpecResultFile;
  status: "failed";
  error: {
    code: string;
    message: string;
    retryable: boolean;
  };
}
/**
 * The spec did not validate; each problem names the file and field.
 *
 */
export interface InvalidSpec {
  file: SpecResultFile;
  status: "invalid";
  problems: string[];
}
/**
 * The spec could not be read (401, 403, 404 on a private repository, a missing token, a wrong API root): never reported as skipped.
 *
 */
export interface ErrorSpec {
  file: SpecResultFile;
  status: "error";
  code: string;
  reason: string;
}
/**
 * Not submitted yet: waits for its bases' builds.
 *
 */
export interface WaitingSpec {
  file: SpecResultFile;
  status: "waiting";
  reason: string;
  bases: SpecResultFile[];
}
/**
 * A failure a retry cannot fix (retryable ones throw, so Function Compute retries).
 *
 */
export interface FailedInvocation {
  status: "failed";
  error: {
    code: string;
    message: string;
  };
}
/**
 * The event or the function's settings did not parse.
 *
 */
export interface RejectedInvocation {
  status: "rejected";
  error: string;
}
/**
 * A job record was worked on: `dispatched` (its specs submitted; a follow record carries the jobs on), `followed` (every job terminal), `following` (some still running; the next follow record goes on), `gave-up` (the follow limit passed).
 *
 */
export interface RecordInvocation {
  status: "dispatched" | "following" | "followed" | "gave-up";
  delivery: string;
  part: number;
  parts: number;
  commit?: string;
  results: SpecResult[];
  note?: string;
}
/**
 * A build's DLC job as GetJob showed it when the service replayed its ClientToken.
 *
 */
export interface EarlierJob2 {
  jobId: string;
  status: string;
  /**
   * When the job ended (GmtFinishTime), or was created if it still runs (GmtCreateTime).
   */
  at: string;
  reason?: string;
}
/**
 * A spec file waiting for the builds of the spec files it is built on.
 *
 */
export interface WaitingFile {
  file: string;
  /**
   * @maxItems 50
   */
  bases: string[];
}
/**
 * One submitted build to follow: its spec file, DLC job and image build.
 *
 */
export interface FollowedJob {
  file: string;
  jobId: string;
  imageBuildId: string;
  clientToken: string;
}
/**
 * The payload of the build-trigger function's asynchronous invocation of itself (FC InvokeFunction, x-fc-invocation-type Async): a verified push reduced to what the worker needs. `dispatch` reads and builds `files`; `follow` polls `jobs` until each is terminal. Well under FC's 128 KB async limit: at most 50 files or jobs per record, never the webhook body.
 *
 */
export interface JobRecord {
  record: "imagebuild/job-record/v1";
  phase: "dispatch" | "follow";
  /**
   * The delivery key the HTTP answer named (the host's delivery id, or the content).
   */
  delivery: string;
  provider: string;
  repository: string;
  branch: string;
  before: string;
  after: string;
  /**
   * This record's index among the delivery's records, from 0.
   */
  part: number;
  /**
   * How many records the delivery was split into.
   */
  parts: number;
  truncated?: boolean;
  /**
   * dispatch: the spec files of this part to read at `after` and build.
   *
   * @maxItems 50
   */
  files?: string[];
  /**
   * dispatch, part 0 only: spec files the push removed (reported, nothing built).
   *
   * @maxItems 50
   */
  removed?: string[];
  /**
   * follow: the submitted builds still to follow.
   *
   * @maxItems 50
   */
  jobs?: FollowedJob[];
  /**
   * When the HTTP trigger accepted the delivery (ISO 8601, UTC).
   */
  acceptedAt: string;
  /**
   * follow: when following started; the follow limit counts from here.
   */
  followSince?: string;
  /**
   * follow: how many follow invocations came before this one.
   */
  round?: number;
  /**
   * follow: specs built on specs of this push, submitted once every base in `bases` succeeded.
   *
   * @maxItems 50
   */
  waiting?: WaitingFile[];
  /**
   * follow: spec files of this record whose builds succeeded in earlier rounds.
   *
   * @maxItems 50
   */
  succeeded?: string[];
}
/**
 * The query string of PAI-DLC ListEcsSpecs (GET /api/v1/ecsspecs). Field names from the official SDK model pai-dlc-20201203/src/models/ListEcsSpecsRequest.ts.
 *
 */
export interface ListEcsSpecsQuery {
  AcceleratorType?: "CPU" | "GPU";
  /**
   * Comma-separated instance types.
   */
  InstanceTypes?: string;
  /**
   * Default asc.
   */
  Order?: "desc" | "asc" | "DESC" | "ASC";
  PageNumber?: string;
  /**
   * 1 to 100; default 10.
   */
  PageSize?: string;
  ResourceType?: "ECS" | "Lingjun";
  SortBy?: "CPU" | "GPU" | "Memory" | "GmtCreateTime";
}
/**
 * One ECS instance type.
 *
 */
export interface EcsSpec {
  AcceleratorType?: string;
  Cpu?: number;
  DefaultGPUDriver?: string;
  Gpu?: number;
  GpuMemory?: number;
  GpuType?: string;
  InstanceType: string;
  IsAvailable?: boolean;
  /**
   * GiB.
   */
  Memory?: number;
  NonProtectSpotDiscount?: number;
  PaymentTypes?: string[];
  ResourceType?: string;
  SpotStockStatus?: string;
  SupportedGPUDrivers?: string[];
}
/**
 * The response of PAI-DLC ListEcsSpecs. Field names from the official SDK model pai-dlc-20201203/src/models/ListEcsSpecsResponseBody.ts (items: EcsSpec.ts).
 *
 */
export interface ListEcsSpecsResponse {
  RequestId?: string;
  TotalCount: number;
  EcsSpecs: EcsSpec[];
}
/**
 * The query string of AIWorkspace ListImageLabels (GET /api/v1/image/labels, version 2021-02-04). Field names from the official SDK model aiworkspace-20210204/src/models/ListImageLabelsRequest.ts.
 *
 */
export interface ListImageLabelsQuery {
  ImageId?: string;
  /**
   * Comma-separated key=value pairs; only images with every pair count.
   */
  LabelFilter?: string;
  /**
   * Comma-separated keys; only these keys are listed.
   */
  LabelKeys?: string;
  Region?: string;
  WorkspaceId?: string;
}
/**
 * The response of AIWorkspace ListImageLabels. Field names from the official SDK model aiworkspace-20210204/src/models/ListImageLabelsResponseBody.ts.
 *
 */
export interface ListImageLabelsResponse {
  RequestId?: string;
  TotalCount: number;
  Labels: {
    Key: string;
    Value?: string;
  }[];
}
/**
 * The query string of ListImages (GET /api/v1/images). Values arrive as strings.
 *
 */
export interface ListImagesQuery {
  WorkspaceId?: WorkspaceId;
  /**
   * Fuzzy match on the name.
   */
  Name?: string;
  /**
   * Fuzzy match on name and description.
   */
  Query?: string;
  /**
   * Comma-separated Key=Value pairs; every pair must match. At most 64 pairs (the local service answers 400 naming Labels beyond that).
   */
  Labels?: string;
  Accessibility?: Accessibility;
  ImageUri?: string;
  /**
   * true adds Labels to each item.
   */
  Verbose?: "true" | "false";
  /**
   * From 1; default 1.
   */
  PageNumber?: string;
  /**
   * 1 to 100; default 20.
   */
  PageSize?: string;
  SortBy?: "GmtCreateTime";
  /**
   * Default ASC.
   */
  Order?: "ASC" | "DESC";
}
/**
 * The response of ListImages.
 *
 */
export interface ListImagesResponse {
  RequestId?: string;
  TotalCount: number;
  Images: WorkspaceImage[];
}
/**
 * The query string of PAI-DLC ListJobs (GET /api/v1/jobs, version 2020-12-03). Values arrive as strings. Field names from the official SDK model pai-dlc-20201203/src/models/ListJobsRequest.ts.
 *
 */
export interface ListJobsQuery {
  Accessibility?: string;
  BusinessUserId?: string;
  Caller?: string;
  Description?: string;
  DisplayName?: string;
  /**
   * Default wildcard.
   */
  DisplayNameSearchMode?: "wildcard" | "exact";
  EnableAssignNode?: string;
  /**
   * Jobs created at or before; default now.
   */
  EndTime?: string;
  FromAllWorkspaces?: "true" | "false";
  ImageSearch?: string;
  JobId?: string;
  /**
   * Job ids separated by commas; JobId wins when both are given.
   */
  JobIds?: string;
  JobType?: string;
  NumericRangeField?: string;
  NumericRangeMax?: string;
  NumericRangeMin?: string;
  /**
   * Default desc.
   */
  Order?: "desc" | "asc" | "DESC" | "ASC";
  OversoldInfo?: string;
  /**
   * From 1; default 1.
   */
  PageNumber?: string;
  /**
   * 1 to 100; default 50.
   */
  PageSize?: string;
  PaymentType?: string;
  PipelineId?: string;
  ReasonSearch?: string;
  ResourceId?: string;
  ResourceIds?: string;
  ResourceQuotaName?: string;
  ShowOwn?: "true" | "false";
  SortBy?: "DisplayName" | "JobType" | "Status" | "GmtCreateTime" | "GmtFinishTime";
  /**
   * Jobs created at or after; with EndTime absent too, the last 7 days.
   */
  StartTime?: string;
  /**
   * One DLC status, or several separated by commas.
   */
  Status?: string;
  /**
   * A JSON object of tag keys and values (the SDK sends the map as JSON).
   */
  Tags?: string;
  TemplateId?: string;
  TimeRangeField?: string;
  UserCommandSearch?: string;
  UserIdForFilter?: string;
  Username?: string;
  WorkspaceId?: string;
}
/**
 * The response of PAI-DLC ListJobs. Field names from the official SDK model pai-dlc-20201203/src/models/ListJobsResponseBody.ts (items: JobItem.ts).
 *
 */
export interface ListJobsResponse {
  RequestId?: string;
  TotalCount: number;
  Jobs: DlcJob[];
}
/**
 * The response of AIWorkspace PublishImage (PUT /api/v1/images/{ImageId}/publish). Field names from the official SDK model aiworkspace-20210204/src/models/PublishImageResponseBody.ts.
 *
 */
export interface PublishImageResponse {
  RequestId?: string;
  ImageId: string;
}
/**
 * A response that carries only its RequestId: RemoveImage, StopJob, AddImageLabels and RemoveImageLabels.
 *
 */
export interface RequestIdResponse {
  RequestId?: string;
}
/**
 * CreateImageBuild body fields; any may come from defaults or an overlay.
 *
 */
export interface SpecBuild {
  Accessibility?: Accessibility;
  WorkspaceId?: WorkspaceId;
  Resource?: Resource;
  UserVpc?: UserVpc;
  TargetRegistry?: SpecTargetRegistry;
  RegionId?: RegionId;
  ImageBuildJobName?: string;
  Image?: SpecImage;
  BuildConfig?: SpecBuildConfig;
  /**
   * Build arguments: each sets the default of the Dockerfile's ARG of that name. Literal values only.
   */
  args?: {
    [k: string]: string | undefined;
  };
}
/**
 * TargetRegistry fields; Type may come from defaults, so an overlay can set only InstanceId. The layered request requires Type.
 *
 */
export interface SpecTargetRegistry {
  InstanceId?: AcrInstanceId;
  Type?: TargetRegistryType;
}
/**
 * Image metadata. Name defaults to the folder name and Uri to <registry>/<Name>:<version>.
 *
 */
export interface SpecImage {
  Name?: ImageName;
  Description?: string;
  Uri?: ImageUri;
  Labels?: Labels;
}
/**
 * CustomDockerfile: Dockerfile inline or DockerfileFile beside the spec. PackageInstallation: Packages, rendered into a Dockerfile.
 *
 */
export interface SpecBuildConfig {
  BuildType?: BuildType;
  Dockerfile?: string;
  /**
   * A file in the spec's folder holding the Dockerfile.
   */
  DockerfileFile?: string;
  Packages?: SpecPackages;
  /**
   * Registry host to a credential reference, resolved at dispatch. Never a literal credential.
   */
  RegistryAuths?: {
    [k: string]: CredentialRef | undefined;
  };
}
/**
 * A base image and package lists in each package manager's own syntax. The lint rule package-syntax reads every entry with a parser of that syntax (PEP 508 for Pip, conda match specs, apt-get's name[:arch][=version|/release]); entries reach the package manager as arguments, never through a shell.
 *
 */
export interface SpecPackages {
  /**
   * Base image with an explicit tag.
   */
  Base: string;
  /**
   * apt-get install arguments: name, name:arch, name=version (a Debian version) or name/release.
   *
   * @maxItems 500
   */
  Apt?: string[];
  /**
   * PEP 508 requirements: name, [extras], version clauses (~= == != <= >= < > ===, comma-separated), ; environment marker. No URLs or direct references.
   *
   * @maxItems 500
   */
  Pip?: string[];
  /**
   * conda match specs: [channel::]name, then a version (=1.2, >=1.2,<2, 1.2.*) and a build string (after a space or as name=version=build).
   *
   * @maxItems 500
   */
  Conda?: string[];
}
/**
 * Where a registry credential ('user:password') is found at dispatch: a secret name (the env var IMAGEBUILD_SECRET_<NAME>), or that variable itself (fromEnv: IMAGEBUILD_SECRET_<NAME>; any other variable is a secret-scope error). The secret must be bound to this registry host in IMAGEBUILD_SECRET_HOSTS where the build runs.
 *
 */
export interface CredentialRef {
  fromEnv?: string;
  secret?: string;
}
/**
 * When and how a version is rebuilt.
 *
 */
export interface SpecPolicy {
  /**
   * A 6-field cron (seconds first), UTC, for scheduled rebuilds.
   */
  schedule?: string;
  /**
   * immutable: built once, never replaced; overwrite: rebuilds replace the tag; dated: rebuilds push <version>-<yyyymmdd>.
   */
  tag?: "immutable" | "overwrite" | "dated";
  /**
   * with-base: rebuilt after a spec it is built on is built; on-base-change: that too, and rebuilt by the base-change timer when the registry digest of a base it was built on changes (needs tag overwrite or dated); never (default).
   */
  rebuild?: "never" | "with-base" | "on-base-change";
}
/**
 * What an environment replaces: registry, workspace, resources and any other build field.
 *
 */
export interface SpecOverlay {
  registry?: SpecRegistry;
  build?: SpecBuild;
}
/**
 * An imagebuild/v1 file: an image version (kind ImageBuild, at specs/<image-name>/<version>.yaml) or layered defaults (kind Defaults, in a _defaults.yaml). Build fields use the CreateImageBuild vocabulary; fields may come from defaults and environment overlays, so the request is checked in full only after layering.
 *
 */
export interface Spec {
  apiVersion: "imagebuild/v1";
  /**
   * ImageBuild for an image version, Defaults for a _defaults.yaml.
   */
  kind: "ImageBuild" | "Defaults";
  description?: string;
  registry?: SpecRegistry;
  build?: SpecBuild;
  policy?: SpecPolicy;
  /**
   * Overlays by environment name (--env NAME), applied after all defaults.
   */
  environments?: {
    [k: string]: SpecOverlay | undefined;
  };
}
/**
 * GET /healthz.
 *
 */
export interface HealthAnswer {
  status: "ok";
}
/**
 * A request the function refused (4xx) or could not handle (500).
 *
 */
export interface ErrorAnswer {
  error: string;
  message: string;
  issues?: unknown[];
}
/**
 * A provider's ping event.
 *
 */
export interface PongAnswer {
  status: "pong";
  provider: GitProvider;
}
/**
 * A verified delivery with nothing to build (another branch, a tag, a non-push event).
 *
 */
export interface IgnoredAnswer {
  status: "ignored";
  reason: string;
}
/**
 * The verified push was handed to asynchronous invocations of the function (job records); results are reported by the worker. `specs` counts the spec files to build, `records` the invocations.
 *
 */
export interface AcceptedAnswer {
  status: "accepted";
  delivery: string;
  commit: string;
  note: string;
  records?: number;
  specs?: number;
  /**
   * Function Compute already had these records (a redelivery of the same delivery id).
   */
  duplicate?: boolean;
}
/**
 * The push was dispatched: one result per announced spec file.
 *
 */
export interface ProcessedPushAnswer {
  status: "processed";
  delivery: string;
  repository: string;
  branch: string;
  commit: string;
  truncated: boolean;
  results: SpecResult[];
}
/**
 * The push could not be dispatched (503 when a redelivery can help, else 422).
 *
 */
export interface FailedPushAnswer {
  status: "failed";
  delivery: string;
  repository: string;
  branch: string;
  commit: string;
  truncated: boolean;
  error: string;
  /**
   * One `error` result per spec the push announced, when the failure was reading them.
   */
  results?: SpecResult[];
}

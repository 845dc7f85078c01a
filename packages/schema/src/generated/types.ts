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
 * One image label; a label is its Key (the Value may be empty).
 *
 */
export interface Label {
  Key: string;
  Value?: string;
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
 */
export interface StatusTransition {
  Status: JobStatus;
  Time: string;
  ReasonCode?: string;
  ReasonMessage?: string;
}
/**
 * The response of PAI-DLC GetJob (GET /api/v1/jobs/{JobId}, version 2020-12-03): the job that runs an image build.
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
 * A response that carries only its RequestId: RemoveImage and StopJob.
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
 * A base image and package lists; names are checked against strict patterns so nothing can be injected into the rendered Dockerfile.
 *
 */
export interface SpecPackages {
  /**
   * Base image with an explicit tag.
   */
  Base: string;
  /**
   * @maxItems 500
   */
  Apt?: string[];
  /**
   * @maxItems 500
   */
  Pip?: string[];
  /**
   * @maxItems 500
   */
  Conda?: string[];
}
/**
 * Where a registry credential ('user:password') is found at dispatch: an environment variable, or a secret name (the env var IMAGEBUILD_SECRET_<NAME>).
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

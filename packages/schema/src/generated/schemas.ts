// GENERATED, DO NOT EDIT, regenerate with `npm run generate -w @imagebuild/schema`.
// Source: packages/schema/schemas/*.schema.json

/** add-image-labels-request.schema.json, bundled. */
export const AddImageLabelsRequestSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/add-image-labels-request.schema.json",
  title: "AddImageLabelsRequest",
  description:
    "The JSON body of AIWorkspace AddImageLabels (POST /api/v1/images/{ImageId}/labels): a label whose Key the image has already gets the new Value. Field names from the official SDK model aiworkspace-20210204/src/models/AddImageLabelsRequest.ts.",
  type: "object",
  required: ["Labels"],
  additionalProperties: false,
  properties: {
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      minItems: 1,
      maxItems: 64,
    },
  },
  examples: [
    {
      Labels: [
        {
          Key: "stage",
          Value: "released",
        },
      ],
    },
  ],
  $defs: {
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      description: "One image label; a label is its Key (the Value may be empty).",
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
          examples: ["key1"],
        },
        Value: {
          type: "string",
          maxLength: 256,
          examples: ["value1"],
        },
      },
      examples: [
        {
          Key: "key1",
          Value: "value1",
        },
      ],
    },
  },
} as const;

/** add-image-request.schema.json, bundled. */
export const AddImageRequestSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/add-image-request.schema.json",
  title: "AddImageRequest",
  description: "The body of AddImage (POST /api/v1/images).",
  type: "object",
  required: ["Name", "ImageUri"],
  additionalProperties: false,
  properties: {
    Name: {
      $ref: "#/$defs/ImageName",
    },
    ImageUri: {
      $ref: "#/$defs/ImageUri",
    },
    Description: {
      type: "string",
      maxLength: 1024,
    },
    Labels: {
      $ref: "#/$defs/Labels",
    },
    WorkspaceId: {
      $ref: "#/$defs/WorkspaceId",
    },
    Accessibility: {
      $ref: "#/$defs/Accessibility",
    },
    Size: {
      type: "integer",
      minimum: 0,
    },
    ImageId: {
      type: "string",
      pattern: "^image-[A-Za-z0-9]{18}$",
      description: "Generated when empty.",
    },
    SourceType: {
      $ref: "#/$defs/SourceType",
    },
    SourceId: {
      type: "string",
    },
    UserId: {
      type: "string",
    },
  },
  examples: [
    {
      Name: "my-image",
      ImageUri: "127.0.0.1:5000/pai/my-image:1.0",
      WorkspaceId: "12345",
    },
  ],
  $defs: {
    ImageName: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]{0,49}$",
      description:
        "1 to 50 characters of lower-case letters, digits and '-', starting with a letter; unique in the workspace.",
      examples: ["pytorch-train"],
    },
    ImageUri: {
      type: "string",
      minLength: 3,
      maxLength: 512,
      pattern:
        "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?/[a-z0-9]+([._/-][a-z0-9]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
      description: "The image reference with its tag: registry host, repository path and tag.",
      examples: ["user-test-registry-vpc.cn-wulanchabu.cr.aliyuncs.com/pai-test/pai-test:test-v1"],
    },
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      description: "One image label; a label is its Key (the Value may be empty).",
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
          examples: ["key1"],
        },
        Value: {
          type: "string",
          maxLength: 256,
          examples: ["value1"],
        },
      },
      examples: [
        {
          Key: "key1",
          Value: "value1",
        },
      ],
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
      description:
        "Image labels: at most 64 (a local-pai limit; see docs/decisions/local-pai-input-limits.md).",
    },
    WorkspaceId: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      description: "The PAI workspace ID.",
      examples: ["12345"],
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
      description:
        "Visibility of the image: PUBLIC for every workspace member, PRIVATE for its creator.",
      examples: ["PRIVATE"],
    },
    SourceType: {
      type: "string",
      enum: ["Import", "Build"],
      examples: ["Build"],
    },
  },
} as const;

/** add-image-response.schema.json, bundled. */
export const AddImageResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/add-image-response.schema.json",
  title: "AddImageResponse",
  description: "The response of AddImage.",
  type: "object",
  required: ["ImageId"],
  properties: {
    RequestId: {
      type: "string",
    },
    ImageId: {
      $ref: "#/$defs/ImageId",
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
      ImageId: "image-4c62abcdefghij53uo",
    },
  ],
  $defs: {
    ImageId: {
      type: "string",
      pattern: "^image-[A-Za-z0-9]{1,64}$",
      examples: ["image-tzi7f9abcdefghs45t"],
    },
  },
} as const;

/** codeup-push.schema.json, bundled. */
export const CodeupPushSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/codeup-push.schema.json",
  title: "CodeupPush",
  description:
    "The parts of a Codeup push webhook payload that imagebuild reads. Codeup documents no added/modified/removed lists, so they are optional and the changed files are computed from before..after.",
  type: "object",
  required: ["ref", "before", "after", "repository"],
  properties: {
    object_kind: {
      type: "string",
      examples: ["push"],
    },
    ref: {
      type: "string",
      examples: ["refs/heads/main"],
    },
    before: {
      type: "string",
      pattern: "^[0-9a-f]{40}$",
    },
    after: {
      type: "string",
      pattern: "^[0-9a-f]{40}$",
    },
    checkout_sha: {
      type: ["string", "null"],
    },
    project_id: {
      type: "integer",
    },
    project: {
      type: "object",
      required: ["path_with_namespace"],
      properties: {
        path_with_namespace: {
          type: "string",
        },
        git_http_url: {
          type: "string",
        },
      },
    },
    repository: {
      type: "object",
      properties: {
        name: {
          type: "string",
        },
        url: {
          type: "string",
        },
        git_http_url: {
          type: "string",
        },
        homepage: {
          type: "string",
        },
      },
    },
    total_commits_count: {
      type: "integer",
      minimum: 0,
    },
    commits: {
      type: "array",
      items: {
        type: "object",
        required: ["id"],
        properties: {
          id: {
            type: "string",
            pattern: "^[0-9a-f]{40}$",
          },
          added: {
            type: "array",
            items: {
              type: "string",
            },
          },
          removed: {
            type: "array",
            items: {
              type: "string",
            },
          },
          modified: {
            type: "array",
            items: {
              type: "string",
            },
          },
        },
      },
    },
  },
  examples: [
    {
      object_kind: "push",
      ref: "refs/heads/main",
      before: "0000000000000000000000000000000000000000",
      after: "1111111111111111111111111111111111111111",
      repository: {
        name: "images",
        git_http_url: "https://codeup.example.com/acme/images.git",
      },
      commits: [
        {
          id: "1111111111111111111111111111111111111111",
        },
      ],
    },
  ],
} as const;

/** create-image-build-query.schema.json, bundled. */
export const CreateImageBuildQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/create-image-build-query.schema.json",
  title: "CreateImageBuildQuery",
  description: "The query string of CreateImageBuild.",
  type: "object",
  additionalProperties: false,
  properties: {
    ClientToken: {
      $ref: "#/$defs/ClientToken",
    },
  },
  examples: [
    {
      ClientToken: "123e4567-e89b-12d3-a456-426655440000",
    },
  ],
  $defs: {
    ClientToken: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: "^[\\x21-\\x7E]+$",
      description:
        "Idempotence token: up to 64 printable ASCII characters, case-sensitive. The same token with the same request returns the first result.",
      examples: ["123e4567-e89b-12d3-a456-426655440000"],
    },
  },
} as const;

/** create-image-build-request.schema.json, bundled. */
export const CreateImageBuildRequestSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/create-image-build-request.schema.json",
  title: "CreateImageBuildRequest",
  description:
    "The JSON body of PAI AIWorkspace CreateImageBuild (POST /api/v1/imagebuilds, version 2021-02-04). ClientToken travels in the query, not here.",
  type: "object",
  required: ["WorkspaceId", "Resource", "TargetRegistry", "BuildConfig", "Image"],
  additionalProperties: false,
  properties: {
    Accessibility: {
      $ref: "#/$defs/Accessibility",
    },
    WorkspaceId: {
      $ref: "#/$defs/WorkspaceId",
    },
    Resource: {
      $ref: "#/$defs/Resource",
    },
    UserVpc: {
      $ref: "#/$defs/UserVpc",
    },
    TargetRegistry: {
      $ref: "#/$defs/TargetRegistry",
    },
    OverwriteImageTag: {
      type: "boolean",
      description: "Whether an existing tag in the target repository may be replaced.",
    },
    BuildConfig: {
      $ref: "#/$defs/BuildConfig",
    },
    RegionId: {
      $ref: "#/$defs/RegionId",
    },
    ImageBuildJobName: {
      type: "string",
      minLength: 1,
      maxLength: 128,
      description: "A name for the build task.",
      examples: ["build-my-image"],
    },
    Image: {
      $ref: "#/$defs/Image",
    },
  },
  examples: [
    {
      WorkspaceId: "12345",
      Resource: {
        EcsSpec: "ecs.c6.large",
      },
      TargetRegistry: {
        Type: "AcrEnterprise",
        InstanceId: "cri-abcd",
      },
      BuildConfig: {
        BuildType: "CustomDockerfile",
        Dockerfile: "FROM busybox:1.36\n",
      },
      Image: {
        Name: "test-v1",
        Uri: "user-test-registry-vpc.cn-wulanchabu.cr.aliyuncs.com/pai-test/pai-test:test-v1",
      },
    },
  ],
  $defs: {
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
      description:
        "Visibility of the image: PUBLIC for every workspace member, PRIVATE for its creator.",
      examples: ["PRIVATE"],
    },
    WorkspaceId: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      description: "The PAI workspace ID.",
      examples: ["12345"],
    },
    RegionId: {
      type: "string",
      pattern: "^[a-z]{2}(-[a-z0-9]+)+$",
      description: "The region ID.",
      examples: ["cn-wulanchabu"],
    },
    ImageName: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]{0,49}$",
      description:
        "1 to 50 characters of lower-case letters, digits and '-', starting with a letter; unique in the workspace.",
      examples: ["pytorch-train"],
    },
    ImageUri: {
      type: "string",
      minLength: 3,
      maxLength: 512,
      pattern:
        "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?/[a-z0-9]+([._/-][a-z0-9]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
      description: "The image reference with its tag: registry host, repository path and tag.",
      examples: ["user-test-registry-vpc.cn-wulanchabu.cr.aliyuncs.com/pai-test/pai-test:test-v1"],
    },
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      description: "One image label; a label is its Key (the Value may be empty).",
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
          examples: ["key1"],
        },
        Value: {
          type: "string",
          maxLength: 256,
          examples: ["value1"],
        },
      },
      examples: [
        {
          Key: "key1",
          Value: "value1",
        },
      ],
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
      description:
        "Image labels: at most 64 (a local-pai limit; see docs/decisions/local-pai-input-limits.md).",
    },
    Image: {
      type: "object",
      required: ["Name", "Uri"],
      additionalProperties: false,
      description: "Metadata of the image the build produces.",
      properties: {
        Name: {
          $ref: "#/$defs/ImageName",
        },
        Description: {
          type: "string",
          maxLength: 1024,
          examples: ["Training image"],
        },
        Uri: {
          $ref: "#/$defs/ImageUri",
        },
        Labels: {
          $ref: "#/$defs/Labels",
        },
      },
      examples: [
        {
          Name: "test-v1",
          Uri: "registry.example.com/pai-test/pai-test:test-v1",
        },
      ],
    },
    BuildType: {
      type: "string",
      enum: ["PackageInstallation", "CustomDockerfile"],
      description:
        "PackageInstallation installs packages on a chosen base image; CustomDockerfile builds a free-form Dockerfile.",
      examples: ["CustomDockerfile"],
    },
    RegistryAuth: {
      type: "object",
      required: ["Auth"],
      additionalProperties: false,
      description: "Credentials for one registry.",
      properties: {
        Auth: {
          type: "string",
          minLength: 1,
          pattern: "^[A-Za-z0-9+/]+={0,2}$",
          description: "base64 of 'user:password'.",
          examples: ["dXNlcjp0ZXN0"],
        },
      },
    },
    RegistryAuths: {
      type: "object",
      description:
        "Registry host to credentials, used to pull base images from registries the account does not own.",
      propertyNames: {
        pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?$",
      },
      additionalProperties: {
        $ref: "#/$defs/RegistryAuth",
      },
      examples: [
        {
          "user-test-registry-vpc.cn-wulanchabu.cr.aliyuncs.com": {
            Auth: "dXNlcjp0ZXN0",
          },
        },
      ],
    },
    BuildConfig: {
      type: "object",
      required: ["Dockerfile", "BuildType"],
      additionalProperties: false,
      description: "What to build.",
      properties: {
        Dockerfile: {
          type: "string",
          minLength: 1,
          maxLength: 65536,
          description: "The Dockerfile content.",
          examples: ["FROM ubuntu:18:04\nRUN pip3 install numpy==1.19.5"],
        },
        BuildType: {
          $ref: "#/$defs/BuildType",
        },
        RegistryAuths: {
          $ref: "#/$defs/RegistryAuths",
        },
      },
    },
    ResourceConfig: {
      type: "object",
      additionalProperties: false,
      description: "Subscription resources; empty for the public resource group.",
      properties: {
        CPU: {
          type: "string",
          pattern: "^[0-9]+(\\.[0-9]+)?$",
          examples: ["4"],
        },
        Memory: {
          type: "string",
          pattern: "^[0-9]+(Ki|Mi|Gi|Ti)?$",
          examples: ["8Gi"],
        },
      },
    },
    Resource: {
      type: "object",
      additionalProperties: false,
      description:
        "The resources that run the build: EcsSpec for the public resource group, or ResourceId, ResourceType and ResourceConfig for subscription resources.",
      properties: {
        EcsSpec: {
          type: "string",
          pattern: "^ecs\\.[a-z0-9-]+\\.[a-z0-9-]+$",
          examples: ["ecs.c6.large"],
        },
        ResourceConfig: {
          $ref: "#/$defs/ResourceConfig",
        },
        ResourceId: {
          type: "string",
          minLength: 1,
          examples: ["quotaadzoqup693z"],
        },
        ResourceType: {
          type: "string",
          enum: ["Lingjun"],
          examples: ["Lingjun"],
        },
      },
      examples: [
        {
          EcsSpec: "ecs.c6.large",
        },
      ],
    },
    UserVpc: {
      type: "object",
      additionalProperties: false,
      description: "The user's VPC, for reaching an ACR Enterprise Edition instance.",
      properties: {
        VpcId: {
          type: "string",
          pattern: "^vpc-[A-Za-z0-9*]+$",
          examples: ["vpc-abcdef"],
        },
        SwitchId: {
          type: "string",
          pattern: "^vs[w]?-[A-Za-z0-9*]+$",
          examples: ["vs-abcdef"],
        },
        SecurityGroupId: {
          type: "string",
          pattern: "^sg-[A-Za-z0-9*]+$",
          examples: ["sg-abcdef"],
        },
        ExtendedCidrs: {
          type: "array",
          items: {
            type: "string",
            pattern: "^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$",
          },
          examples: [["10.0.0.0/24"]],
        },
        DefaultRoute: {
          type: "string",
          examples: ["eth1"],
        },
      },
    },
    TargetRegistry: {
      type: "object",
      required: ["Type"],
      additionalProperties: false,
      description: "The registry the image is pushed to.",
      properties: {
        InstanceId: {
          $ref: "#/$defs/AcrInstanceId",
        },
        Type: {
          $ref: "#/$defs/TargetRegistryType",
        },
      },
    },
    AcrInstanceId: {
      type: "string",
      pattern: "^cri-[A-Za-z0-9*]+$",
      description: "An ACR Enterprise Edition instance ID.",
      examples: ["cri-abcd"],
    },
    TargetRegistryType: {
      type: "string",
      enum: ["AcrEnterprise"],
      description: "Only ACR Enterprise Edition is supported.",
      examples: ["AcrEnterprise"],
    },
  },
} as const;

/** create-image-build-response.schema.json, bundled. */
export const CreateImageBuildResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/create-image-build-response.schema.json",
  title: "CreateImageBuildResponse",
  description: "The response body of CreateImageBuild.",
  type: "object",
  required: ["ImageBuildId", "ImageBuildJobId"],
  properties: {
    RequestId: {
      type: "string",
      description: "Not in the SDK model; the local service sends it.",
    },
    ImageBuildId: {
      type: "string",
      minLength: 1,
      examples: ["build-****ks92"],
    },
    ImageBuildJobId: {
      type: "string",
      minLength: 1,
      description: "The DLC job that runs the build.",
      examples: ["dlc-****ks92"],
    },
  },
  examples: [
    {
      ImageBuildId: "build-****ks92",
      ImageBuildJobId: "dlc-****ks92",
    },
  ],
} as const;

/** delete-job-response.schema.json, bundled. */
export const DeleteJobResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/delete-job-response.schema.json",
  title: "DeleteJobResponse",
  description:
    "The response of PAI-DLC DeleteJob (DELETE /api/v1/jobs/{JobId}). Field names from the official SDK model pai-dlc-20201203/src/models/DeleteJobResponseBody.ts.",
  type: "object",
  required: ["JobId"],
  properties: {
    RequestId: {
      type: "string",
    },
    JobId: {
      type: "string",
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
      JobId: "dlc-abcd1234",
    },
  ],
} as const;

/** dlc-job.schema.json, bundled. */
export const DlcJobSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/dlc-job.schema.json",
  title: "DlcJob",
  description:
    "The response of PAI-DLC GetJob (GET /api/v1/jobs/{JobId}, version 2020-12-03) and an item of ListJobs: the job that runs an image build. Field names from the official SDK models pai-dlc-20201203/src/models/GetJobResponseBody.ts and JobItem.ts.",
  type: "object",
  required: ["JobId", "Status"],
  properties: {
    RequestId: {
      type: "string",
    },
    JobId: {
      type: "string",
      examples: ["dlc-abcd1234"],
    },
    DisplayName: {
      type: "string",
    },
    JobType: {
      type: "string",
      examples: ["ImageBuild"],
    },
    WorkspaceId: {
      type: "string",
    },
    Status: {
      $ref: "#/$defs/JobStatus",
    },
    SubStatus: {
      type: "string",
    },
    ReasonCode: {
      type: "string",
      examples: ["JobStoppedByUser"],
    },
    ReasonMessage: {
      type: "string",
    },
    GmtCreateTime: {
      type: "string",
    },
    GmtRunningTime: {
      type: "string",
    },
    GmtFinishTime: {
      type: "string",
    },
    StatusHistory: {
      type: "array",
      items: {
        $ref: "#/$defs/StatusTransition",
      },
    },
    UserId: {
      type: "string",
    },
    Duration: {
      type: "integer",
      minimum: 0,
      description: "Seconds from GmtRunningTime to GmtFinishTime (or now).",
    },
    Pods: {
      type: "array",
      items: {
        $ref: "#/$defs/Pod",
      },
      description: "A build job has one pod.",
    },
  },
  examples: [
    {
      JobId: "dlc-abcd1234",
      Status: "Running",
      StatusHistory: [
        {
          Status: "Creating",
          Time: "2026-01-01T00:00:00.000Z",
        },
      ],
    },
  ],
  $defs: {
    JobStatus: {
      type: "string",
      enum: [
        "Creating",
        "Queuing",
        "Dequeued",
        "Bidding",
        "EnvPreparing",
        "SanityChecking",
        "Running",
        "Restarting",
        "Stopping",
        "SucceededReserving",
        "FailedReserving",
        "Succeeded",
        "Failed",
        "Stopped",
      ],
      description: "DLC job status; Succeeded, Failed and Stopped are terminal.",
      examples: ["Running"],
    },
    StatusTransition: {
      type: "object",
      required: ["Status", "Time"],
      properties: {
        Status: {
          $ref: "#/$defs/JobStatus",
        },
        Time: {
          type: "string",
        },
        ReasonCode: {
          type: "string",
        },
        ReasonMessage: {
          type: "string",
        },
        StartTime: {
          type: "string",
          description:
            "When the job entered Status (the SDK's StatusTransitionItem name; equal to Time).",
        },
        EndTime: {
          type: "string",
          description: "When the job left Status; absent for the current one.",
        },
      },
    },
    Pod: {
      type: "object",
      required: ["PodId", "Status"],
      description: "One pod of a job (GetJobResponseBodyPods in the SDK).",
      properties: {
        PodId: {
          type: "string",
          examples: ["dlc-abcd1234-worker-0"],
        },
        PodUid: {
          type: "string",
        },
        Type: {
          type: "string",
          examples: ["Worker"],
        },
        Status: {
          type: "string",
          examples: ["Running"],
        },
        SubStatus: {
          type: "string",
        },
        Ip: {
          type: "string",
        },
        NodeName: {
          type: "string",
        },
        GmtCreateTime: {
          type: "string",
        },
        GmtStartTime: {
          type: "string",
        },
        GmtFinishTime: {
          type: "string",
        },
        Duration: {
          type: "integer",
          minimum: 0,
        },
        ResourceType: {
          type: "string",
        },
      },
    },
  },
} as const;

/** error-envelope.schema.json, bundled. */
export const ErrorEnvelopeSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/error-envelope.schema.json",
  title: "ErrorEnvelope",
  description: "The body of a failed PAI call (HTTP 4xx or 5xx).",
  type: "object",
  required: ["Code", "Message"],
  properties: {
    RequestId: {
      type: "string",
      examples: ["7DC0013A-0000-4000-8000-000000000000"],
    },
    HostId: {
      type: "string",
      examples: ["aiworkspace.cn-hangzhou.aliyuncs.com"],
    },
    Code: {
      type: "string",
      minLength: 1,
      examples: ["InvalidParameter"],
    },
    Message: {
      type: "string",
      examples: ["Image.Name: must match ^[a-z][a-z0-9-]{0,49}$"],
    },
    Recommend: {
      type: "string",
      examples: ["https://api.aliyun.com/troubleshoot?q=InvalidParameter"],
    },
  },
  examples: [
    {
      RequestId: "7DC0013A-0000-4000-8000-000000000000",
      HostId: "127.0.0.1",
      Code: "MissingParameter",
      Message: "WorkspaceId is required",
      Recommend: "",
    },
  ],
} as const;

/** fc-http-event.schema.json, bundled. */
export const FcHttpEventSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/fc-http-event.schema.json",
  title: "FcHttpEvent",
  description:
    "A Function Compute 3.0 HTTP-trigger event as an event handler receives it (JSON in a Buffer). Repeated headers and query keys are joined with commas.",
  type: "object",
  required: ["version", "rawPath", "headers", "requestContext"],
  properties: {
    version: {
      type: "string",
      const: "v1",
    },
    rawPath: {
      type: "string",
      description: "URL-encoded path.",
    },
    body: {
      type: "string",
      description: "The body; base64 when isBase64Encoded.",
    },
    isBase64Encoded: {
      type: "boolean",
    },
    headers: {
      type: "object",
      additionalProperties: {
        type: "string",
      },
    },
    queryParameters: {
      type: "object",
      additionalProperties: {
        type: "string",
      },
    },
    requestContext: {
      type: "object",
      required: ["http", "requestId"],
      properties: {
        accountId: {
          type: "string",
        },
        domainName: {
          type: "string",
        },
        domainPrefix: {
          type: "string",
        },
        requestId: {
          type: "string",
        },
        time: {
          type: "string",
        },
        timeEpoch: {
          type: "string",
          description: "Milliseconds since the epoch, as a string.",
        },
        triggerId: {
          type: "string",
        },
        http: {
          type: "object",
          required: ["method", "path"],
          properties: {
            method: {
              type: "string",
              enum: ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"],
            },
            path: {
              type: "string",
              description: "The decoded path.",
            },
            protocol: {
              type: "string",
            },
            sourceIp: {
              type: "string",
            },
            userAgent: {
              type: "string",
            },
          },
        },
      },
    },
  },
  examples: [
    {
      version: "v1",
      rawPath: "/webhook",
      body: "{}",
      isBase64Encoded: false,
      headers: {
        "X-Github-Event": "ping",
      },
      queryParameters: {},
      requestContext: {
        accountId: "123456789012345",
        domainName: "abc.cn-hangzhou.fcapp.run",
        domainPrefix: "abc",
        requestId: "1-64f6cd87-0000",
        time: "2023-09-05T06:41:11Z",
        timeEpoch: "1693896071895",
        http: {
          method: "POST",
          path: "/webhook",
          protocol: "HTTP/1.1",
          sourceIp: "11.11.11.11",
          userAgent: "GitHub-Hookshot/abc",
        },
      },
    },
  ],
} as const;

/** fc-http-response.schema.json, bundled. */
export const FcHttpResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/fc-http-response.schema.json",
  title: "FcHttpResponse",
  description: "What an event handler returns for an HTTP-trigger event.",
  type: "object",
  required: ["statusCode", "body"],
  additionalProperties: false,
  properties: {
    statusCode: {
      type: "integer",
      minimum: 100,
      maximum: 599,
    },
    headers: {
      type: "object",
      additionalProperties: {
        type: "string",
      },
    },
    isBase64Encoded: {
      type: "boolean",
    },
    body: {
      type: "string",
    },
  },
  examples: [
    {
      statusCode: 202,
      headers: {
        "content-type": "application/json",
      },
      body: '{"results":[]}',
    },
  ],
} as const;

/** fc-oss-event.schema.json, bundled. */
export const FcOssEventSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/fc-oss-event.schema.json",
  title: "FcOssEvent",
  description:
    "A Function Compute OSS-trigger event: one or more object notifications. eventName has no 'oss:' prefix.",
  type: "object",
  required: ["events"],
  properties: {
    events: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["eventName", "eventSource", "oss", "region"],
        properties: {
          eventName: {
            type: "string",
            pattern: "^Object(Created|Removed|Modified):[A-Za-z]+$",
            examples: ["ObjectCreated:PutObject"],
          },
          eventSource: {
            type: "string",
            const: "acs:oss",
          },
          eventTime: {
            type: "string",
          },
          eventVersion: {
            type: "string",
          },
          region: {
            type: "string",
          },
          oss: {
            type: "object",
            required: ["bucket", "object"],
            properties: {
              bucket: {
                type: "object",
                required: ["name"],
                properties: {
                  arn: {
                    type: "string",
                  },
                  name: {
                    type: "string",
                    minLength: 3,
                    maxLength: 63,
                  },
                  ownerIdentity: {
                    type: "string",
                  },
                  virtualBucket: {
                    type: "string",
                  },
                },
              },
              object: {
                type: "object",
                required: ["key"],
                properties: {
                  key: {
                    type: "string",
                    minLength: 1,
                    maxLength: 1023,
                  },
                  eTag: {
                    type: "string",
                  },
                  size: {
                    type: "integer",
                    minimum: 0,
                  },
                  deltaSize: {
                    type: "integer",
                  },
                  versionId: {
                    type: "string",
                  },
                },
              },
              ossSchemaVersion: {
                type: "string",
              },
              ruleId: {
                type: "string",
              },
            },
          },
          requestParameters: {
            type: "object",
            properties: {
              sourceIPAddress: {
                type: "string",
              },
            },
          },
          responseElements: {
            type: "object",
            properties: {
              requestId: {
                type: "string",
              },
            },
          },
          userIdentity: {
            type: "object",
            properties: {
              principalId: {
                type: "string",
              },
            },
          },
        },
      },
    },
  },
  examples: [
    {
      events: [
        {
          eventName: "ObjectCreated:PutObject",
          eventSource: "acs:oss",
          eventTime: "2022-08-13T06:45:43.000Z",
          eventVersion: "1.0",
          region: "cn-hangzhou",
          oss: {
            bucket: {
              arn: "acs:oss:cn-hangzhou:123456789:specs-bucket",
              name: "specs-bucket",
            },
            object: {
              key: "specs/busybox-tools/1.0.0.yaml",
              eTag: "688A7BF4F233DC9C88A80BF985AB0000",
              size: 420,
            },
            ossSchemaVersion: "1.0",
          },
          responseElements: {
            requestId: "58F9FF2D3DF792092E12044C",
          },
        },
      ],
    },
  ],
} as const;

/** fc-timer-event.schema.json, bundled. */
export const FcTimerEventSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/fc-timer-event.schema.json",
  title: "FcTimerEvent",
  description:
    "A Function Compute timer-trigger event. payload is the configured string, passed verbatim.",
  type: "object",
  required: ["triggerTime", "triggerName"],
  properties: {
    triggerTime: {
      type: "string",
      pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$",
      examples: ["2023-12-26T07:49:00Z"],
    },
    triggerName: {
      type: "string",
      minLength: 1,
    },
    payload: {
      type: "string",
      maxLength: 131072,
    },
  },
  examples: [
    {
      triggerTime: "2023-12-26T07:49:00Z",
      triggerName: "nightly",
      payload: '{"select":"scheduled"}',
    },
  ],
} as const;

/** get-image-response.schema.json, bundled. */
export const GetImageResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-image-response.schema.json",
  title: "GetImageResponse",
  description:
    "The response of GetImage (GET /api/v1/images/{ImageId}): the image fields without ImageId.",
  type: "object",
  required: ["Name", "ImageUri"],
  properties: {
    RequestId: {
      type: "string",
    },
    Name: {
      type: "string",
    },
    Description: {
      type: "string",
    },
    ImageUri: {
      type: "string",
    },
    Labels: {
      $ref: "#/$defs/Labels",
    },
    Accessibility: {
      $ref: "#/$defs/Accessibility",
    },
    WorkspaceId: {
      type: "string",
    },
    UserId: {
      type: "string",
    },
    ParentUserId: {
      type: "string",
    },
    Size: {
      type: "number",
      minimum: 0,
    },
    SourceId: {
      type: "string",
    },
    SourceType: {
      $ref: "#/$defs/SourceType",
    },
    GmtCreateTime: {
      type: "string",
    },
    GmtModifiedTime: {
      type: "string",
    },
  },
  examples: [
    {
      Name: "busybox-tools",
      ImageUri: "127.0.0.1:5000/pai/busybox-tools:1.0.0",
    },
  ],
  $defs: {
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      description: "One image label; a label is its Key (the Value may be empty).",
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
          examples: ["key1"],
        },
        Value: {
          type: "string",
          maxLength: 256,
          examples: ["value1"],
        },
      },
      examples: [
        {
          Key: "key1",
          Value: "value1",
        },
      ],
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
      description:
        "Image labels: at most 64 (a local-pai limit; see docs/decisions/local-pai-input-limits.md).",
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
      description:
        "Visibility of the image: PUBLIC for every workspace member, PRIVATE for its creator.",
      examples: ["PRIVATE"],
    },
    SourceType: {
      type: "string",
      enum: ["Import", "Build"],
      examples: ["Build"],
    },
  },
} as const;

/** get-job-events-query.schema.json, bundled. */
export const GetJobEventsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-job-events-query.schema.json",
  title: "GetJobEventsQuery",
  description:
    "The query string of PAI-DLC GetJobEvents (GET /api/v1/jobs/{JobId}/events). Field names from the official SDK model pai-dlc-20201203/src/models/GetJobEventsRequest.ts.",
  type: "object",
  additionalProperties: false,
  properties: {
    StartTime: {
      type: "string",
      minLength: 1,
      description: "ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.",
    },
    EndTime: {
      type: "string",
      minLength: 1,
      description: "ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.",
    },
    MaxEventsNum: {
      type: "string",
      pattern: "^[1-9][0-9]{0,5}$",
      description: "Default 2000.",
    },
  },
  examples: [
    {
      MaxEventsNum: "100",
    },
  ],
} as const;

/** get-job-events-response.schema.json, bundled. */
export const GetJobEventsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-job-events-response.schema.json",
  title: "GetJobEventsResponse",
  description:
    "The response of PAI-DLC GetJobEvents. Field names from the official SDK model pai-dlc-20201203/src/models/GetJobEventsResponseBody.ts.",
  type: "object",
  required: ["JobId", "Events"],
  properties: {
    RequestId: {
      type: "string",
    },
    JobId: {
      type: "string",
    },
    Events: {
      type: "array",
      items: {
        type: "string",
      },
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
      JobId: "dlc-abcd1234",
      Events: ["2026-01-01T00:00:00.000Z Normal Queuing"],
    },
  ],
} as const;

/** get-job-query.schema.json, bundled. */
export const GetJobQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-job-query.schema.json",
  title: "GetJobQuery",
  description:
    "The query string of PAI-DLC GetJob (GET /api/v1/jobs/{JobId}). Field names from the official SDK model pai-dlc-20201203/src/models/GetJobRequest.ts.",
  type: "object",
  additionalProperties: false,
  properties: {
    NeedDetail: {
      type: "string",
      enum: ["true", "false"],
    },
  },
  examples: [
    {
      NeedDetail: "true",
    },
  ],
} as const;

/** get-pod-events-query.schema.json, bundled. */
export const GetPodEventsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-pod-events-query.schema.json",
  title: "GetPodEventsQuery",
  description:
    "The query string of PAI-DLC GetPodEvents (GET /api/v1/jobs/{JobId}/pods/{PodId}/events). Field names from the official SDK model pai-dlc-20201203/src/models/GetPodEventsRequest.ts.",
  type: "object",
  additionalProperties: false,
  properties: {
    StartTime: {
      type: "string",
      minLength: 1,
      description: "ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.",
    },
    EndTime: {
      type: "string",
      minLength: 1,
      description: "ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.",
    },
    MaxEventsNum: {
      type: "string",
      pattern: "^[1-9][0-9]{0,5}$",
      description: "Default 2000.",
    },
    PodUid: {
      type: "string",
      minLength: 1,
    },
  },
  examples: [
    {
      MaxEventsNum: "100",
    },
  ],
} as const;

/** get-pod-events-response.schema.json, bundled. */
export const GetPodEventsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-pod-events-response.schema.json",
  title: "GetPodEventsResponse",
  description:
    "The response of PAI-DLC GetPodEvents. Field names from the official SDK model pai-dlc-20201203/src/models/GetPodEventsResponseBody.ts.",
  type: "object",
  required: ["JobId", "PodId", "Events"],
  properties: {
    RequestId: {
      type: "string",
    },
    JobId: {
      type: "string",
    },
    PodId: {
      type: "string",
    },
    PodUid: {
      type: "string",
    },
    Events: {
      type: "array",
      items: {
        type: "string",
      },
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
      JobId: "dlc-abcd1234",
      PodId: "dlc-abcd1234-worker-0",
      Events: ["2026-01-01T00:00:01.000Z Normal Running"],
    },
  ],
} as const;

/** get-pod-logs-query.schema.json, bundled. */
export const GetPodLogsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-pod-logs-query.schema.json",
  title: "GetPodLogsQuery",
  description:
    "The query string of PAI-DLC GetPodLogs (GET /api/v1/jobs/{JobId}/pods/{PodId}/logs). Field names from the official SDK model pai-dlc-20201203/src/models/GetPodLogsRequest.ts.",
  type: "object",
  additionalProperties: false,
  properties: {
    DownloadToFile: {
      type: "string",
      enum: ["true", "false"],
    },
    StartTime: {
      type: "string",
      minLength: 1,
      description: "ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.",
    },
    EndTime: {
      type: "string",
      minLength: 1,
      description: "ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z.",
    },
    MaxLines: {
      type: "string",
      pattern: "^[1-9][0-9]{0,5}$",
      description: "The last MaxLines lines; default 2000.",
    },
    PodUid: {
      type: "string",
      minLength: 1,
    },
  },
  examples: [
    {
      MaxLines: "100",
    },
  ],
} as const;

/** get-pod-logs-response.schema.json, bundled. */
export const GetPodLogsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-pod-logs-response.schema.json",
  title: "GetPodLogsResponse",
  description:
    "The response of PAI-DLC GetPodLogs. Field names from the official SDK model pai-dlc-20201203/src/models/GetPodLogsResponseBody.ts.",
  type: "object",
  required: ["JobId", "PodId", "Logs"],
  properties: {
    RequestId: {
      type: "string",
    },
    JobId: {
      type: "string",
    },
    PodId: {
      type: "string",
    },
    PodUid: {
      type: "string",
    },
    Logs: {
      type: "array",
      items: {
        type: "string",
      },
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
      JobId: "dlc-abcd1234",
      PodId: "dlc-abcd1234-worker-0",
      PodUid: "9f1c2d3e-0000-4000-8000-000000000000",
      Logs: ["STEP 1/2: FROM busybox"],
    },
  ],
} as const;

/** github-push.schema.json, bundled. */
export const GithubPushSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/github-push.schema.json",
  title: "GithubPush",
  description: "The parts of a GitHub push webhook payload that imagebuild reads.",
  type: "object",
  required: ["ref", "before", "after", "repository", "commits"],
  properties: {
    ref: {
      type: "string",
      examples: ["refs/heads/main"],
    },
    before: {
      type: "string",
      pattern: "^[0-9a-f]{40}$",
    },
    after: {
      type: "string",
      pattern: "^[0-9a-f]{40}$",
    },
    deleted: {
      type: "boolean",
    },
    forced: {
      type: "boolean",
    },
    repository: {
      type: "object",
      required: ["full_name"],
      properties: {
        full_name: {
          type: "string",
          pattern: "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$",
        },
        clone_url: {
          type: "string",
        },
      },
    },
    commits: {
      type: "array",
      items: {
        type: "object",
        required: ["id"],
        properties: {
          id: {
            type: "string",
            pattern: "^[0-9a-f]{40}$",
          },
          added: {
            type: "array",
            items: {
              type: "string",
            },
          },
          removed: {
            type: "array",
            items: {
              type: "string",
            },
          },
          modified: {
            type: "array",
            items: {
              type: "string",
            },
          },
        },
      },
    },
  },
  examples: [
    {
      ref: "refs/heads/main",
      before: "0000000000000000000000000000000000000000",
      after: "1111111111111111111111111111111111111111",
      repository: {
        full_name: "acme/images",
      },
      commits: [
        {
          id: "1111111111111111111111111111111111111111",
          added: ["specs/busybox-tools/1.0.0.yaml"],
          removed: [],
          modified: [],
        },
      ],
    },
  ],
} as const;

/** gitlab-push.schema.json, bundled. */
export const GitlabPushSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/gitlab-push.schema.json",
  title: "GitlabPush",
  description: "The parts of a Gitlab push webhook payload that imagebuild reads.",
  type: "object",
  required: ["ref", "before", "after", "repository", "project"],
  properties: {
    object_kind: {
      type: "string",
      examples: ["push"],
    },
    ref: {
      type: "string",
      examples: ["refs/heads/main"],
    },
    before: {
      type: "string",
      pattern: "^[0-9a-f]{40}$",
    },
    after: {
      type: "string",
      pattern: "^[0-9a-f]{40}$",
    },
    checkout_sha: {
      type: ["string", "null"],
    },
    project_id: {
      type: "integer",
    },
    project: {
      type: "object",
      required: ["path_with_namespace"],
      properties: {
        path_with_namespace: {
          type: "string",
        },
        git_http_url: {
          type: "string",
        },
      },
    },
    repository: {
      type: "object",
      properties: {
        name: {
          type: "string",
        },
        url: {
          type: "string",
        },
        git_http_url: {
          type: "string",
        },
        homepage: {
          type: "string",
        },
      },
    },
    total_commits_count: {
      type: "integer",
      minimum: 0,
    },
    commits: {
      type: "array",
      items: {
        type: "object",
        required: ["id"],
        properties: {
          id: {
            type: "string",
            pattern: "^[0-9a-f]{40}$",
          },
          added: {
            type: "array",
            items: {
              type: "string",
            },
          },
          removed: {
            type: "array",
            items: {
              type: "string",
            },
          },
          modified: {
            type: "array",
            items: {
              type: "string",
            },
          },
        },
      },
    },
  },
  examples: [
    {
      object_kind: "push",
      ref: "refs/heads/main",
      before: "0000000000000000000000000000000000000000",
      after: "1111111111111111111111111111111111111111",
      project: {
        path_with_namespace: "acme/images",
      },
      repository: {
        name: "images",
        git_http_url: "https://gitlab.example.com/acme/images.git",
      },
      commits: [
        {
          id: "1111111111111111111111111111111111111111",
        },
      ],
    },
  ],
} as const;

/** image.schema.json, bundled. */
export const WorkspaceImageSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/image.schema.json",
  title: "WorkspaceImage",
  description: "One image in a workspace's image list (an item of ListImages).",
  type: "object",
  required: ["ImageId", "Name", "ImageUri"],
  properties: {
    ImageId: {
      $ref: "#/$defs/ImageId",
    },
    Name: {
      type: "string",
      examples: ["pytorch-train"],
    },
    Description: {
      type: "string",
    },
    ImageUri: {
      type: "string",
      examples: ["127.0.0.1:5000/pai/pytorch-train:2.4.0"],
    },
    Labels: {
      $ref: "#/$defs/Labels",
    },
    Accessibility: {
      $ref: "#/$defs/Accessibility",
    },
    WorkspaceId: {
      type: "string",
    },
    UserId: {
      type: "string",
    },
    ParentUserId: {
      type: "string",
    },
    Size: {
      type: "number",
      minimum: 0,
      description: "Image size in bytes.",
    },
    SourceId: {
      type: "string",
      description: "The image build ID when SourceType is Build.",
    },
    SourceType: {
      $ref: "#/$defs/SourceType",
    },
    GmtCreateTime: {
      type: "string",
      examples: ["2021-01-21T17:12:35.232Z"],
    },
    GmtModifiedTime: {
      type: "string",
      examples: ["2021-01-21T17:12:35.232Z"],
    },
  },
  examples: [
    {
      ImageId: "image-4c62abcdefghij53uo",
      Name: "busybox-tools",
      ImageUri: "127.0.0.1:5000/pai/busybox-tools:1.0.0",
      SourceType: "Build",
      SourceId: "build-abc",
    },
  ],
  $defs: {
    ImageId: {
      type: "string",
      pattern: "^image-[A-Za-z0-9]{1,64}$",
      examples: ["image-tzi7f9abcdefghs45t"],
    },
    SourceType: {
      type: "string",
      enum: ["Import", "Build"],
      examples: ["Build"],
    },
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      description: "One image label; a label is its Key (the Value may be empty).",
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
          examples: ["key1"],
        },
        Value: {
          type: "string",
          maxLength: 256,
          examples: ["value1"],
        },
      },
      examples: [
        {
          Key: "key1",
          Value: "value1",
        },
      ],
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
      description:
        "Image labels: at most 64 (a local-pai limit; see docs/decisions/local-pai-input-limits.md).",
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
      description:
        "Visibility of the image: PUBLIC for every workspace member, PRIVATE for its creator.",
      examples: ["PRIVATE"],
    },
  },
} as const;

/** imagebuild-config.schema.json, bundled. */
export const ImagebuildConfigSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/imagebuild-config.schema.json",
  title: "ImagebuildConfig",
  description:
    "imagebuild.config.yaml at the repository root: the environment commands use by default, where the specs live, and per environment the endpoint, workspace, registry and credentials profile. Command-line flags beat environment variables, which beat this file.",
  type: "object",
  additionalProperties: false,
  properties: {
    defaultEnv: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]{0,31}$",
      description:
        "The environment of commands that act in one environment (build, render, status, images, builds, logs, stop) when neither --env nor IMAGEBUILD_ENV is given. validate and plan still check every environment unless one is named.",
      examples: ["local"],
    },
    specsDir: {
      type: "string",
      minLength: 1,
      pattern: "^[^/]",
      description: "The specs folder, relative to this file (default specs). --dir overrides it.",
      examples: ["specs"],
    },
    environments: {
      type: "object",
      description: "Settings by environment name (the names the specs' environments overlays use).",
      propertyNames: {
        pattern: "^[a-z][a-z0-9-]{0,31}$",
      },
      additionalProperties: {
        $ref: "#/$defs/ConfigEnvironment",
      },
      examples: [
        {
          local: {
            endpoint: "http://127.0.0.1:7070",
          },
          prod: {
            region: "cn-hangzhou",
            workspace: "268451",
            profile: "platform",
          },
        },
      ],
    },
  },
  examples: [
    {
      defaultEnv: "local",
      specsDir: "specs",
      environments: {
        local: {
          endpoint: "http://127.0.0.1:7070",
        },
        prod: {
          region: "cn-hangzhou",
          profile: "platform",
        },
      },
    },
  ],
  $defs: {
    ConfigEnvironment: {
      type: "object",
      additionalProperties: false,
      description:
        "Where one environment's builds go. IMAGEBUILD_ENDPOINT or IMAGEBUILD_REGION in the environment replace endpoint and region.",
      properties: {
        endpoint: {
          type: "string",
          pattern: "^https?://[^/?#@\\s]+/?$",
          description:
            "One base URL for both PAI APIs, e.g. the local service; used instead of the region's endpoints.",
          examples: ["http://127.0.0.1:7070"],
        },
        region: {
          type: "string",
          pattern: "^[a-z]{2,}(-[a-z0-9]+)+$",
          description:
            "The Alibaba Cloud region whose PAI endpoints are used when no endpoint is given.",
          examples: ["cn-hangzhou"],
        },
        workspace: {
          $ref: "#/$defs/WorkspaceId",
          description:
            "The PAI workspace ID: build.WorkspaceId of specs that set none, and the workspace of images and builds.",
        },
        registry: {
          $ref: "#/$defs/SpecRegistry",
          description:
            "Registry host and namespace for specs that set no registry in this environment.",
        },
        profile: {
          type: "string",
          pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
          description:
            "The aliyun CLI profile (~/.aliyun/config.json) that signs requests when no ALIBABA_CLOUD_ACCESS_KEY_ID is set; ALIBABA_CLOUD_PROFILE overrides it.",
          examples: ["platform"],
        },
      },
    },
    WorkspaceId: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      description: "The PAI workspace ID.",
      examples: ["12345"],
    },
    SpecRegistry: {
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$",
      description:
        "Registry host and namespace; when Image.Uri is not given it is <registry>/<image-name>:<version>.",
      examples: ["127.0.0.1:5000/pai", "my-registry-vpc.cn-hangzhou.cr.aliyuncs.com/ml"],
    },
  },
} as const;

/** invocation-answer.schema.json, bundled. */
export const InvocationAnswerSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/invocation-answer.schema.json",
  title: "InvocationAnswer",
  description:
    "What the build-trigger function returns for an asynchronous invocation (OSS, timer, or its own job record) it did not throw for.",
  anyOf: [
    {
      $ref: "#/$defs/ProcessedInvocation",
    },
    {
      $ref: "#/$defs/RecordInvocation",
    },
    {
      $ref: "#/$defs/FailedInvocation",
    },
    {
      $ref: "#/$defs/RejectedInvocation",
    },
  ],
  examples: [
    {
      status: "processed",
      results: [
        {
          file: "specs/a/1.0.0.yaml",
          status: "ignored",
          reason: "not under the spec prefix",
        },
      ],
    },
    {
      status: "failed",
      error: {
        code: "SOURCE_HTTP",
        message: "GET … answered 404",
      },
    },
    {
      status: "rejected",
      error: "IMAGEBUILD_SPEC_PREFIX: must be a relative folder ending in /",
    },
  ],
  $defs: {
    ProcessedInvocation: {
      description: "One result per object (OSS) or per selected spec (timer; slot is the tick).",
      type: "object",
      required: ["status", "results"],
      additionalProperties: false,
      properties: {
        status: {
          const: "processed",
        },
        slot: {
          type: "string",
        },
        results: {
          type: "array",
          items: {
            $ref: "#/$defs/SpecResult",
          },
        },
        baseChanges: {
          description:
            "A base-change tick (timer payload select base-change): the on-base-change specs it rebuilt, found unchanged, could not compare (never built, or no base digests recorded) or failed on.",
          type: "object",
          required: ["rebuilt", "unchanged", "unknown", "failed"],
          additionalProperties: false,
          properties: {
            rebuilt: {
              type: "array",
              items: {
                type: "string",
              },
            },
            unchanged: {
              type: "array",
              items: {
                type: "string",
              },
            },
            unknown: {
              type: "array",
              items: {
                type: "string",
              },
            },
            failed: {
              type: "array",
              items: {
                type: "string",
              },
            },
          },
        },
      },
    },
    FailedInvocation: {
      description:
        "A failure a retry cannot fix (retryable ones throw, so Function Compute retries).",
      type: "object",
      required: ["status", "error"],
      additionalProperties: false,
      properties: {
        status: {
          const: "failed",
        },
        error: {
          type: "object",
          required: ["code", "message"],
          additionalProperties: false,
          properties: {
            code: {
              type: "string",
            },
            message: {
              type: "string",
            },
          },
        },
      },
    },
    RejectedInvocation: {
      description: "The event or the function's settings did not parse.",
      type: "object",
      required: ["status", "error"],
      additionalProperties: false,
      properties: {
        status: {
          const: "rejected",
        },
        error: {
          type: "string",
        },
      },
    },
    RecordInvocation: {
      description:
        "A job record was worked on: `dispatched` (its specs submitted; a follow record carries the jobs on), `followed` (every job terminal), `following` (some still running; the next follow record goes on), `gave-up` (the follow limit passed).",
      type: "object",
      required: ["status", "delivery", "part", "parts", "results"],
      additionalProperties: false,
      properties: {
        status: {
          enum: ["dispatched", "following", "followed", "gave-up"],
        },
        delivery: {
          type: "string",
        },
        part: {
          type: "integer",
          minimum: 0,
        },
        parts: {
          type: "integer",
          minimum: 1,
        },
        commit: {
          type: "string",
        },
        results: {
          type: "array",
          items: {
            $ref: "#/$defs/SpecResult",
          },
        },
        note: {
          type: "string",
        },
      },
    },
    SpecResultFile: {
      type: "string",
      minLength: 1,
      examples: ["specs/pytorch/2.4.0.yaml"],
    },
    EarlierJob: {
      description:
        "A build's DLC job as GetJob showed it when the service replayed its ClientToken.",
      type: "object",
      required: ["jobId", "status", "at"],
      additionalProperties: false,
      properties: {
        jobId: {
          type: "string",
        },
        status: {
          type: "string",
        },
        at: {
          description:
            "When the job ended (GmtFinishTime), or was created if it still runs (GmtCreateTime).",
          type: "string",
        },
        reason: {
          type: "string",
        },
      },
    },
    SubmittedSpec: {
      description: "CreateImageBuild was called (or its ClientToken matched an earlier build).",
      type: "object",
      required: ["file", "status", "imageBuildId", "jobId", "clientToken"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "submitted",
        },
        imageBuildId: {
          type: "string",
        },
        jobId: {
          type: "string",
        },
        clientToken: {
          type: "string",
        },
        attempt: {
          description:
            "Which build attempt of this content and slot the job is: 1 the first, one more after each Failed or Stopped build.",
          type: "integer",
          minimum: 1,
        },
        replay: {
          description:
            "Set when the service answered with an earlier build of the same ClientToken: nothing new was started.",
          $ref: "#/$defs/EarlierJob",
        },
        rebuildOf: {
          description:
            "Set when this build is a new attempt because the previous one ended Failed or Stopped.",
          $ref: "#/$defs/EarlierJob",
        },
        finalStatus: {
          enum: ["Succeeded", "Failed", "Stopped"],
        },
        reason: {
          type: "string",
        },
      },
    },
    NotBuiltSpec: {
      description:
        "Nothing was built for the file: skipped (absent, already built), removed, not a spec, or blocked (a base did not succeed).",
      type: "object",
      required: ["file", "status", "reason"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          enum: ["skipped", "removed", "ignored", "blocked"],
        },
        reason: {
          type: "string",
        },
      },
    },
    FailedSpec: {
      description: "CreateImageBuild failed for the file.",
      type: "object",
      required: ["file", "status", "error"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "failed",
        },
        error: {
          type: "object",
          required: ["code", "message", "retryable"],
          additionalProperties: false,
          properties: {
            code: {
              type: "string",
            },
            message: {
              type: "string",
            },
            retryable: {
              type: "boolean",
            },
          },
        },
      },
    },
    InvalidSpec: {
      description: "The spec did not validate; each problem names the file and field.",
      type: "object",
      required: ["file", "status", "problems"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "invalid",
        },
        problems: {
          type: "array",
          items: {
            type: "string",
          },
        },
      },
    },
    ErrorSpec: {
      description:
        "The spec could not be read (401, 403, 404 on a private repository, a missing token, a wrong API root): never reported as skipped.",
      type: "object",
      required: ["file", "status", "code", "reason"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "error",
        },
        code: {
          type: "string",
          examples: ["SOURCE_NOT_FOUND", "SOURCE_HTTP"],
        },
        reason: {
          type: "string",
        },
      },
    },
    WaitingSpec: {
      description: "Not submitted yet: waits for its bases' builds.",
      type: "object",
      required: ["file", "status", "reason", "bases"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "waiting",
        },
        reason: {
          type: "string",
        },
        bases: {
          type: "array",
          items: {
            $ref: "#/$defs/SpecResultFile",
          },
        },
      },
    },
    SpecResult: {
      title: "SpecResult",
      description:
        "What the build-trigger function did with one spec file of a push, upload or timer tick.",
      anyOf: [
        {
          $ref: "#/$defs/SubmittedSpec",
        },
        {
          $ref: "#/$defs/NotBuiltSpec",
        },
        {
          $ref: "#/$defs/FailedSpec",
        },
        {
          $ref: "#/$defs/InvalidSpec",
        },
        {
          $ref: "#/$defs/ErrorSpec",
        },
        {
          $ref: "#/$defs/WaitingSpec",
        },
      ],
      examples: [
        {
          file: "specs/busybox-hello/1.0.0.yaml",
          status: "submitted",
          imageBuildId: "ib-0123456789",
          jobId: "dlc-0123456789",
          clientToken: "3f2a9c0d1b",
        },
        {
          file: "specs/old/1.0.0.yaml",
          status: "removed",
          reason: "removed in this push; nothing built",
        },
        {
          file: "specs/bad/1.0.0.yaml",
          status: "invalid",
          problems: ["specs/bad/1.0.0.yaml: Image.Name: must match ^[a-z][a-z0-9-]{0,49}$"],
        },
      ],
    },
  },
} as const;

/** job-record.schema.json, bundled. */
export const JobRecordSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/job-record.schema.json",
  title: "JobRecord",
  description:
    "The payload of the build-trigger function's asynchronous invocation of itself (FC InvokeFunction, x-fc-invocation-type Async): a verified push reduced to what the worker needs. `dispatch` reads and builds `files`; `follow` polls `jobs` until each is terminal. Well under FC's 128 KB async limit: at most 50 files or jobs per record, never the webhook body.",
  type: "object",
  required: [
    "record",
    "phase",
    "delivery",
    "provider",
    "repository",
    "branch",
    "before",
    "after",
    "part",
    "parts",
    "acceptedAt",
  ],
  additionalProperties: false,
  properties: {
    record: {
      const: "imagebuild/job-record/v1",
    },
    phase: {
      enum: ["dispatch", "follow"],
    },
    delivery: {
      description:
        "The delivery key the HTTP answer named (the host's delivery id, or the content).",
      type: "string",
      minLength: 1,
      maxLength: 512,
    },
    provider: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]*$",
    },
    repository: {
      type: "string",
      minLength: 1,
      maxLength: 512,
    },
    branch: {
      type: "string",
      minLength: 1,
      maxLength: 512,
    },
    before: {
      type: "string",
      maxLength: 128,
    },
    after: {
      type: "string",
      minLength: 1,
      maxLength: 128,
    },
    part: {
      description: "This record's index among the delivery's records, from 0.",
      type: "integer",
      minimum: 0,
    },
    parts: {
      description: "How many records the delivery was split into.",
      type: "integer",
      minimum: 1,
    },
    truncated: {
      type: "boolean",
    },
    files: {
      description: "dispatch: the spec files of this part to read at `after` and build.",
      type: "array",
      maxItems: 50,
      items: {
        type: "string",
        minLength: 1,
        maxLength: 1024,
      },
    },
    removed: {
      description: "dispatch, part 0 only: spec files the push removed (reported, nothing built).",
      type: "array",
      maxItems: 50,
      items: {
        type: "string",
        minLength: 1,
        maxLength: 1024,
      },
    },
    jobs: {
      description: "follow: the submitted builds still to follow.",
      type: "array",
      maxItems: 50,
      items: {
        $ref: "#/$defs/FollowedJob",
      },
    },
    acceptedAt: {
      description: "When the HTTP trigger accepted the delivery (ISO 8601, UTC).",
      type: "string",
      pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$",
    },
    followSince: {
      description: "follow: when following started; the follow limit counts from here.",
      type: "string",
      pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$",
    },
    round: {
      description: "follow: how many follow invocations came before this one.",
      type: "integer",
      minimum: 0,
    },
    waiting: {
      description:
        "follow: specs built on specs of this push, submitted once every base in `bases` succeeded.",
      type: "array",
      maxItems: 50,
      items: {
        $ref: "#/$defs/WaitingFile",
      },
    },
    succeeded: {
      description: "follow: spec files of this record whose builds succeeded in earlier rounds.",
      type: "array",
      maxItems: 50,
      items: {
        type: "string",
        minLength: 1,
        maxLength: 1024,
      },
    },
  },
  examples: [
    {
      record: "imagebuild/job-record/v1",
      phase: "dispatch",
      delivery: "github:7b4e0c1e-0000-4000-8000-000000000000",
      provider: "github",
      repository: "acme/images",
      branch: "main",
      before: "0000000000000000000000000000000000000000",
      after: "0123456789abcdef0123456789abcdef01234567",
      part: 0,
      parts: 1,
      truncated: false,
      files: ["specs/busybox-hello/1.0.0.yaml"],
      removed: [],
      acceptedAt: "2026-01-02T03:04:05.000Z",
    },
    {
      record: "imagebuild/job-record/v1",
      phase: "follow",
      delivery: "github:7b4e0c1e-0000-4000-8000-000000000000",
      provider: "github",
      repository: "acme/images",
      branch: "main",
      before: "0000000000000000000000000000000000000000",
      after: "0123456789abcdef0123456789abcdef01234567",
      part: 0,
      parts: 1,
      jobs: [
        {
          file: "specs/busybox-hello/1.0.0.yaml",
          jobId: "dlc-0123456789",
          imageBuildId: "ib-0123456789",
          clientToken: "3f2a9c0d1b",
        },
      ],
      acceptedAt: "2026-01-02T03:04:05.000Z",
      followSince: "2026-01-02T03:04:06.000Z",
      round: 0,
    },
  ],
  $defs: {
    WaitingFile: {
      description: "A spec file waiting for the builds of the spec files it is built on.",
      type: "object",
      required: ["file", "bases"],
      additionalProperties: false,
      properties: {
        file: {
          type: "string",
          minLength: 1,
          maxLength: 1024,
        },
        bases: {
          type: "array",
          maxItems: 50,
          items: {
            type: "string",
            minLength: 1,
            maxLength: 1024,
          },
        },
      },
    },
    FollowedJob: {
      description: "One submitted build to follow: its spec file, DLC job and image build.",
      type: "object",
      required: ["file", "jobId", "imageBuildId", "clientToken"],
      additionalProperties: false,
      properties: {
        file: {
          type: "string",
          minLength: 1,
          maxLength: 1024,
        },
        jobId: {
          type: "string",
          minLength: 1,
          maxLength: 128,
        },
        imageBuildId: {
          type: "string",
          maxLength: 128,
        },
        clientToken: {
          type: "string",
          maxLength: 64,
        },
      },
    },
  },
} as const;

/** list-ecs-specs-query.schema.json, bundled. */
export const ListEcsSpecsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-ecs-specs-query.schema.json",
  title: "ListEcsSpecsQuery",
  description:
    "The query string of PAI-DLC ListEcsSpecs (GET /api/v1/ecsspecs). Field names from the official SDK model pai-dlc-20201203/src/models/ListEcsSpecsRequest.ts.",
  type: "object",
  additionalProperties: false,
  properties: {
    AcceleratorType: {
      type: "string",
      enum: ["CPU", "GPU"],
    },
    InstanceTypes: {
      type: "string",
      pattern: "^[^,]+(,[^,]+)*$",
      description: "Comma-separated instance types.",
    },
    Order: {
      type: "string",
      enum: ["desc", "asc", "DESC", "ASC"],
      description: "Default asc.",
    },
    PageNumber: {
      type: "string",
      pattern: "^[1-9][0-9]{0,6}$",
    },
    PageSize: {
      type: "string",
      pattern: "^([1-9][0-9]?|100)$",
      description: "1 to 100; default 10.",
    },
    ResourceType: {
      type: "string",
      enum: ["ECS", "Lingjun"],
    },
    SortBy: {
      type: "string",
      enum: ["CPU", "GPU", "Memory", "GmtCreateTime"],
    },
  },
  examples: [
    {
      AcceleratorType: "CPU",
      PageSize: "10",
    },
  ],
} as const;

/** list-ecs-specs-response.schema.json, bundled. */
export const ListEcsSpecsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-ecs-specs-response.schema.json",
  title: "ListEcsSpecsResponse",
  description:
    "The response of PAI-DLC ListEcsSpecs. Field names from the official SDK model pai-dlc-20201203/src/models/ListEcsSpecsResponseBody.ts (items: EcsSpec.ts).",
  type: "object",
  required: ["TotalCount", "EcsSpecs"],
  properties: {
    RequestId: {
      type: "string",
    },
    TotalCount: {
      type: "integer",
      minimum: 0,
    },
    EcsSpecs: {
      type: "array",
      items: {
        $ref: "#/$defs/EcsSpec",
      },
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
      TotalCount: 1,
      EcsSpecs: [
        {
          InstanceType: "ecs.c6.large",
          AcceleratorType: "CPU",
          Cpu: 2,
          Memory: 4,
          Gpu: 0,
          IsAvailable: true,
        },
      ],
    },
  ],
  $defs: {
    EcsSpec: {
      type: "object",
      required: ["InstanceType"],
      description: "One ECS instance type.",
      properties: {
        AcceleratorType: {
          type: "string",
        },
        Cpu: {
          type: "number",
        },
        DefaultGPUDriver: {
          type: "string",
        },
        Gpu: {
          type: "number",
        },
        GpuMemory: {
          type: "number",
        },
        GpuType: {
          type: "string",
        },
        InstanceType: {
          type: "string",
        },
        IsAvailable: {
          type: "boolean",
        },
        Memory: {
          type: "number",
          description: "GiB.",
        },
        NonProtectSpotDiscount: {
          type: "number",
        },
        PaymentTypes: {
          type: "array",
          items: {
            type: "string",
          },
        },
        ResourceType: {
          type: "string",
        },
        SpotStockStatus: {
          type: "string",
        },
        SupportedGPUDrivers: {
          type: "array",
          items: {
            type: "string",
          },
        },
      },
    },
  },
} as const;

/** list-image-labels-query.schema.json, bundled. */
export const ListImageLabelsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-image-labels-query.schema.json",
  title: "ListImageLabelsQuery",
  description:
    "The query string of AIWorkspace ListImageLabels (GET /api/v1/image/labels, version 2021-02-04). Field names from the official SDK model aiworkspace-20210204/src/models/ListImageLabelsRequest.ts.",
  type: "object",
  additionalProperties: false,
  properties: {
    ImageId: {
      type: "string",
      minLength: 1,
    },
    LabelFilter: {
      type: "string",
      pattern: "^[^=,]+=[^,]*(,[^=,]+=[^,]*)*$",
      description: "Comma-separated key=value pairs; only images with every pair count.",
      examples: ["system.official=false"],
    },
    LabelKeys: {
      type: "string",
      pattern: "^[^,]+(,[^,]+)*$",
      description: "Comma-separated keys; only these keys are listed.",
    },
    Region: {
      type: "string",
    },
    WorkspaceId: {
      type: "string",
      minLength: 1,
    },
  },
  examples: [
    {
      WorkspaceId: "12345",
      LabelKeys: "team,base.digest",
    },
  ],
} as const;

/** list-image-labels-response.schema.json, bundled. */
export const ListImageLabelsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-image-labels-response.schema.json",
  title: "ListImageLabelsResponse",
  description:
    "The response of AIWorkspace ListImageLabels. Field names from the official SDK model aiworkspace-20210204/src/models/ListImageLabelsResponseBody.ts.",
  type: "object",
  required: ["TotalCount", "Labels"],
  properties: {
    RequestId: {
      type: "string",
    },
    TotalCount: {
      type: "integer",
      minimum: 0,
    },
    Labels: {
      type: "array",
      items: {
        type: "object",
        required: ["Key"],
        properties: {
          Key: {
            type: "string",
          },
          Value: {
            type: "string",
          },
        },
      },
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
      TotalCount: 1,
      Labels: [
        {
          Key: "team",
          Value: "ml",
        },
      ],
    },
  ],
} as const;

/** list-images-query.schema.json, bundled. */
export const ListImagesQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-images-query.schema.json",
  title: "ListImagesQuery",
  description: "The query string of ListImages (GET /api/v1/images). Values arrive as strings.",
  type: "object",
  additionalProperties: false,
  properties: {
    WorkspaceId: {
      $ref: "#/$defs/WorkspaceId",
    },
    Name: {
      type: "string",
      maxLength: 128,
      description: "Fuzzy match on the name.",
    },
    Query: {
      type: "string",
      maxLength: 1024,
      description: "Fuzzy match on name and description.",
    },
    Labels: {
      type: "string",
      maxLength: 25000,
      pattern: "^[^=,]+=[^,]*(,[^=,]+=[^,]*)*$",
      description:
        "Comma-separated Key=Value pairs; every pair must match. At most 64 pairs (the local service answers 400 naming Labels beyond that).",
      examples: ["system.official=false,system.chipType=GPU"],
    },
    Accessibility: {
      $ref: "#/$defs/Accessibility",
    },
    ImageUri: {
      type: "string",
      maxLength: 512,
    },
    Verbose: {
      type: "string",
      enum: ["true", "false"],
      description: "true adds Labels to each item.",
    },
    PageNumber: {
      type: "string",
      pattern: "^[1-9][0-9]{0,6}$",
      description: "From 1; default 1.",
    },
    PageSize: {
      type: "string",
      pattern: "^([1-9][0-9]?|100)$",
      description: "1 to 100; default 20.",
    },
    SortBy: {
      type: "string",
      enum: ["GmtCreateTime"],
    },
    Order: {
      type: "string",
      enum: ["ASC", "DESC"],
      description: "Default ASC.",
    },
  },
  examples: [
    {
      WorkspaceId: "12345",
      Verbose: "true",
      PageNumber: "1",
      PageSize: "20",
    },
  ],
  $defs: {
    WorkspaceId: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      description: "The PAI workspace ID.",
      examples: ["12345"],
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
      description:
        "Visibility of the image: PUBLIC for every workspace member, PRIVATE for its creator.",
      examples: ["PRIVATE"],
    },
  },
} as const;

/** list-images-response.schema.json, bundled. */
export const ListImagesResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-images-response.schema.json",
  title: "ListImagesResponse",
  description: "The response of ListImages.",
  type: "object",
  required: ["TotalCount", "Images"],
  properties: {
    RequestId: {
      type: "string",
    },
    TotalCount: {
      type: "integer",
      minimum: 0,
    },
    Images: {
      type: "array",
      items: {
        $ref: "#/$defs/WorkspaceImage",
      },
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
      TotalCount: 0,
      Images: [],
    },
  ],
  $defs: {
    ImageId: {
      type: "string",
      pattern: "^image-[A-Za-z0-9]{1,64}$",
      examples: ["image-tzi7f9abcdefghs45t"],
    },
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      description: "One image label; a label is its Key (the Value may be empty).",
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
          examples: ["key1"],
        },
        Value: {
          type: "string",
          maxLength: 256,
          examples: ["value1"],
        },
      },
      examples: [
        {
          Key: "key1",
          Value: "value1",
        },
      ],
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
      description:
        "Image labels: at most 64 (a local-pai limit; see docs/decisions/local-pai-input-limits.md).",
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
      description:
        "Visibility of the image: PUBLIC for every workspace member, PRIVATE for its creator.",
      examples: ["PRIVATE"],
    },
    SourceType: {
      type: "string",
      enum: ["Import", "Build"],
      examples: ["Build"],
    },
    WorkspaceImage: {
      title: "WorkspaceImage",
      description: "One image in a workspace's image list (an item of ListImages).",
      type: "object",
      required: ["ImageId", "Name", "ImageUri"],
      properties: {
        ImageId: {
          $ref: "#/$defs/ImageId",
        },
        Name: {
          type: "string",
          examples: ["pytorch-train"],
        },
        Description: {
          type: "string",
        },
        ImageUri: {
          type: "string",
          examples: ["127.0.0.1:5000/pai/pytorch-train:2.4.0"],
        },
        Labels: {
          $ref: "#/$defs/Labels",
        },
        Accessibility: {
          $ref: "#/$defs/Accessibility",
        },
        WorkspaceId: {
          type: "string",
        },
        UserId: {
          type: "string",
        },
        ParentUserId: {
          type: "string",
        },
        Size: {
          type: "number",
          minimum: 0,
          description: "Image size in bytes.",
        },
        SourceId: {
          type: "string",
          description: "The image build ID when SourceType is Build.",
        },
        SourceType: {
          $ref: "#/$defs/SourceType",
        },
        GmtCreateTime: {
          type: "string",
          examples: ["2021-01-21T17:12:35.232Z"],
        },
        GmtModifiedTime: {
          type: "string",
          examples: ["2021-01-21T17:12:35.232Z"],
        },
      },
      examples: [
        {
          ImageId: "image-4c62abcdefghij53uo",
          Name: "busybox-tools",
          ImageUri: "127.0.0.1:5000/pai/busybox-tools:1.0.0",
          SourceType: "Build",
          SourceId: "build-abc",
        },
      ],
    },
  },
} as const;

/** list-jobs-query.schema.json, bundled. */
export const ListJobsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-jobs-query.schema.json",
  title: "ListJobsQuery",
  description:
    "The query string of PAI-DLC ListJobs (GET /api/v1/jobs, version 2020-12-03). Values arrive as strings. Field names from the official SDK model pai-dlc-20201203/src/models/ListJobsRequest.ts.",
  type: "object",
  additionalProperties: false,
  properties: {
    Accessibility: {
      type: "string",
    },
    BusinessUserId: {
      type: "string",
    },
    Caller: {
      type: "string",
    },
    Description: {
      type: "string",
    },
    DisplayName: {
      type: "string",
    },
    DisplayNameSearchMode: {
      type: "string",
      enum: ["wildcard", "exact"],
      description: "Default wildcard.",
    },
    EnableAssignNode: {
      type: "string",
    },
    EndTime: {
      type: "string",
      minLength: 1,
      description: "Jobs created at or before; default now.",
    },
    FromAllWorkspaces: {
      type: "string",
      enum: ["true", "false"],
    },
    ImageSearch: {
      type: "string",
    },
    JobId: {
      type: "string",
    },
    JobIds: {
      type: "string",
      minLength: 1,
      description: "Job ids separated by commas; JobId wins when both are given.",
    },
    JobType: {
      type: "string",
    },
    NumericRangeField: {
      type: "string",
    },
    NumericRangeMax: {
      type: "string",
      pattern: "^-?[0-9]+(\\.[0-9]+)?$",
    },
    NumericRangeMin: {
      type: "string",
      pattern: "^-?[0-9]+(\\.[0-9]+)?$",
    },
    Order: {
      type: "string",
      enum: ["desc", "asc", "DESC", "ASC"],
      description: "Default desc.",
    },
    OversoldInfo: {
      type: "string",
    },
    PageNumber: {
      type: "string",
      pattern: "^[1-9][0-9]{0,6}$",
      description: "From 1; default 1.",
    },
    PageSize: {
      type: "string",
      pattern: "^([1-9][0-9]?|100)$",
      description: "1 to 100; default 50.",
    },
    PaymentType: {
      type: "string",
    },
    PipelineId: {
      type: "string",
    },
    ReasonSearch: {
      type: "string",
    },
    ResourceId: {
      type: "string",
    },
    ResourceIds: {
      type: "string",
    },
    ResourceQuotaName: {
      type: "string",
    },
    ShowOwn: {
      type: "string",
      enum: ["true", "false"],
    },
    SortBy: {
      type: "string",
      enum: ["DisplayName", "JobType", "Status", "GmtCreateTime", "GmtFinishTime"],
    },
    StartTime: {
      type: "string",
      minLength: 1,
      description: "Jobs created at or after; with EndTime absent too, the last 7 days.",
    },
    Status: {
      type: "string",
      minLength: 1,
      description: "One DLC status, or several separated by commas.",
      examples: ["Running,Failed"],
    },
    Tags: {
      type: "string",
      description: "A JSON object of tag keys and values (the SDK sends the map as JSON).",
    },
    TemplateId: {
      type: "string",
    },
    TimeRangeField: {
      type: "string",
    },
    UserCommandSearch: {
      type: "string",
    },
    UserIdForFilter: {
      type: "string",
    },
    Username: {
      type: "string",
    },
    WorkspaceId: {
      type: "string",
    },
  },
  examples: [
    {
      WorkspaceId: "12345",
      Status: "Failed",
      PageNumber: "1",
      PageSize: "20",
      SortBy: "GmtCreateTime",
      Order: "desc",
    },
  ],
} as const;

/** list-jobs-response.schema.json, bundled. */
export const ListJobsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-jobs-response.schema.json",
  title: "ListJobsResponse",
  description:
    "The response of PAI-DLC ListJobs. Field names from the official SDK model pai-dlc-20201203/src/models/ListJobsResponseBody.ts (items: JobItem.ts).",
  type: "object",
  required: ["TotalCount", "Jobs"],
  properties: {
    RequestId: {
      type: "string",
    },
    TotalCount: {
      type: "integer",
      minimum: 0,
    },
    Jobs: {
      type: "array",
      items: {
        $ref: "#/$defs/DlcJob",
      },
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
      TotalCount: 1,
      Jobs: [
        {
          JobId: "dlc-abcd1234",
          Status: "Failed",
        },
      ],
    },
  ],
  $defs: {
    JobStatus: {
      type: "string",
      enum: [
        "Creating",
        "Queuing",
        "Dequeued",
        "Bidding",
        "EnvPreparing",
        "SanityChecking",
        "Running",
        "Restarting",
        "Stopping",
        "SucceededReserving",
        "FailedReserving",
        "Succeeded",
        "Failed",
        "Stopped",
      ],
      description: "DLC job status; Succeeded, Failed and Stopped are terminal.",
      examples: ["Running"],
    },
    StatusTransition: {
      type: "object",
      required: ["Status", "Time"],
      properties: {
        Status: {
          $ref: "#/$defs/JobStatus",
        },
        Time: {
          type: "string",
        },
        ReasonCode: {
          type: "string",
        },
        ReasonMessage: {
          type: "string",
        },
        StartTime: {
          type: "string",
          description:
            "When the job entered Status (the SDK's StatusTransitionItem name; equal to Time).",
        },
        EndTime: {
          type: "string",
          description: "When the job left Status; absent for the current one.",
        },
      },
    },
    Pod: {
      type: "object",
      required: ["PodId", "Status"],
      description: "One pod of a job (GetJobResponseBodyPods in the SDK).",
      properties: {
        PodId: {
          type: "string",
          examples: ["dlc-abcd1234-worker-0"],
        },
        PodUid: {
          type: "string",
        },
        Type: {
          type: "string",
          examples: ["Worker"],
        },
        Status: {
          type: "string",
          examples: ["Running"],
        },
        SubStatus: {
          type: "string",
        },
        Ip: {
          type: "string",
        },
        NodeName: {
          type: "string",
        },
        GmtCreateTime: {
          type: "string",
        },
        GmtStartTime: {
          type: "string",
        },
        GmtFinishTime: {
          type: "string",
        },
        Duration: {
          type: "integer",
          minimum: 0,
        },
        ResourceType: {
          type: "string",
        },
      },
    },
    DlcJob: {
      title: "DlcJob",
      description:
        "The response of PAI-DLC GetJob (GET /api/v1/jobs/{JobId}, version 2020-12-03) and an item of ListJobs: the job that runs an image build. Field names from the official SDK models pai-dlc-20201203/src/models/GetJobResponseBody.ts and JobItem.ts.",
      type: "object",
      required: ["JobId", "Status"],
      properties: {
        RequestId: {
          type: "string",
        },
        JobId: {
          type: "string",
          examples: ["dlc-abcd1234"],
        },
        DisplayName: {
          type: "string",
        },
        JobType: {
          type: "string",
          examples: ["ImageBuild"],
        },
        WorkspaceId: {
          type: "string",
        },
        Status: {
          $ref: "#/$defs/JobStatus",
        },
        SubStatus: {
          type: "string",
        },
        ReasonCode: {
          type: "string",
          examples: ["JobStoppedByUser"],
        },
        ReasonMessage: {
          type: "string",
        },
        GmtCreateTime: {
          type: "string",
        },
        GmtRunningTime: {
          type: "string",
        },
        GmtFinishTime: {
          type: "string",
        },
        StatusHistory: {
          type: "array",
          items: {
            $ref: "#/$defs/StatusTransition",
          },
        },
        UserId: {
          type: "string",
        },
        Duration: {
          type: "integer",
          minimum: 0,
          description: "Seconds from GmtRunningTime to GmtFinishTime (or now).",
        },
        Pods: {
          type: "array",
          items: {
            $ref: "#/$defs/Pod",
          },
          description: "A build job has one pod.",
        },
      },
      examples: [
        {
          JobId: "dlc-abcd1234",
          Status: "Running",
          StatusHistory: [
            {
              Status: "Creating",
              Time: "2026-01-01T00:00:00.000Z",
            },
          ],
        },
      ],
    },
  },
} as const;

/** publish-image-response.schema.json, bundled. */
export const PublishImageResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/publish-image-response.schema.json",
  title: "PublishImageResponse",
  description:
    "The response of AIWorkspace PublishImage (PUT /api/v1/images/{ImageId}/publish). Field names from the official SDK model aiworkspace-20210204/src/models/PublishImageResponseBody.ts.",
  type: "object",
  required: ["ImageId"],
  properties: {
    RequestId: {
      type: "string",
    },
    ImageId: {
      type: "string",
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
      ImageId: "image-4c62abcdefghij53uo",
    },
  ],
} as const;

/** request-id-response.schema.json, bundled. */
export const RequestIdResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/request-id-response.schema.json",
  title: "RequestIdResponse",
  description:
    "A response that carries only its RequestId: RemoveImage, StopJob, AddImageLabels and RemoveImageLabels.",
  type: "object",
  properties: {
    RequestId: {
      type: "string",
    },
  },
  examples: [
    {
      RequestId: "5A14FA81-DD4E-4000-8000-000000000000",
    },
  ],
} as const;

/** spec-result.schema.json, bundled. */
export const SpecResultSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/spec-result.schema.json",
  title: "SpecResult",
  description:
    "What the build-trigger function did with one spec file of a push, upload or timer tick.",
  anyOf: [
    {
      $ref: "#/$defs/SubmittedSpec",
    },
    {
      $ref: "#/$defs/NotBuiltSpec",
    },
    {
      $ref: "#/$defs/FailedSpec",
    },
    {
      $ref: "#/$defs/InvalidSpec",
    },
    {
      $ref: "#/$defs/ErrorSpec",
    },
    {
      $ref: "#/$defs/WaitingSpec",
    },
  ],
  examples: [
    {
      file: "specs/busybox-hello/1.0.0.yaml",
      status: "submitted",
      imageBuildId: "ib-0123456789",
      jobId: "dlc-0123456789",
      clientToken: "3f2a9c0d1b",
    },
    {
      file: "specs/old/1.0.0.yaml",
      status: "removed",
      reason: "removed in this push; nothing built",
    },
    {
      file: "specs/bad/1.0.0.yaml",
      status: "invalid",
      problems: ["specs/bad/1.0.0.yaml: Image.Name: must match ^[a-z][a-z0-9-]{0,49}$"],
    },
  ],
  $defs: {
    SpecResultFile: {
      type: "string",
      minLength: 1,
      examples: ["specs/pytorch/2.4.0.yaml"],
    },
    SubmittedSpec: {
      description: "CreateImageBuild was called (or its ClientToken matched an earlier build).",
      type: "object",
      required: ["file", "status", "imageBuildId", "jobId", "clientToken"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "submitted",
        },
        imageBuildId: {
          type: "string",
        },
        jobId: {
          type: "string",
        },
        clientToken: {
          type: "string",
        },
        attempt: {
          description:
            "Which build attempt of this content and slot the job is: 1 the first, one more after each Failed or Stopped build.",
          type: "integer",
          minimum: 1,
        },
        replay: {
          description:
            "Set when the service answered with an earlier build of the same ClientToken: nothing new was started.",
          $ref: "#/$defs/EarlierJob",
        },
        rebuildOf: {
          description:
            "Set when this build is a new attempt because the previous one ended Failed or Stopped.",
          $ref: "#/$defs/EarlierJob",
        },
        finalStatus: {
          enum: ["Succeeded", "Failed", "Stopped"],
        },
        reason: {
          type: "string",
        },
      },
    },
    EarlierJob: {
      description:
        "A build's DLC job as GetJob showed it when the service replayed its ClientToken.",
      type: "object",
      required: ["jobId", "status", "at"],
      additionalProperties: false,
      properties: {
        jobId: {
          type: "string",
        },
        status: {
          type: "string",
        },
        at: {
          description:
            "When the job ended (GmtFinishTime), or was created if it still runs (GmtCreateTime).",
          type: "string",
        },
        reason: {
          type: "string",
        },
      },
    },
    NotBuiltSpec: {
      description:
        "Nothing was built for the file: skipped (absent, already built), removed, not a spec, or blocked (a base did not succeed).",
      type: "object",
      required: ["file", "status", "reason"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          enum: ["skipped", "removed", "ignored", "blocked"],
        },
        reason: {
          type: "string",
        },
      },
    },
    FailedSpec: {
      description: "CreateImageBuild failed for the file.",
      type: "object",
      required: ["file", "status", "error"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "failed",
        },
        error: {
          type: "object",
          required: ["code", "message", "retryable"],
          additionalProperties: false,
          properties: {
            code: {
              type: "string",
            },
            message: {
              type: "string",
            },
            retryable: {
              type: "boolean",
            },
          },
        },
      },
    },
    ErrorSpec: {
      description:
        "The spec could not be read (401, 403, 404 on a private repository, a missing token, a wrong API root): never reported as skipped.",
      type: "object",
      required: ["file", "status", "code", "reason"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "error",
        },
        code: {
          type: "string",
          examples: ["SOURCE_NOT_FOUND", "SOURCE_HTTP"],
        },
        reason: {
          type: "string",
        },
      },
    },
    WaitingSpec: {
      description: "Not submitted yet: waits for its bases' builds.",
      type: "object",
      required: ["file", "status", "reason", "bases"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "waiting",
        },
        reason: {
          type: "string",
        },
        bases: {
          type: "array",
          items: {
            $ref: "#/$defs/SpecResultFile",
          },
        },
      },
    },
    InvalidSpec: {
      description: "The spec did not validate; each problem names the file and field.",
      type: "object",
      required: ["file", "status", "problems"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "invalid",
        },
        problems: {
          type: "array",
          items: {
            type: "string",
          },
        },
      },
    },
  },
} as const;

/** spec.schema.json, bundled. */
export const SpecSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/spec.schema.json",
  title: "Spec",
  description:
    "An imagebuild/v1 file: an image version (kind ImageBuild, at specs/<image-name>/<version>.yaml) or layered defaults (kind Defaults, in a _defaults.yaml). Build fields use the CreateImageBuild vocabulary; fields may come from defaults and environment overlays, so the request is checked in full only after layering.",
  type: "object",
  required: ["apiVersion", "kind"],
  additionalProperties: false,
  properties: {
    apiVersion: {
      type: "string",
      const: "imagebuild/v1",
    },
    kind: {
      type: "string",
      enum: ["ImageBuild", "Defaults"],
      description: "ImageBuild for an image version, Defaults for a _defaults.yaml.",
    },
    description: {
      type: "string",
      maxLength: 1024,
    },
    registry: {
      $ref: "#/$defs/SpecRegistry",
    },
    build: {
      $ref: "#/$defs/SpecBuild",
    },
    policy: {
      $ref: "#/$defs/SpecPolicy",
    },
    environments: {
      type: "object",
      description: "Overlays by environment name (--env NAME), applied after all defaults.",
      propertyNames: {
        pattern: "^[a-z][a-z0-9-]{0,31}$",
      },
      additionalProperties: {
        $ref: "#/$defs/SpecOverlay",
      },
    },
  },
  examples: [
    {
      apiVersion: "imagebuild/v1",
      kind: "ImageBuild",
      build: {
        Image: {
          Name: "busybox-tools",
          Description: "Busybox with a motd",
        },
        BuildConfig: {
          BuildType: "CustomDockerfile",
          Dockerfile: "FROM busybox:1.36\nRUN echo hello > /etc/motd\n",
        },
      },
      policy: {
        tag: "immutable",
      },
    },
  ],
  $defs: {
    SpecRegistry: {
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$",
      description:
        "Registry host and namespace; when Image.Uri is not given it is <registry>/<image-name>:<version>.",
      examples: ["127.0.0.1:5000/pai", "my-registry-vpc.cn-hangzhou.cr.aliyuncs.com/ml"],
    },
    SpecBuild: {
      type: "object",
      additionalProperties: false,
      description: "CreateImageBuild body fields; any may come from defaults or an overlay.",
      properties: {
        Accessibility: {
          $ref: "#/$defs/Accessibility",
        },
        WorkspaceId: {
          $ref: "#/$defs/WorkspaceId",
        },
        Resource: {
          $ref: "#/$defs/Resource",
        },
        UserVpc: {
          $ref: "#/$defs/UserVpc",
        },
        TargetRegistry: {
          $ref: "#/$defs/SpecTargetRegistry",
        },
        RegionId: {
          $ref: "#/$defs/RegionId",
        },
        ImageBuildJobName: {
          type: "string",
          minLength: 1,
          maxLength: 128,
        },
        Image: {
          $ref: "#/$defs/SpecImage",
        },
        BuildConfig: {
          $ref: "#/$defs/SpecBuildConfig",
        },
        args: {
          type: "object",
          description:
            "Build arguments: each sets the default of the Dockerfile's ARG of that name. Literal values only.",
          propertyNames: {
            pattern: "^[A-Za-z_][A-Za-z0-9_]{0,127}$",
          },
          additionalProperties: {
            type: "string",
            pattern: "^[A-Za-z0-9._:/@+=,%~^-]{0,1024}$",
          },
          examples: [
            {
              DEBIAN_SUITE: "bookworm",
            },
          ],
        },
      },
    },
    SpecTargetRegistry: {
      type: "object",
      additionalProperties: false,
      description:
        "TargetRegistry fields; Type may come from defaults, so an overlay can set only InstanceId. The layered request requires Type.",
      properties: {
        InstanceId: {
          $ref: "#/$defs/AcrInstanceId",
        },
        Type: {
          $ref: "#/$defs/TargetRegistryType",
        },
      },
    },
    SpecImage: {
      type: "object",
      additionalProperties: false,
      description:
        "Image metadata. Name defaults to the folder name and Uri to <registry>/<Name>:<version>.",
      properties: {
        Name: {
          $ref: "#/$defs/ImageName",
        },
        Description: {
          type: "string",
          maxLength: 1024,
        },
        Uri: {
          $ref: "#/$defs/ImageUri",
        },
        Labels: {
          $ref: "#/$defs/Labels",
        },
      },
    },
    SpecBuildConfig: {
      type: "object",
      additionalProperties: false,
      description:
        "CustomDockerfile: Dockerfile inline or DockerfileFile beside the spec. PackageInstallation: Packages, rendered into a Dockerfile.",
      properties: {
        BuildType: {
          $ref: "#/$defs/BuildType",
        },
        Dockerfile: {
          type: "string",
          minLength: 1,
          maxLength: 65536,
        },
        DockerfileFile: {
          type: "string",
          pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]*$",
          description: "A file in the spec's folder holding the Dockerfile.",
          examples: ["Dockerfile"],
        },
        Packages: {
          $ref: "#/$defs/SpecPackages",
        },
        RegistryAuths: {
          type: "object",
          description:
            "Registry host to a credential reference, resolved at dispatch. Never a literal credential.",
          propertyNames: {
            pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?$",
          },
          additionalProperties: {
            $ref: "#/$defs/CredentialRef",
          },
        },
      },
    },
    CredentialRef: {
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      description:
        "Where a registry credential ('user:password') is found at dispatch: a secret name (the env var IMAGEBUILD_SECRET_<NAME>), or that variable itself (fromEnv: IMAGEBUILD_SECRET_<NAME>; any other variable is a secret-scope error). The secret must be bound to this registry host in IMAGEBUILD_SECRET_HOSTS where the build runs.",
      properties: {
        fromEnv: {
          type: "string",
          pattern: "^[A-Z_][A-Z0-9_]{0,127}$",
          examples: ["IMAGEBUILD_SECRET_ACR_PULL"],
        },
        secret: {
          type: "string",
          pattern: "^[a-z0-9][a-z0-9-]{0,62}$",
          examples: ["acr-pull"],
        },
      },
    },
    SpecPackages: {
      type: "object",
      additionalProperties: false,
      required: ["Base"],
      description:
        "A base image and package lists in each package manager's own syntax. The lint rule package-syntax reads every entry with a parser of that syntax (PEP 508 for Pip, conda match specs, apt-get's name[:arch][=version|/release]); entries reach the package manager as arguments, never through a shell.",
      properties: {
        Base: {
          type: "string",
          pattern:
            "^[a-z0-9][a-z0-9._/:-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})(@sha256:[0-9a-f]{64})?$",
          description: "Base image with an explicit tag.",
          examples: ["debian:bookworm"],
        },
        Apt: {
          type: "array",
          maxItems: 500,
          description:
            "apt-get install arguments: name, name:arch, name=version (a Debian version) or name/release.",
          items: {
            type: "string",
            minLength: 1,
            maxLength: 256,
          },
          examples: [["python3-numpy", "curl=7.88.1-10+deb12u8", "libc6:i386"]],
        },
        Pip: {
          type: "array",
          maxItems: 500,
          description:
            "PEP 508 requirements: name, [extras], version clauses (~= == != <= >= < > ===, comma-separated), ; environment marker. No URLs or direct references.",
          items: {
            type: "string",
            minLength: 1,
            maxLength: 256,
          },
          examples: [
            [
              "numpy==1.26.4",
              "scikit-learn>=1.3,<1.5",
              'requests[socks]==2.32.3; python_version >= "3.9"',
            ],
          ],
        },
        Conda: {
          type: "array",
          maxItems: 500,
          description:
            "conda match specs: [channel::]name, then a version (=1.2, >=1.2,<2, 1.2.*) and a build string (after a space or as name=version=build).",
          items: {
            type: "string",
            minLength: 1,
            maxLength: 256,
          },
          examples: [["cudatoolkit=11.8", "pytorch::pytorch>=2.1", "numpy 1.26.* py311*"]],
        },
      },
    },
    SpecPolicy: {
      type: "object",
      additionalProperties: false,
      description: "When and how a version is rebuilt.",
      properties: {
        schedule: {
          type: "string",
          pattern: "^\\S+( \\S+){5}$",
          description: "A 6-field cron (seconds first), UTC, for scheduled rebuilds.",
          examples: ["0 0 4 * * 1"],
        },
        tag: {
          type: "string",
          enum: ["immutable", "overwrite", "dated"],
          description:
            "immutable: built once, never replaced; overwrite: rebuilds replace the tag; dated: rebuilds push <version>-<yyyymmdd>.",
          examples: ["immutable"],
        },
        rebuild: {
          type: "string",
          enum: ["never", "with-base", "on-base-change"],
          description:
            "with-base: rebuilt after a spec it is built on is built; on-base-change: that too, and rebuilt by the base-change timer when the registry digest of a base it was built on changes (needs tag overwrite or dated); never (default).",
          examples: ["with-base"],
        },
      },
    },
    SpecOverlay: {
      type: "object",
      additionalProperties: false,
      description:
        "What an environment replaces: registry, workspace, resources and any other build field.",
      properties: {
        registry: {
          $ref: "#/$defs/SpecRegistry",
        },
        build: {
          $ref: "#/$defs/SpecBuild",
        },
      },
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
      description:
        "Visibility of the image: PUBLIC for every workspace member, PRIVATE for its creator.",
      examples: ["PRIVATE"],
    },
    WorkspaceId: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      description: "The PAI workspace ID.",
      examples: ["12345"],
    },
    ResourceConfig: {
      type: "object",
      additionalProperties: false,
      description: "Subscription resources; empty for the public resource group.",
      properties: {
        CPU: {
          type: "string",
          pattern: "^[0-9]+(\\.[0-9]+)?$",
          examples: ["4"],
        },
        Memory: {
          type: "string",
          pattern: "^[0-9]+(Ki|Mi|Gi|Ti)?$",
          examples: ["8Gi"],
        },
      },
    },
    Resource: {
      type: "object",
      additionalProperties: false,
      description:
        "The resources that run the build: EcsSpec for the public resource group, or ResourceId, ResourceType and ResourceConfig for subscription resources.",
      properties: {
        EcsSpec: {
          type: "string",
          pattern: "^ecs\\.[a-z0-9-]+\\.[a-z0-9-]+$",
          examples: ["ecs.c6.large"],
        },
        ResourceConfig: {
          $ref: "#/$defs/ResourceConfig",
        },
        ResourceId: {
          type: "string",
          minLength: 1,
          examples: ["quotaadzoqup693z"],
        },
        ResourceType: {
          type: "string",
          enum: ["Lingjun"],
          examples: ["Lingjun"],
        },
      },
      examples: [
        {
          EcsSpec: "ecs.c6.large",
        },
      ],
    },
    UserVpc: {
      type: "object",
      additionalProperties: false,
      description: "The user's VPC, for reaching an ACR Enterprise Edition instance.",
      properties: {
        VpcId: {
          type: "string",
          pattern: "^vpc-[A-Za-z0-9*]+$",
          examples: ["vpc-abcdef"],
        },
        SwitchId: {
          type: "string",
          pattern: "^vs[w]?-[A-Za-z0-9*]+$",
          examples: ["vs-abcdef"],
        },
        SecurityGroupId: {
          type: "string",
          pattern: "^sg-[A-Za-z0-9*]+$",
          examples: ["sg-abcdef"],
        },
        ExtendedCidrs: {
          type: "array",
          items: {
            type: "string",
            pattern: "^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$",
          },
          examples: [["10.0.0.0/24"]],
        },
        DefaultRoute: {
          type: "string",
          examples: ["eth1"],
        },
      },
    },
    RegionId: {
      type: "string",
      pattern: "^[a-z]{2}(-[a-z0-9]+)+$",
      description: "The region ID.",
      examples: ["cn-wulanchabu"],
    },
    AcrInstanceId: {
      type: "string",
      pattern: "^cri-[A-Za-z0-9*]+$",
      description: "An ACR Enterprise Edition instance ID.",
      examples: ["cri-abcd"],
    },
    TargetRegistryType: {
      type: "string",
      enum: ["AcrEnterprise"],
      description: "Only ACR Enterprise Edition is supported.",
      examples: ["AcrEnterprise"],
    },
    ImageName: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]{0,49}$",
      description:
        "1 to 50 characters of lower-case letters, digits and '-', starting with a letter; unique in the workspace.",
      examples: ["pytorch-train"],
    },
    ImageUri: {
      type: "string",
      minLength: 3,
      maxLength: 512,
      pattern:
        "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?/[a-z0-9]+([._/-][a-z0-9]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
      description: "The image reference with its tag: registry host, repository path and tag.",
      examples: ["user-test-registry-vpc.cn-wulanchabu.cr.aliyuncs.com/pai-test/pai-test:test-v1"],
    },
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      description: "One image label; a label is its Key (the Value may be empty).",
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
          examples: ["key1"],
        },
        Value: {
          type: "string",
          maxLength: 256,
          examples: ["value1"],
        },
      },
      examples: [
        {
          Key: "key1",
          Value: "value1",
        },
      ],
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
      description:
        "Image labels: at most 64 (a local-pai limit; see docs/decisions/local-pai-input-limits.md).",
    },
    BuildType: {
      type: "string",
      enum: ["PackageInstallation", "CustomDockerfile"],
      description:
        "PackageInstallation installs packages on a chosen base image; CustomDockerfile builds a free-form Dockerfile.",
      examples: ["CustomDockerfile"],
    },
  },
} as const;

/** webhook-answer.schema.json, bundled. */
export const WebhookAnswerSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/webhook-answer.schema.json",
  title: "WebhookAnswer",
  description:
    "The JSON body of the build-trigger function's answer to an HTTP-trigger event (health check or webhook delivery).",
  anyOf: [
    {
      $ref: "#/$defs/HealthAnswer",
    },
    {
      $ref: "#/$defs/ErrorAnswer",
    },
    {
      $ref: "#/$defs/PongAnswer",
    },
    {
      $ref: "#/$defs/IgnoredAnswer",
    },
    {
      $ref: "#/$defs/AcceptedAnswer",
    },
    {
      $ref: "#/$defs/ProcessedPushAnswer",
    },
    {
      $ref: "#/$defs/FailedPushAnswer",
    },
  ],
  examples: [
    {
      status: "ok",
    },
    {
      error: "Unauthorized",
      message: "no valid X-Hub-Signature-256",
    },
    {
      status: "accepted",
      delivery: "github:7b4e0c1e-0000-4000-8000-000000000000",
      commit: "0123456789abcdef0123456789abcdef01234567",
      note: "still dispatching; results are logged",
    },
    {
      status: "processed",
      delivery: "github:7b4e0c1e-0000-4000-8000-000000000000",
      repository: "acme/images",
      branch: "main",
      commit: "0123456789abcdef0123456789abcdef01234567",
      truncated: false,
      results: [
        {
          file: "specs/busybox-hello/1.0.0.yaml",
          status: "submitted",
          imageBuildId: "ib-0123456789",
          jobId: "dlc-0123456789",
          clientToken: "3f2a9c0d1b",
        },
      ],
    },
  ],
  $defs: {
    GitProvider: {
      description:
        "The name of a git provider registered in the function (github, gitlab, codeup).",
      type: "string",
      pattern: "^[a-z][a-z0-9-]*$",
    },
    HealthAnswer: {
      description: "GET /healthz.",
      type: "object",
      required: ["status"],
      additionalProperties: false,
      properties: {
        status: {
          const: "ok",
        },
      },
    },
    ErrorAnswer: {
      description: "A request the function refused (4xx) or could not handle (500).",
      type: "object",
      required: ["error", "message"],
      additionalProperties: false,
      properties: {
        error: {
          type: "string",
          examples: ["Unauthorized", "InvalidBody"],
        },
        message: {
          type: "string",
        },
        issues: {
          type: "array",
          items: {},
        },
      },
    },
    PongAnswer: {
      description: "A provider's ping event.",
      type: "object",
      required: ["status", "provider"],
      additionalProperties: false,
      properties: {
        status: {
          const: "pong",
        },
        provider: {
          $ref: "#/$defs/GitProvider",
        },
      },
    },
    IgnoredAnswer: {
      description:
        "A verified delivery with nothing to build (another branch, a tag, a non-push event).",
      type: "object",
      required: ["status", "reason"],
      additionalProperties: false,
      properties: {
        status: {
          const: "ignored",
        },
        reason: {
          type: "string",
        },
      },
    },
    AcceptedAnswer: {
      description:
        "The verified push was handed to asynchronous invocations of the function (job records); results are reported by the worker. `specs` counts the spec files to build, `records` the invocations.",
      type: "object",
      required: ["status", "delivery", "commit", "note"],
      additionalProperties: false,
      properties: {
        status: {
          const: "accepted",
        },
        delivery: {
          type: "string",
        },
        commit: {
          type: "string",
        },
        note: {
          type: "string",
        },
        records: {
          type: "integer",
          minimum: 0,
        },
        specs: {
          type: "integer",
          minimum: 0,
        },
        duplicate: {
          description:
            "Function Compute already had these records (a redelivery of the same delivery id).",
          type: "boolean",
        },
      },
    },
    ProcessedPushAnswer: {
      description: "The push was dispatched: one result per announced spec file.",
      type: "object",
      required: ["status", "delivery", "repository", "branch", "commit", "truncated", "results"],
      additionalProperties: false,
      properties: {
        status: {
          const: "processed",
        },
        delivery: {
          type: "string",
        },
        repository: {
          type: "string",
        },
        branch: {
          type: "string",
        },
        commit: {
          type: "string",
        },
        truncated: {
          type: "boolean",
        },
        results: {
          type: "array",
          items: {
            $ref: "#/$defs/SpecResult",
          },
        },
      },
    },
    FailedPushAnswer: {
      description: "The push could not be dispatched (503 when a redelivery can help, else 422).",
      type: "object",
      required: ["status", "delivery", "repository", "branch", "commit", "truncated", "error"],
      additionalProperties: false,
      properties: {
        status: {
          const: "failed",
        },
        delivery: {
          type: "string",
        },
        repository: {
          type: "string",
        },
        branch: {
          type: "string",
        },
        commit: {
          type: "string",
        },
        truncated: {
          type: "boolean",
        },
        error: {
          type: "string",
        },
        results: {
          description:
            "One `error` result per spec the push announced, when the failure was reading them.",
          type: "array",
          items: {
            $ref: "#/$defs/SpecResult",
          },
        },
      },
    },
    SpecResultFile: {
      type: "string",
      minLength: 1,
      examples: ["specs/pytorch/2.4.0.yaml"],
    },
    EarlierJob: {
      description:
        "A build's DLC job as GetJob showed it when the service replayed its ClientToken.",
      type: "object",
      required: ["jobId", "status", "at"],
      additionalProperties: false,
      properties: {
        jobId: {
          type: "string",
        },
        status: {
          type: "string",
        },
        at: {
          description:
            "When the job ended (GmtFinishTime), or was created if it still runs (GmtCreateTime).",
          type: "string",
        },
        reason: {
          type: "string",
        },
      },
    },
    SubmittedSpec: {
      description: "CreateImageBuild was called (or its ClientToken matched an earlier build).",
      type: "object",
      required: ["file", "status", "imageBuildId", "jobId", "clientToken"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "submitted",
        },
        imageBuildId: {
          type: "string",
        },
        jobId: {
          type: "string",
        },
        clientToken: {
          type: "string",
        },
        attempt: {
          description:
            "Which build attempt of this content and slot the job is: 1 the first, one more after each Failed or Stopped build.",
          type: "integer",
          minimum: 1,
        },
        replay: {
          description:
            "Set when the service answered with an earlier build of the same ClientToken: nothing new was started.",
          $ref: "#/$defs/EarlierJob",
        },
        rebuildOf: {
          description:
            "Set when this build is a new attempt because the previous one ended Failed or Stopped.",
          $ref: "#/$defs/EarlierJob",
        },
        finalStatus: {
          enum: ["Succeeded", "Failed", "Stopped"],
        },
        reason: {
          type: "string",
        },
      },
    },
    NotBuiltSpec: {
      description:
        "Nothing was built for the file: skipped (absent, already built), removed, not a spec, or blocked (a base did not succeed).",
      type: "object",
      required: ["file", "status", "reason"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          enum: ["skipped", "removed", "ignored", "blocked"],
        },
        reason: {
          type: "string",
        },
      },
    },
    FailedSpec: {
      description: "CreateImageBuild failed for the file.",
      type: "object",
      required: ["file", "status", "error"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "failed",
        },
        error: {
          type: "object",
          required: ["code", "message", "retryable"],
          additionalProperties: false,
          properties: {
            code: {
              type: "string",
            },
            message: {
              type: "string",
            },
            retryable: {
              type: "boolean",
            },
          },
        },
      },
    },
    InvalidSpec: {
      description: "The spec did not validate; each problem names the file and field.",
      type: "object",
      required: ["file", "status", "problems"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "invalid",
        },
        problems: {
          type: "array",
          items: {
            type: "string",
          },
        },
      },
    },
    ErrorSpec: {
      description:
        "The spec could not be read (401, 403, 404 on a private repository, a missing token, a wrong API root): never reported as skipped.",
      type: "object",
      required: ["file", "status", "code", "reason"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "error",
        },
        code: {
          type: "string",
          examples: ["SOURCE_NOT_FOUND", "SOURCE_HTTP"],
        },
        reason: {
          type: "string",
        },
      },
    },
    WaitingSpec: {
      description: "Not submitted yet: waits for its bases' builds.",
      type: "object",
      required: ["file", "status", "reason", "bases"],
      additionalProperties: false,
      properties: {
        file: {
          $ref: "#/$defs/SpecResultFile",
        },
        status: {
          const: "waiting",
        },
        reason: {
          type: "string",
        },
        bases: {
          type: "array",
          items: {
            $ref: "#/$defs/SpecResultFile",
          },
        },
      },
    },
    SpecResult: {
      title: "SpecResult",
      description:
        "What the build-trigger function did with one spec file of a push, upload or timer tick.",
      anyOf: [
        {
          $ref: "#/$defs/SubmittedSpec",
        },
        {
          $ref: "#/$defs/NotBuiltSpec",
        },
        {
          $ref: "#/$defs/FailedSpec",
        },
        {
          $ref: "#/$defs/InvalidSpec",
        },
        {
          $ref: "#/$defs/ErrorSpec",
        },
        {
          $ref: "#/$defs/WaitingSpec",
        },
      ],
      examples: [
        {
          file: "specs/busybox-hello/1.0.0.yaml",
          status: "submitted",
          imageBuildId: "ib-0123456789",
          jobId: "dlc-0123456789",
          clientToken: "3f2a9c0d1b",
        },
        {
          file: "specs/old/1.0.0.yaml",
          status: "removed",
          reason: "removed in this push; nothing built",
        },
        {
          file: "specs/bad/1.0.0.yaml",
          status: "invalid",
          problems: ["specs/bad/1.0.0.yaml: Image.Name: must match ^[a-z][a-z0-9-]{0,49}$"],
        },
      ],
    },
  },
} as const;

/** Every bundled schema by file name. */
export const schemasByFile = {
  "add-image-labels-request.schema.json": AddImageLabelsRequestSchema,
  "add-image-request.schema.json": AddImageRequestSchema,
  "add-image-response.schema.json": AddImageResponseSchema,
  "codeup-push.schema.json": CodeupPushSchema,
  "create-image-build-query.schema.json": CreateImageBuildQuerySchema,
  "create-image-build-request.schema.json": CreateImageBuildRequestSchema,
  "create-image-build-response.schema.json": CreateImageBuildResponseSchema,
  "delete-job-response.schema.json": DeleteJobResponseSchema,
  "dlc-job.schema.json": DlcJobSchema,
  "error-envelope.schema.json": ErrorEnvelopeSchema,
  "fc-http-event.schema.json": FcHttpEventSchema,
  "fc-http-response.schema.json": FcHttpResponseSchema,
  "fc-oss-event.schema.json": FcOssEventSchema,
  "fc-timer-event.schema.json": FcTimerEventSchema,
  "get-image-response.schema.json": GetImageResponseSchema,
  "get-job-events-query.schema.json": GetJobEventsQuerySchema,
  "get-job-events-response.schema.json": GetJobEventsResponseSchema,
  "get-job-query.schema.json": GetJobQuerySchema,
  "get-pod-events-query.schema.json": GetPodEventsQuerySchema,
  "get-pod-events-response.schema.json": GetPodEventsResponseSchema,
  "get-pod-logs-query.schema.json": GetPodLogsQuerySchema,
  "get-pod-logs-response.schema.json": GetPodLogsResponseSchema,
  "github-push.schema.json": GithubPushSchema,
  "gitlab-push.schema.json": GitlabPushSchema,
  "image.schema.json": WorkspaceImageSchema,
  "imagebuild-config.schema.json": ImagebuildConfigSchema,
  "invocation-answer.schema.json": InvocationAnswerSchema,
  "job-record.schema.json": JobRecordSchema,
  "list-ecs-specs-query.schema.json": ListEcsSpecsQuerySchema,
  "list-ecs-specs-response.schema.json": ListEcsSpecsResponseSchema,
  "list-image-labels-query.schema.json": ListImageLabelsQuerySchema,
  "list-image-labels-response.schema.json": ListImageLabelsResponseSchema,
  "list-images-query.schema.json": ListImagesQuerySchema,
  "list-images-response.schema.json": ListImagesResponseSchema,
  "list-jobs-query.schema.json": ListJobsQuerySchema,
  "list-jobs-response.schema.json": ListJobsResponseSchema,
  "publish-image-response.schema.json": PublishImageResponseSchema,
  "request-id-response.schema.json": RequestIdResponseSchema,
  "spec-result.schema.json": SpecResultSchema,
  "spec.schema.json": SpecSchema,
  "webhook-answer.schema.json": WebhookAnswerSchema,
} as const;

// GENERATED, DO NOT EDIT, regenerate with `npm run generate -w @imagebuild/schema`.
// Source: packages/schema/schemas/*.schema.json

/** add-image-labels-request.schema.json, bundled, without descriptions and examples (see the source file). */
export const AddImageLabelsRequestSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/add-image-labels-request.schema.json",
  title: "AddImageLabelsRequest",
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
  $defs: {
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
        },
        Value: {
          type: "string",
          maxLength: 256,
        },
      },
    },
  },
} as const;

/** add-image-request.schema.json, bundled, without descriptions and examples (see the source file). */
export const AddImageRequestSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/add-image-request.schema.json",
  title: "AddImageRequest",
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
  $defs: {
    ImageName: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]{0,49}$",
    },
    ImageUri: {
      type: "string",
      minLength: 3,
      maxLength: 512,
      pattern:
        "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?/[a-z0-9]+([._/-][a-z0-9]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
    },
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
        },
        Value: {
          type: "string",
          maxLength: 256,
        },
      },
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
    },
    WorkspaceId: {
      type: "string",
      minLength: 1,
      maxLength: 64,
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
    },
    SourceType: {
      type: "string",
      enum: ["Import", "Build"],
    },
  },
} as const;

/** add-image-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const AddImageResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/add-image-response.schema.json",
  title: "AddImageResponse",
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
  $defs: {
    ImageId: {
      type: "string",
      pattern: "^image-[A-Za-z0-9]{1,64}$",
    },
  },
} as const;

/** build-trigger.schema.json, bundled, without descriptions and examples (see the source file). */
export const BuildTriggerSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/build-trigger.schema.json",
  title: "BuildTrigger",
  type: "string",
  pattern: "^(push|oss|timer|cli)(:[\\x21-\\x7E][\\x20-\\x7E]{0,255})?$",
} as const;

/** codeup-push.schema.json, bundled, without descriptions and examples (see the source file). */
export const CodeupPushSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/codeup-push.schema.json",
  title: "CodeupPush",
  type: "object",
  required: ["ref", "before", "after", "repository"],
  properties: {
    object_kind: {
      type: "string",
    },
    ref: {
      type: "string",
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
} as const;

/** create-image-build-query.schema.json, bundled, without descriptions and examples (see the source file). */
export const CreateImageBuildQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/create-image-build-query.schema.json",
  title: "CreateImageBuildQuery",
  type: "object",
  additionalProperties: false,
  properties: {
    ClientToken: {
      $ref: "#/$defs/ClientToken",
    },
  },
  $defs: {
    ClientToken: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: "^[\\x21-\\x7E]+$",
    },
  },
} as const;

/** create-image-build-request.schema.json, bundled, without descriptions and examples (see the source file). */
export const CreateImageBuildRequestSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/create-image-build-request.schema.json",
  title: "CreateImageBuildRequest",
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
    },
    Image: {
      $ref: "#/$defs/Image",
    },
  },
  $defs: {
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
    },
    WorkspaceId: {
      type: "string",
      minLength: 1,
      maxLength: 64,
    },
    RegionId: {
      type: "string",
      pattern: "^[a-z]{2}(-[a-z0-9]+)+$",
    },
    ImageName: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]{0,49}$",
    },
    ImageUri: {
      type: "string",
      minLength: 3,
      maxLength: 512,
      pattern:
        "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?/[a-z0-9]+([._/-][a-z0-9]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
    },
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
        },
        Value: {
          type: "string",
          maxLength: 256,
        },
      },
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
    },
    Image: {
      type: "object",
      required: ["Name", "Uri"],
      additionalProperties: false,
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
    BuildType: {
      type: "string",
      enum: ["PackageInstallation", "CustomDockerfile"],
    },
    RegistryAuth: {
      type: "object",
      required: ["Auth"],
      additionalProperties: false,
      properties: {
        Auth: {
          type: "string",
          minLength: 1,
          pattern: "^[A-Za-z0-9+/]+={0,2}$",
        },
      },
    },
    RegistryAuths: {
      type: "object",
      propertyNames: {
        pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?$",
      },
      additionalProperties: {
        $ref: "#/$defs/RegistryAuth",
      },
    },
    BuildConfig: {
      type: "object",
      required: ["Dockerfile", "BuildType"],
      additionalProperties: false,
      properties: {
        Dockerfile: {
          type: "string",
          minLength: 1,
          maxLength: 65536,
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
      properties: {
        CPU: {
          type: "string",
          pattern: "^[0-9]+(\\.[0-9]+)?$",
        },
        Memory: {
          type: "string",
          pattern: "^[0-9]+(Ki|Mi|Gi|Ti)?$",
        },
      },
    },
    Resource: {
      type: "object",
      additionalProperties: false,
      properties: {
        EcsSpec: {
          type: "string",
          pattern: "^ecs\\.[a-z0-9-]+\\.[a-z0-9-]+$",
        },
        ResourceConfig: {
          $ref: "#/$defs/ResourceConfig",
        },
        ResourceId: {
          type: "string",
          minLength: 1,
        },
        ResourceType: {
          type: "string",
          enum: ["Lingjun"],
        },
      },
    },
    UserVpc: {
      type: "object",
      additionalProperties: false,
      properties: {
        VpcId: {
          type: "string",
          pattern: "^vpc-[A-Za-z0-9*]+$",
        },
        SwitchId: {
          type: "string",
          pattern: "^vs[w]?-[A-Za-z0-9*]+$",
        },
        SecurityGroupId: {
          type: "string",
          pattern: "^sg-[A-Za-z0-9*]+$",
        },
        ExtendedCidrs: {
          type: "array",
          items: {
            type: "string",
            pattern: "^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$",
          },
        },
        DefaultRoute: {
          type: "string",
        },
      },
    },
    TargetRegistry: {
      type: "object",
      required: ["Type"],
      additionalProperties: false,
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
    },
    TargetRegistryType: {
      type: "string",
      enum: ["AcrEnterprise"],
    },
  },
} as const;

/** create-image-build-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const CreateImageBuildResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/create-image-build-response.schema.json",
  title: "CreateImageBuildResponse",
  type: "object",
  required: ["ImageBuildId", "ImageBuildJobId"],
  properties: {
    RequestId: {
      type: "string",
    },
    ImageBuildId: {
      type: "string",
      minLength: 1,
    },
    ImageBuildJobId: {
      type: "string",
      minLength: 1,
    },
  },
} as const;

/** delete-job-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const DeleteJobResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/delete-job-response.schema.json",
  title: "DeleteJobResponse",
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
} as const;

/** dlc-job.schema.json, bundled, without descriptions and examples (see the source file). */
export const DlcJobSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/dlc-job.schema.json",
  title: "DlcJob",
  type: "object",
  required: ["JobId", "Status"],
  properties: {
    RequestId: {
      type: "string",
    },
    JobId: {
      type: "string",
    },
    DisplayName: {
      type: "string",
    },
    JobType: {
      type: "string",
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
    },
    Pods: {
      type: "array",
      items: {
        $ref: "#/$defs/Pod",
      },
    },
  },
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
        },
        EndTime: {
          type: "string",
        },
      },
    },
    Pod: {
      type: "object",
      required: ["PodId", "Status"],
      properties: {
        PodId: {
          type: "string",
        },
        PodUid: {
          type: "string",
        },
        Type: {
          type: "string",
        },
        Status: {
          type: "string",
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

/** error-envelope.schema.json, bundled, without descriptions and examples (see the source file). */
export const ErrorEnvelopeSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/error-envelope.schema.json",
  title: "ErrorEnvelope",
  type: "object",
  required: ["Code", "Message"],
  properties: {
    RequestId: {
      type: "string",
    },
    HostId: {
      type: "string",
    },
    Code: {
      type: "string",
      minLength: 1,
    },
    Message: {
      type: "string",
    },
    Recommend: {
      type: "string",
    },
  },
} as const;

/** fc-http-event.schema.json, bundled, without descriptions and examples (see the source file). */
export const FcHttpEventSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/fc-http-event.schema.json",
  title: "FcHttpEvent",
  type: "object",
  required: ["version", "rawPath", "headers", "requestContext"],
  properties: {
    version: {
      type: "string",
      const: "v1",
    },
    rawPath: {
      type: "string",
    },
    body: {
      type: "string",
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
} as const;

/** fc-http-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const FcHttpResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/fc-http-response.schema.json",
  title: "FcHttpResponse",
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
} as const;

/** fc-oss-event.schema.json, bundled, without descriptions and examples (see the source file). */
export const FcOssEventSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/fc-oss-event.schema.json",
  title: "FcOssEvent",
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
} as const;

/** fc-timer-event.schema.json, bundled, without descriptions and examples (see the source file). */
export const FcTimerEventSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/fc-timer-event.schema.json",
  title: "FcTimerEvent",
  type: "object",
  required: ["triggerTime", "triggerName"],
  properties: {
    triggerTime: {
      type: "string",
      pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$",
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
} as const;

/** get-image-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const GetImageResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-image-response.schema.json",
  title: "GetImageResponse",
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
  $defs: {
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
        },
        Value: {
          type: "string",
          maxLength: 256,
        },
      },
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
    },
    SourceType: {
      type: "string",
      enum: ["Import", "Build"],
    },
  },
} as const;

/** get-job-events-query.schema.json, bundled, without descriptions and examples (see the source file). */
export const GetJobEventsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-job-events-query.schema.json",
  title: "GetJobEventsQuery",
  type: "object",
  additionalProperties: false,
  properties: {
    StartTime: {
      type: "string",
      minLength: 1,
    },
    EndTime: {
      type: "string",
      minLength: 1,
    },
    MaxEventsNum: {
      type: "string",
      pattern: "^[1-9][0-9]{0,5}$",
    },
  },
} as const;

/** get-job-events-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const GetJobEventsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-job-events-response.schema.json",
  title: "GetJobEventsResponse",
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
} as const;

/** get-job-query.schema.json, bundled, without descriptions and examples (see the source file). */
export const GetJobQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-job-query.schema.json",
  title: "GetJobQuery",
  type: "object",
  additionalProperties: false,
  properties: {
    NeedDetail: {
      type: "string",
      enum: ["true", "false"],
    },
  },
} as const;

/** get-pod-events-query.schema.json, bundled, without descriptions and examples (see the source file). */
export const GetPodEventsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-pod-events-query.schema.json",
  title: "GetPodEventsQuery",
  type: "object",
  additionalProperties: false,
  properties: {
    StartTime: {
      type: "string",
      minLength: 1,
    },
    EndTime: {
      type: "string",
      minLength: 1,
    },
    MaxEventsNum: {
      type: "string",
      pattern: "^[1-9][0-9]{0,5}$",
    },
    PodUid: {
      type: "string",
      minLength: 1,
    },
  },
} as const;

/** get-pod-events-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const GetPodEventsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-pod-events-response.schema.json",
  title: "GetPodEventsResponse",
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
} as const;

/** get-pod-logs-query.schema.json, bundled, without descriptions and examples (see the source file). */
export const GetPodLogsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-pod-logs-query.schema.json",
  title: "GetPodLogsQuery",
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
    },
    EndTime: {
      type: "string",
      minLength: 1,
    },
    MaxLines: {
      type: "string",
      pattern: "^[1-9][0-9]{0,5}$",
    },
    PodUid: {
      type: "string",
      minLength: 1,
    },
  },
} as const;

/** get-pod-logs-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const GetPodLogsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/get-pod-logs-response.schema.json",
  title: "GetPodLogsResponse",
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
} as const;

/** github-push.schema.json, bundled, without descriptions and examples (see the source file). */
export const GithubPushSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/github-push.schema.json",
  title: "GithubPush",
  type: "object",
  required: ["ref", "before", "after", "repository", "commits"],
  properties: {
    ref: {
      type: "string",
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
} as const;

/** gitlab-push.schema.json, bundled, without descriptions and examples (see the source file). */
export const GitlabPushSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/gitlab-push.schema.json",
  title: "GitlabPush",
  type: "object",
  required: ["ref", "before", "after", "repository", "project"],
  properties: {
    object_kind: {
      type: "string",
    },
    ref: {
      type: "string",
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
} as const;

/** image.schema.json, bundled, without descriptions and examples (see the source file). */
export const WorkspaceImageSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/image.schema.json",
  title: "WorkspaceImage",
  type: "object",
  required: ["ImageId", "Name", "ImageUri"],
  properties: {
    ImageId: {
      $ref: "#/$defs/ImageId",
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
  $defs: {
    ImageId: {
      type: "string",
      pattern: "^image-[A-Za-z0-9]{1,64}$",
    },
    SourceType: {
      type: "string",
      enum: ["Import", "Build"],
    },
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
        },
        Value: {
          type: "string",
          maxLength: 256,
        },
      },
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
    },
  },
} as const;

/** imagebuild-config.schema.json, bundled, without descriptions and examples (see the source file). */
export const ImagebuildConfigSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/imagebuild-config.schema.json",
  title: "ImagebuildConfig",
  type: "object",
  additionalProperties: false,
  properties: {
    defaultEnv: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]{0,31}$",
    },
    specsDir: {
      type: "string",
      minLength: 1,
      pattern: "^[^/]",
    },
    environments: {
      type: "object",
      propertyNames: {
        pattern: "^[a-z][a-z0-9-]{0,31}$",
      },
      additionalProperties: {
        $ref: "#/$defs/ConfigEnvironment",
      },
    },
  },
  $defs: {
    ConfigEnvironment: {
      type: "object",
      additionalProperties: false,
      properties: {
        endpoint: {
          type: "string",
          pattern: "^https?://[^/?#@\\s]+/?$",
        },
        region: {
          type: "string",
          pattern: "^[a-z]{2,}(-[a-z0-9]+)+$",
        },
        workspace: {
          $ref: "#/$defs/WorkspaceId",
        },
        registry: {
          $ref: "#/$defs/SpecRegistry",
        },
        profile: {
          type: "string",
          pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
        },
      },
    },
    WorkspaceId: {
      type: "string",
      minLength: 1,
      maxLength: 64,
    },
    SpecRegistry: {
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$",
    },
  },
} as const;

/** invocation-answer.schema.json, bundled, without descriptions and examples (see the source file). */
export const InvocationAnswerSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/invocation-answer.schema.json",
  title: "InvocationAnswer",
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
  $defs: {
    ProcessedInvocation: {
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
    },
    EarlierJob: {
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
          type: "string",
        },
        reason: {
          type: "string",
        },
      },
    },
    SubmittedSpec: {
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
          type: "integer",
          minimum: 1,
        },
        replay: {
          $ref: "#/$defs/EarlierJob",
        },
        rebuildOf: {
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
        },
        reason: {
          type: "string",
        },
      },
    },
    WaitingSpec: {
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
    },
  },
} as const;

/** job-record.schema.json, bundled, without descriptions and examples (see the source file). */
export const JobRecordSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/job-record.schema.json",
  title: "JobRecord",
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
      type: "integer",
      minimum: 0,
    },
    parts: {
      type: "integer",
      minimum: 1,
    },
    truncated: {
      type: "boolean",
    },
    files: {
      type: "array",
      maxItems: 50,
      items: {
        type: "string",
        minLength: 1,
        maxLength: 1024,
      },
    },
    removed: {
      type: "array",
      maxItems: 50,
      items: {
        type: "string",
        minLength: 1,
        maxLength: 1024,
      },
    },
    jobs: {
      type: "array",
      maxItems: 50,
      items: {
        $ref: "#/$defs/FollowedJob",
      },
    },
    acceptedAt: {
      type: "string",
      pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$",
    },
    followSince: {
      type: "string",
      pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$",
    },
    round: {
      type: "integer",
      minimum: 0,
    },
    waiting: {
      type: "array",
      maxItems: 50,
      items: {
        $ref: "#/$defs/WaitingFile",
      },
    },
    succeeded: {
      type: "array",
      maxItems: 50,
      items: {
        type: "string",
        minLength: 1,
        maxLength: 1024,
      },
    },
  },
  $defs: {
    WaitingFile: {
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

/** list-ecs-specs-query.schema.json, bundled, without descriptions and examples (see the source file). */
export const ListEcsSpecsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-ecs-specs-query.schema.json",
  title: "ListEcsSpecsQuery",
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
    },
    Order: {
      type: "string",
      enum: ["desc", "asc", "DESC", "ASC"],
    },
    PageNumber: {
      type: "string",
      pattern: "^[1-9][0-9]{0,6}$",
    },
    PageSize: {
      type: "string",
      pattern: "^([1-9][0-9]?|100)$",
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
} as const;

/** list-ecs-specs-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const ListEcsSpecsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-ecs-specs-response.schema.json",
  title: "ListEcsSpecsResponse",
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
  $defs: {
    EcsSpec: {
      type: "object",
      required: ["InstanceType"],
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

/** list-image-labels-query.schema.json, bundled, without descriptions and examples (see the source file). */
export const ListImageLabelsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-image-labels-query.schema.json",
  title: "ListImageLabelsQuery",
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
    },
    LabelKeys: {
      type: "string",
      pattern: "^[^,]+(,[^,]+)*$",
    },
    Region: {
      type: "string",
    },
    WorkspaceId: {
      type: "string",
      minLength: 1,
    },
  },
} as const;

/** list-image-labels-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const ListImageLabelsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-image-labels-response.schema.json",
  title: "ListImageLabelsResponse",
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
} as const;

/** list-images-query.schema.json, bundled, without descriptions and examples (see the source file). */
export const ListImagesQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-images-query.schema.json",
  title: "ListImagesQuery",
  type: "object",
  additionalProperties: false,
  properties: {
    WorkspaceId: {
      $ref: "#/$defs/WorkspaceId",
    },
    Name: {
      type: "string",
      maxLength: 128,
    },
    Query: {
      type: "string",
      maxLength: 1024,
    },
    Labels: {
      type: "string",
      maxLength: 25000,
      pattern: "^[^=,]+=[^,]*(,[^=,]+=[^,]*)*$",
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
    },
    PageNumber: {
      type: "string",
      pattern: "^[1-9][0-9]{0,6}$",
    },
    PageSize: {
      type: "string",
      pattern: "^([1-9][0-9]?|100)$",
    },
    SortBy: {
      type: "string",
      enum: ["GmtCreateTime"],
    },
    Order: {
      type: "string",
      enum: ["ASC", "DESC"],
    },
  },
  $defs: {
    WorkspaceId: {
      type: "string",
      minLength: 1,
      maxLength: 64,
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
    },
  },
} as const;

/** list-images-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const ListImagesResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-images-response.schema.json",
  title: "ListImagesResponse",
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
  $defs: {
    ImageId: {
      type: "string",
      pattern: "^image-[A-Za-z0-9]{1,64}$",
    },
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
        },
        Value: {
          type: "string",
          maxLength: 256,
        },
      },
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
    },
    Accessibility: {
      type: "string",
      enum: ["PUBLIC", "PRIVATE"],
    },
    SourceType: {
      type: "string",
      enum: ["Import", "Build"],
    },
    WorkspaceImage: {
      title: "WorkspaceImage",
      type: "object",
      required: ["ImageId", "Name", "ImageUri"],
      properties: {
        ImageId: {
          $ref: "#/$defs/ImageId",
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
    },
  },
} as const;

/** list-jobs-query.schema.json, bundled, without descriptions and examples (see the source file). */
export const ListJobsQuerySchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-jobs-query.schema.json",
  title: "ListJobsQuery",
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
    },
    EnableAssignNode: {
      type: "string",
    },
    EndTime: {
      type: "string",
      minLength: 1,
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
    },
    OversoldInfo: {
      type: "string",
    },
    PageNumber: {
      type: "string",
      pattern: "^[1-9][0-9]{0,6}$",
    },
    PageSize: {
      type: "string",
      pattern: "^([1-9][0-9]?|100)$",
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
    },
    Status: {
      type: "string",
      minLength: 1,
    },
    Tags: {
      type: "string",
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
} as const;

/** list-jobs-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const ListJobsResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/list-jobs-response.schema.json",
  title: "ListJobsResponse",
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
        },
        EndTime: {
          type: "string",
        },
      },
    },
    Pod: {
      type: "object",
      required: ["PodId", "Status"],
      properties: {
        PodId: {
          type: "string",
        },
        PodUid: {
          type: "string",
        },
        Type: {
          type: "string",
        },
        Status: {
          type: "string",
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
      type: "object",
      required: ["JobId", "Status"],
      properties: {
        RequestId: {
          type: "string",
        },
        JobId: {
          type: "string",
        },
        DisplayName: {
          type: "string",
        },
        JobType: {
          type: "string",
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
        },
        Pods: {
          type: "array",
          items: {
            $ref: "#/$defs/Pod",
          },
        },
      },
    },
  },
} as const;

/** publish-image-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const PublishImageResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/publish-image-response.schema.json",
  title: "PublishImageResponse",
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
} as const;

/** request-id-response.schema.json, bundled, without descriptions and examples (see the source file). */
export const RequestIdResponseSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/request-id-response.schema.json",
  title: "RequestIdResponse",
  type: "object",
  properties: {
    RequestId: {
      type: "string",
    },
  },
} as const;

/** spec-result.schema.json, bundled, without descriptions and examples (see the source file). */
export const SpecResultSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/spec-result.schema.json",
  title: "SpecResult",
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
  $defs: {
    SpecResultFile: {
      type: "string",
      minLength: 1,
    },
    SubmittedSpec: {
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
          type: "integer",
          minimum: 1,
        },
        replay: {
          $ref: "#/$defs/EarlierJob",
        },
        rebuildOf: {
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
          type: "string",
        },
        reason: {
          type: "string",
        },
      },
    },
    NotBuiltSpec: {
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
        },
        reason: {
          type: "string",
        },
      },
    },
    WaitingSpec: {
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

/** spec.schema.json, bundled, without descriptions and examples (see the source file). */
export const SpecSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/spec.schema.json",
  title: "Spec",
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
      propertyNames: {
        pattern: "^[a-z][a-z0-9-]{0,31}$",
      },
      additionalProperties: {
        $ref: "#/$defs/SpecOverlay",
      },
    },
  },
  $defs: {
    SpecRegistry: {
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$",
    },
    SpecBuild: {
      type: "object",
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
          propertyNames: {
            pattern: "^[A-Za-z_][A-Za-z0-9_]{0,127}$",
          },
          additionalProperties: {
            type: "string",
            pattern: "^[A-Za-z0-9._:/@+=,%~^-]{0,1024}$",
          },
        },
      },
    },
    SpecTargetRegistry: {
      type: "object",
      additionalProperties: false,
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
        },
        Packages: {
          $ref: "#/$defs/SpecPackages",
        },
        RegistryAuths: {
          type: "object",
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
      properties: {
        fromEnv: {
          type: "string",
          pattern: "^[A-Z_][A-Z0-9_]{0,127}$",
        },
        secret: {
          type: "string",
          pattern: "^[a-z0-9][a-z0-9-]{0,62}$",
        },
      },
    },
    SpecPackages: {
      type: "object",
      additionalProperties: false,
      required: ["Base"],
      properties: {
        Base: {
          type: "string",
          pattern:
            "^[a-z0-9][a-z0-9._/:-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})(@sha256:[0-9a-f]{64})?$",
        },
        Apt: {
          type: "array",
          maxItems: 500,
          items: {
            type: "string",
            minLength: 1,
            maxLength: 256,
          },
        },
        Pip: {
          type: "array",
          maxItems: 500,
          items: {
            type: "string",
            minLength: 1,
            maxLength: 256,
          },
        },
        Conda: {
          type: "array",
          maxItems: 500,
          items: {
            type: "string",
            minLength: 1,
            maxLength: 256,
          },
        },
      },
    },
    SpecPolicy: {
      type: "object",
      additionalProperties: false,
      properties: {
        schedule: {
          type: "string",
          pattern: "^\\S+( \\S+){5}$",
        },
        tag: {
          type: "string",
          enum: ["immutable", "overwrite", "dated"],
        },
        rebuild: {
          type: "string",
          enum: ["never", "with-base", "on-base-change"],
        },
      },
    },
    SpecOverlay: {
      type: "object",
      additionalProperties: false,
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
    },
    WorkspaceId: {
      type: "string",
      minLength: 1,
      maxLength: 64,
    },
    ResourceConfig: {
      type: "object",
      additionalProperties: false,
      properties: {
        CPU: {
          type: "string",
          pattern: "^[0-9]+(\\.[0-9]+)?$",
        },
        Memory: {
          type: "string",
          pattern: "^[0-9]+(Ki|Mi|Gi|Ti)?$",
        },
      },
    },
    Resource: {
      type: "object",
      additionalProperties: false,
      properties: {
        EcsSpec: {
          type: "string",
          pattern: "^ecs\\.[a-z0-9-]+\\.[a-z0-9-]+$",
        },
        ResourceConfig: {
          $ref: "#/$defs/ResourceConfig",
        },
        ResourceId: {
          type: "string",
          minLength: 1,
        },
        ResourceType: {
          type: "string",
          enum: ["Lingjun"],
        },
      },
    },
    UserVpc: {
      type: "object",
      additionalProperties: false,
      properties: {
        VpcId: {
          type: "string",
          pattern: "^vpc-[A-Za-z0-9*]+$",
        },
        SwitchId: {
          type: "string",
          pattern: "^vs[w]?-[A-Za-z0-9*]+$",
        },
        SecurityGroupId: {
          type: "string",
          pattern: "^sg-[A-Za-z0-9*]+$",
        },
        ExtendedCidrs: {
          type: "array",
          items: {
            type: "string",
            pattern: "^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$",
          },
        },
        DefaultRoute: {
          type: "string",
        },
      },
    },
    RegionId: {
      type: "string",
      pattern: "^[a-z]{2}(-[a-z0-9]+)+$",
    },
    AcrInstanceId: {
      type: "string",
      pattern: "^cri-[A-Za-z0-9*]+$",
    },
    TargetRegistryType: {
      type: "string",
      enum: ["AcrEnterprise"],
    },
    ImageName: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]{0,49}$",
    },
    ImageUri: {
      type: "string",
      minLength: 3,
      maxLength: 512,
      pattern:
        "^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?/[a-z0-9]+([._/-][a-z0-9]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
    },
    Label: {
      type: "object",
      required: ["Key"],
      additionalProperties: false,
      properties: {
        Key: {
          type: "string",
          minLength: 1,
          maxLength: 128,
        },
        Value: {
          type: "string",
          maxLength: 256,
        },
      },
    },
    Labels: {
      type: "array",
      items: {
        $ref: "#/$defs/Label",
      },
      maxItems: 64,
    },
    BuildType: {
      type: "string",
      enum: ["PackageInstallation", "CustomDockerfile"],
    },
  },
} as const;

/** webhook-answer.schema.json, bundled, without descriptions and examples (see the source file). */
export const WebhookAnswerSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://imagebuild.dev/schemas/webhook-answer.schema.json",
  title: "WebhookAnswer",
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
  $defs: {
    GitProvider: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]*$",
    },
    HealthAnswer: {
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
      type: "object",
      required: ["error", "message"],
      additionalProperties: false,
      properties: {
        error: {
          type: "string",
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
          type: "boolean",
        },
      },
    },
    ProcessedPushAnswer: {
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
    },
    EarlierJob: {
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
          type: "string",
        },
        reason: {
          type: "string",
        },
      },
    },
    SubmittedSpec: {
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
          type: "integer",
          minimum: 1,
        },
        replay: {
          $ref: "#/$defs/EarlierJob",
        },
        rebuildOf: {
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
        },
        reason: {
          type: "string",
        },
      },
    },
    WaitingSpec: {
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
    },
  },
} as const;

/** Every bundled schema by file name. */
export const schemasByFile = {
  "add-image-labels-request.schema.json": AddImageLabelsRequestSchema,
  "add-image-request.schema.json": AddImageRequestSchema,
  "add-image-response.schema.json": AddImageResponseSchema,
  "build-trigger.schema.json": BuildTriggerSchema,
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

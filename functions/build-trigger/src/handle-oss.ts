/** OSS-trigger events: each created `.yaml` under the spec prefix is read at its ETag/version and built. */
import { buildSpecs, CONTENT_SLOT, type SpecOutcome } from "@imagebuild/core";
import { buildTrigger } from "@imagebuild/pai-client/build-trigger";
import { isRetryableError } from "@imagebuild/pai-client/retry-policy";
import { RetryableBuildError, throwIfRetryable } from "./errors.ts";
import { decodeObjectKey, type OssEvent, rejectOssLocation, rejectSpecKey } from "./events/oss.ts";
import type { FcContext, HandlerDeps } from "./handler-deps.ts";
import { ossCredentials } from "./oss-credentials.ts";
import { ossSource } from "./sources/oss-source.ts";
import { isSpecPath } from "./webhooks/changed-spec-paths.ts";

/** One line of the OSS result: a spec outcome or an object that was not a spec. */
export type OssOutcome = SpecOutcome | { file: string; status: "ignored"; reason: string };

/**
 * Builds the specs an OSS event uploaded. Keys outside the prefix, not `.yaml`, or with `..` are
 * ignored; a bad spec is reported (file and field) and nothing is built for it. Throws
 * `RetryableBuildError` when a retry can help (throttling, 5xx, network) so Function Compute
 * retries the asynchronous invocation; the ClientTokens make that retry safe.
 *
 * @example
 * const { results } = await handleOss({ event, context, deps });
 */
export async function handleOss({
  event,
  context,
  deps,
}: {
  event: OssEvent;
  context: FcContext;
  deps: HandlerDeps;
}): Promise<{ results: OssOutcome[] }> {
  const { config, log } = deps;
  const results: OssOutcome[] = [];
  for (const record of event.events) {
    const key = decodeObjectKey(record.oss.object.key);
    const bucket = record.oss.bucket.name;
    const ignore = (reason: string) => {
      results.push({ file: key, status: "ignored", reason });
      log.info("oss object ignored", { bucket, key, reason });
    };
    if (!record.eventName.startsWith("ObjectCreated:")) {
      ignore(`${record.eventName} is not an upload`);
      continue;
    }
    if (!config.allowedBuckets.includes(bucket)) {
      ignore(
        config.allowedBuckets.length === 0
          ? `bucket ${bucket}: IMAGEBUILD_ALLOWED_BUCKETS is empty, so no bucket is accepted`
          : `bucket ${bucket} is not in IMAGEBUILD_ALLOWED_BUCKETS`,
      );
      continue;
    }
    const badLocation = rejectOssLocation({ bucket, region: record.region });
    if (badLocation) {
      ignore(badLocation);
      continue;
    }
    const rejected = rejectSpecKey({ key, prefix: config.specPrefix });
    if (rejected) {
      ignore(rejected);
      continue;
    }
    if (!isSpecPath(key, config.specPrefix)) {
      ignore(
        `not a spec file (${config.specPrefix}<image>/<version>.yaml); _defaults.yaml changes rebuild nothing by themselves`,
      );
      continue;
    }
    const credentials = ossCredentials(context, deps.env);
    const source = ossSource({
      endpoint: config.ossEndpoint ?? `https://oss-${record.region}-internal.aliyuncs.com`,
      bucket,
      region: record.region,
      credentials,
      pinned: { key, eTag: record.oss.object.eTag, versionId: record.oss.object.versionId },
      now: deps.now,
    });
    const client = await deps.clientFor(context);
    try {
      const outcomes = await buildSpecs({
        source,
        paths: [key],
        slotFor: () => ({
          slot: CONTENT_SLOT,
          ...(record.eventTime ? { now: new Date(record.eventTime) } : {}),
        }),
        context: {
          client,
          config,
          log: log.child({ bucket, key }),
          env: deps.env,
          trigger: buildTrigger({ kind: "oss", detail: key }),
        },
      });
      if (outcomes.length === 0)
        ignore("object was replaced or deleted since the event; its own event builds it");
      results.push(...outcomes);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isRetryableError(error))
        throw new RetryableBuildError({
          message: `${key}: ${message}`,
          files: [key],
          cause: error,
        });
      results.push({
        file: key,
        status: "failed",
        error: { code: codeOf(error), message, retryable: false },
      });
      log.error("oss object failed", { bucket, key, message });
    } finally {
      await client.close?.();
    }
  }
  throwIfRetryable(results);
  return { results };
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "FAILED";
}

/** A local folder as the OSS bucket: a new or changed object under the trigger's prefix and suffix emits a real-shaped OSS event. */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { FcOssEvent } from "@imagebuild/schema";

const POLL_INTERVAL_MS = 1000;

/** A running watcher. */
export interface BucketWatcher {
  /** Checks the folder now; resolves after any events it emitted were handled. */
  scan(): Promise<void>;
  close(): void;
}

/**
 * Polls `rootDir` (polling works the same on every filesystem, unlike recursive fs.watch) and calls
 * `onEvent` with an `ObjectCreated:PutObject` event for each file under `prefix` ending in `suffix`
 * that appeared or changed since the last scan. Files present at start are not announced.
 *
 * @example
 * const watcher = await watchBucket({ rootDir: "bucket", bucket: "local-specs", region: "cn-hangzhou", prefix: "specs/", onEvent });
 */
export async function watchBucket({
  rootDir,
  bucket,
  region,
  prefix,
  suffix = ".yaml",
  onEvent,
  intervalMs = POLL_INTERVAL_MS,
}: {
  rootDir: string;
  bucket: string;
  region: string;
  prefix: string;
  /** The OSS trigger's `filter.key.suffix` (`""` for every key). */
  suffix?: string;
  onEvent: (event: FcOssEvent) => Promise<void>;
  intervalMs?: number;
}): Promise<BucketWatcher> {
  const seen = new Map<string, string>();
  const snapshot = async () => {
    const entries = await readdir(rootDir, { recursive: true, withFileTypes: true }).catch(
      () => [],
    );
    const files = new Map<string, string>();
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      const key = path.relative(rootDir, full).split(path.sep).join("/");
      if (!key.startsWith(prefix) || !key.endsWith(suffix)) continue;
      const info = await stat(full).catch(() => undefined);
      if (info) files.set(key, `${info.size}:${info.mtimeMs}`);
    }
    return files;
  };
  for (const [key, version] of await snapshot()) seen.set(key, version);

  let running: Promise<void> | undefined;
  const scan = async () => {
    for (const [key, version] of await snapshot()) {
      if (seen.get(key) === version) continue;
      seen.set(key, version);
      const data = await readFile(path.join(rootDir, ...key.split("/"))).catch(() => undefined);
      if (!data) continue;
      await onEvent(ossCreatedEvent({ bucket, region, key, data }));
    }
  };
  const tick = () => {
    running ??= scan().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  return { scan: tick, close: () => clearInterval(timer) };
}

/**
 * The OSS event FC delivers for one PutObject (fields as FC's documentation shows them; the ETag is
 * the MD5 of the content, as OSS computes it for a simple upload).
 *
 * @example
 * ossCreatedEvent({ bucket: "b", region: "cn-hangzhou", key: "specs/a/1.0.yaml", data })
 */
export function ossCreatedEvent({
  bucket,
  region,
  key,
  data,
}: {
  bucket: string;
  region: string;
  key: string;
  data: Buffer;
}): FcOssEvent {
  return {
    events: [
      {
        eventName: "ObjectCreated:PutObject",
        eventSource: "acs:oss",
        eventTime: new Date().toISOString(),
        eventVersion: "1.0",
        region,
        oss: {
          bucket: {
            arn: `acs:oss:${region}:000000000000000:${bucket}`,
            name: bucket,
            ownerIdentity: "000000000000000",
            virtualBucket: "",
          },
          object: {
            key,
            eTag: createHash("md5").update(data).digest("hex").toUpperCase(),
            size: data.length,
            deltaSize: data.length,
          },
          ossSchemaVersion: "1.0",
          ruleId: randomUUID().replace(/-/g, ""),
        },
        requestParameters: { sourceIPAddress: "127.0.0.1" },
        responseElements: { requestId: randomUUID().replace(/-/g, "").slice(0, 24).toUpperCase() },
        userIdentity: { principalId: "000000000000000" },
      },
    ],
  };
}

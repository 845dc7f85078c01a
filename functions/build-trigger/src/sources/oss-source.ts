/** Spec files from an OSS bucket with signed (V4) GetObject and ListObjectsV2, using the function's STS pair. */
import type { SpecSource } from "@imagebuild/core";
import { SourceError } from "../errors.ts";
import { rejectOssLocation } from "../events/oss.ts";
import { signOssV4 } from "../oss/sign-oss-v4.ts";

const OSS_TIMEOUT_MS = 5000;
const LIST_MAX_PAGES = 50;

/** The STS (or AccessKey) pair OSS requests are signed with. */
export interface OssCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
}

/**
 * A `SpecSource` over `bucket`. `endpoint` is an origin from configuration: an `*.aliyuncs.com`
 * endpoint is addressed virtual-hosted (`https://{bucket}.oss-….aliyuncs.com/{key}`), anything
 * else path-style (`{endpoint}/{bucket}/{key}`, e.g. a local stand-in). `pinned` fixes one key
 * to the version (and ETag) of the event, so the spec text is exactly what was uploaded.
 *
 * @example
 * const source = ossSource({ endpoint: "https://oss-cn-hangzhou-internal.aliyuncs.com", bucket, region, credentials, pinned: { key, eTag } });
 */
export function ossSource({
  endpoint,
  bucket,
  region,
  credentials,
  pinned,
  now = () => new Date(),
}: {
  endpoint: string;
  bucket: string;
  region: string;
  credentials: OssCredentials;
  pinned?: { key: string; eTag?: string | undefined; versionId?: string | undefined } | undefined;
  now?: () => Date;
}): SpecSource {
  const badLocation = rejectOssLocation({ bucket, region });
  if (badLocation) throw new SourceError({ code: "SOURCE_HOST_NOT_ALLOWED", message: badLocation });
  const origin = new URL(endpoint);
  const virtualHosted = origin.hostname.endsWith(".aliyuncs.com");
  const urlFor = (key: string, query: Record<string, string>) => {
    const path = key.split("/").map(encodeURIComponent).join("/");
    const search = new URLSearchParams(query).toString();
    const base = virtualHosted
      ? `${origin.protocol}//${bucket}.${origin.host}/${path}`
      : `${origin.origin}/${bucket}/${path}`;
    return search === "" ? base : `${base}?${search}`;
  };
  const send = async (key: string, query: Record<string, string>) => {
    const headers = signOssV4({
      method: "GET",
      bucket,
      key,
      query,
      headers: {},
      region,
      ...credentials,
      date: now(),
    });
    try {
      return await fetch(urlFor(key, query), {
        headers,
        redirect: "manual",
        signal: AbortSignal.timeout(OSS_TIMEOUT_MS),
      });
    } catch (cause) {
      throw new SourceError({
        code: "SOURCE_NETWORK",
        message: `oss://${bucket}/${key}: ${String(cause)}`,
        retryable: true,
        cause,
      });
    }
  };
  const fail = async (response: Response, what: string) => {
    const text = await response.text();
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? "";
    return new SourceError({
      code: "SOURCE_HTTP",
      message: `${what}: HTTP ${response.status} ${code}`.trim(),
      statusCode: response.status,
      retryable: response.status === 429 || response.status >= 500,
    });
  };
  return {
    description: pinned
      ? `oss://${bucket}/${pinned.key}${pinned.versionId ? `?versionId=${pinned.versionId}` : ""}${pinned.eTag ? `#${pinned.eTag}` : ""}`
      : `oss://${bucket}`,
    async readFile(key) {
      const query: Record<string, string> =
        pinned?.key === key && pinned.versionId ? { versionId: pinned.versionId } : {};
      const response = await send(key, query);
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await fail(response, `GetObject oss://${bucket}/${key}`);
      const eTag = response.headers.get("etag")?.replace(/"/g, "").toUpperCase();
      if (pinned?.key === key && pinned.eTag && eTag && eTag !== pinned.eTag.toUpperCase()) {
        await response.body?.cancel();
        // A newer upload replaced the object; its own event builds it, this one must not.
        return undefined;
      }
      return response.text();
    },
    async listFiles(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      for (let page = 0; page < LIST_MAX_PAGES; page++) {
        const query: Record<string, string> = {
          "list-type": "2",
          prefix,
          ...(token ? { "continuation-token": token } : {}),
        };
        const response = await send("", query);
        if (!response.ok) throw await fail(response, `ListObjectsV2 oss://${bucket}/${prefix}`);
        const xml = await response.text();
        for (const match of xml.matchAll(/<Key>([^<]*)<\/Key>/g))
          keys.push(decodeXml(match[1] ?? ""));
        token = /<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1];
        if (!/<IsTruncated>true<\/IsTruncated>/.test(xml) || !token) return keys.sort();
      }
      throw new SourceError({
        code: "SOURCE_HTTP",
        message: `oss://${bucket}/${prefix}: too many objects`,
      });
    },
  };
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** A folder served as an OSS bucket (path-style GetObject and ListObjectsV2, V4-signed requests checked). */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { ossV4Authorization } from "./oss-v4-authorization.ts";
import { listenServer } from "../listen-server.ts";

/** A running local bucket server. */
export interface LocalOssServer {
  /** The endpoint to set as `IMAGEBUILD_OSS_ENDPOINT`, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** GetObject and ListObjectsV2 calls served so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * Serves `rootDir` as bucket `bucket` at `http://127.0.0.1:<port>/<bucket>/<key>`. When `credentials`
 * are given, each request's `OSS4-HMAC-SHA256` authorization is recomputed and a mismatch is 403
 * `SignatureDoesNotMatch`, as OSS answers.
 *
 * @example
 * const oss = await startLocalOssServer({ rootDir: "./bucket", bucket: "specs-bucket", region: "cn-hangzhou" });
 */
export async function startLocalOssServer({
  rootDir,
  bucket,
  region,
  credentials,
  port = 0,
}: {
  rootDir: string;
  bucket: string;
  region: string;
  credentials?: { accessKeyId: string; accessKeySecret: string } | undefined;
  port?: number;
}): Promise<LocalOssServer> {
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    serve(request, response).catch((error: unknown) =>
      xmlError(response, 500, "InternalError", String(error)),
    );
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const [, bucketName = "", ...rest] = url.pathname.split("/");
    const key = rest.map(decodeURIComponent).join("/");
    if (request.method !== "GET") return xmlError(response, 405, "MethodNotAllowed", "only GET");
    if (bucketName !== bucket) return xmlError(response, 404, "NoSuchBucket", bucketName);
    if (credentials && !signatureMatches(request, url, key)) {
      return xmlError(
        response,
        403,
        "SignatureDoesNotMatch",
        "the request signature does not match",
      );
    }
    if (key === "") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const keys = (await listKeys(rootDir)).filter((candidate) => candidate.startsWith(prefix));
      const body = `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${keys.map((k) => `<Contents><Key>${escapeXml(k)}</Key></Contents>`).join("")}</ListBucketResult>`;
      response.writeHead(200, { "content-type": "application/xml" }).end(body);
      return;
    }
    if (key.split("/").includes("..")) return xmlError(response, 400, "InvalidObjectName", key);
    let data: Buffer;
    try {
      data = await readFile(path.join(rootDir, ...key.split("/")));
    } catch {
      return xmlError(response, 404, "NoSuchKey", key);
    }
    const eTag = createHash("md5").update(data).digest("hex").toUpperCase();
    response
      .writeHead(200, { "content-type": "application/octet-stream", etag: `"${eTag}"` })
      .end(data);
  }

  function signatureMatches(request: IncomingMessage, url: URL, key: string): boolean {
    if (!credentials) return false;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === "string") headers[name] = value;
    const expected = ossV4Authorization({
      method: request.method ?? "GET",
      bucket,
      key,
      query: Object.fromEntries(url.searchParams),
      headers,
      region,
      ...credentials,
    });
    return expected !== undefined && expected === request.headers.authorization;
  }

  const { url, close } = await listenServer({ server, port });
  return {
    url,
    get requests() {
      return requests;
    },
    close,
  };
}

async function listKeys(rootDir: string): Promise<string[]> {
  const entries = await readdir(rootDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(rootDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"),
    )
    .sort();
}

function xmlError(response: ServerResponse, status: number, code: string, message: string): void {
  if (response.headersSent) return void response.end();
  response
    .writeHead(status, { "content-type": "application/xml" })
    .end(
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`,
    );
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

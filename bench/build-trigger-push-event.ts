/** The signed GitHub push, as the FC 3.0 HTTP event, that the build-trigger benches send (not a bench). */
import { createHmac } from "node:crypto";

/**
 * A push of `specPaths` at `sha`, and a function giving its FC event for delivery number `n`
 * (`X-Github-Delivery: bench-<n>`), signed with `secret` over the exact body.
 *
 * @example
 * const { event } = signedPushEvents({ specPaths, sha: "a".repeat(40), secret: "bench-secret" });
 * await handler(event(1), { requestId: "r1" });
 */
export function signedPushEvents({
  specPaths,
  sha,
  secret,
}: {
  specPaths: readonly string[];
  sha: string;
  secret: string;
}): { body: string; event: (delivery: number) => Buffer } {
  const body = JSON.stringify({
    ref: "refs/heads/main",
    before: "0".repeat(40),
    after: sha,
    repository: { full_name: "acme/images" },
    commits: [{ id: sha, added: specPaths, modified: [], removed: [] }],
  });
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const event = (delivery: number) =>
    Buffer.from(
      JSON.stringify({
        version: "v1",
        rawPath: "/",
        body,
        isBase64Encoded: false,
        headers: {
          "X-Github-Event": "push",
          "X-Github-Delivery": `bench-${delivery}`,
          "X-Hub-Signature-256": signature,
        },
        requestContext: { requestId: `r${delivery}`, http: { method: "POST", path: "/" } },
      }),
    );
  return { body, event };
}

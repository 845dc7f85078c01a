/** Property test: verifySignature accepts every request signRequest signed. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalQueryString } from "../../src/canonical-request.ts";
import { percentEncode } from "../../src/percent-encode.ts";
import { signRequest } from "../../src/sign-request.ts";
import { verifySignature } from "../../src/verify-signature.ts";

const credentials = { accessKeyId: "prop-key", accessKeySecret: "prop-secret" };
const lookupSecret = (id: string) =>
  id === credentials.accessKeyId ? credentials.accessKeySecret : undefined;

const segment = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" });
const queryRecord = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8, unit: "grapheme-ascii" }),
  fc.string({ maxLength: 16, unit: "grapheme" }),
  { maxKeys: 5 },
);

// What a client sends and a node:http server hands to the verifier: encoded path, raw query string.
function roundTrip(
  segments: string[],
  query: Record<string, string>,
  body: string,
  method: string,
) {
  const path = `/${segments.map(percentEncode).join("/")}`;
  const { headers } = signRequest({
    method,
    host: "127.0.0.1:7070",
    path,
    query,
    headers: { "x-acs-action": "Prop", "x-acs-version": "2021-02-04" },
    body,
    credentials,
  });
  return { method, path, query: canonicalQueryString(query), headers, body };
}

describe("signRequest → verifySignature", () => {
  it("accepts every request it signed, whatever the path, query and body", () => {
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        queryRecord,
        fc.string({ maxLength: 64 }),
        fc.constantFrom("GET", "POST", "DELETE"),
        (segments, query, body, method) => {
          const request = roundTrip(segments, query, body, method);
          expect(verifySignature({ ...request, lookupSecret }).ok).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects the request once any signed part changes", () => {
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        queryRecord,
        fc.string({ maxLength: 32 }),
        fc.constantFrom("path", "query", "body", "action"),
        (segments, query, body, part) => {
          const request = roundTrip(segments, query, body, "POST");
          const changed = {
            path: { ...request, path: `${request.path}/x` },
            query: { ...request, query: `${request.query}${request.query ? "&" : ""}zz=1` },
            body: { ...request, body: `${body}!` },
            action: { ...request, headers: { ...request.headers, "x-acs-action": "Other" } },
          }[part];
          expect(verifySignature({ ...changed, lookupSecret }).ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

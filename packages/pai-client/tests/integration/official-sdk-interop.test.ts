/** verifySignature accepts requests signed by the official Alibaba Cloud SDK. */
import { afterEach, describe, expect, it } from "vitest";
import { type PaiServer, startPaiServer } from "@imagebuild/test-support";
import type { VerifySignatureResult } from "../../src/verify-signature.ts";
import { BUILD_REQUEST } from "../fixtures/requests.ts";
import { verifyWith } from "../fixtures/verify-with.ts";
import * as Credentials from "@alicloud/credentials";
import * as OpenApi from "@alicloud/openapi-client";
import * as Util from "@alicloud/tea-util";

// The official SDK stack (a root devDependency) signs requests; our verifier must accept them as the
// local service will, and reject them when the secret differs.

// CommonJS interop: Node puts module.exports on `default`, whose own `default` is the class.
function cjsDefault<T>(namespace: { default: T }): T {
  const value = namespace.default as unknown as { default?: T };
  return value.default ?? namespace.default;
}
const Client = cjsDefault(OpenApi);
const Credential = cjsDefault(Credentials);

let server: PaiServer<VerifySignatureResult> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function officialClient(url: string, config: Record<string, string>) {
  const credential = new Credential(new Credentials.Config(config));
  return new Client(
    new OpenApi.Config({ credential, endpoint: new URL(url).host, protocol: "HTTP" }),
  );
}

const params = (action: string, method: string, pathname: string, version = "2021-02-04") =>
  new OpenApi.Params({
    action,
    version,
    protocol: "HTTP",
    pathname,
    method,
    authType: "AK",
    style: "ROA",
    reqBodyType: "json",
    bodyType: "json",
  });

describe("verifySignature accepts the official SDK's ACS3 requests", () => {
  it("CreateImageBuild with a ClientToken and JSON body, then ListImages with an encoded query", async () => {
    server = await startPaiServer({
      script: [{ status: 200, body: { ImageBuildId: "b", ImageBuildJobId: "j" } }],
      repeatLastStep: true,
      verify: verifyWith({ sdkKey: "sdkSecret" }),
    });
    const client = officialClient(server.url, {
      type: "access_key",
      accessKeyId: "sdkKey",
      accessKeySecret: "sdkSecret",
    });
    const runtime = new Util.RuntimeOptions({});
    await client.callApi(
      params("CreateImageBuild", "POST", "/api/v1/imagebuilds"),
      new OpenApi.OpenApiRequest({ query: { ClientToken: "tok-1" }, body: BUILD_REQUEST }),
      runtime,
    );
    await client.callApi(
      params("ListImages", "GET", "/api/v1/images"),
      new OpenApi.OpenApiRequest({
        query: { Labels: "system.official=false,system.chipType=GPU", Name: "my image*" },
      }),
      runtime,
    );
    expect(server.seen.map((r) => r.verification)).toMatchObject([
      { ok: true, accessKeyId: "sdkKey" },
      { ok: true, accessKeyId: "sdkKey" },
    ]);
    expect(server.seen[1]?.query.get("Name")).toBe("my image*");
  });

  it("STS credentials, and a wrong secret is SignatureDoesNotMatch", async () => {
    server = await startPaiServer({
      script: [{ status: 200, body: { JobId: "dlc-1", Status: "Running" } }],
      repeatLastStep: true,
      verify: verifyWith({ "STS.k": "right" }),
    });
    const sts = { type: "sts", accessKeyId: "STS.k", securityToken: "tok" };
    const runtime = new Util.RuntimeOptions({});
    const getJob = params("GetJob", "GET", "/api/v1/jobs/dlc-1", "2020-12-03");
    await officialClient(server.url, { ...sts, accessKeySecret: "right" }).callApi(
      getJob,
      new OpenApi.OpenApiRequest({}),
      runtime,
    );
    await officialClient(server.url, { ...sts, accessKeySecret: "wrong" })
      .callApi(getJob, new OpenApi.OpenApiRequest({}), runtime)
      .catch(() => undefined);
    expect(server.seen.map((r) => r.verification)).toMatchObject([
      { ok: true, accessKeyId: "STS.k", securityToken: "tok" },
      { ok: false, code: "SignatureDoesNotMatch" },
    ]);
  });
});

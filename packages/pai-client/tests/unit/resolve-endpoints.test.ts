/** resolveEndpoints: host names from the region, IMAGEBUILD_ENDPOINT, and the field named when nothing is set. */
import { describe, expect, it } from "vitest";
import { resolveEndpoints } from "../../src/resolve-endpoints.ts";

describe("resolveEndpoints", () => {
  it("builds the public and VPC host names from the region", () => {
    expect(resolveEndpoints({ region: "cn-hangzhou", env: {} })).toEqual({
      aiworkspace: "https://aiworkspace.cn-hangzhou.aliyuncs.com",
      dlc: "https://pai-dlc.cn-hangzhou.aliyuncs.com",
    });
    expect(resolveEndpoints({ region: "cn-guangzhou", vpc: true, env: {} })).toEqual({
      aiworkspace: "https://aiworkspace-vpc.cn-guangzhou.aliyuncs.com",
      dlc: "https://pai-dlc-vpc.cn-guangzhou.aliyuncs.com",
    });
  });

  it("reads the region from ALIBABA_CLOUD_REGION_ID", () => {
    expect(resolveEndpoints({ env: { ALIBABA_CLOUD_REGION_ID: "ap-southeast-1" } }).dlc).toBe(
      "https://pai-dlc.ap-southeast-1.aliyuncs.com",
    );
  });

  it("lets IMAGEBUILD_ENDPOINT point both APIs at one base URL, and endpoint win over it", () => {
    const env = {
      IMAGEBUILD_ENDPOINT: "http://127.0.0.1:7070/",
      ALIBABA_CLOUD_REGION_ID: "cn-hangzhou",
    };
    expect(resolveEndpoints({ env })).toEqual({
      aiworkspace: "http://127.0.0.1:7070",
      dlc: "http://127.0.0.1:7070",
    });
    expect(resolveEndpoints({ env, endpoint: "http://localhost:9000" }).dlc).toBe(
      "http://localhost:9000",
    );
  });

  it("names the field when nothing usable is configured", () => {
    expect(() => resolveEndpoints({ env: {} })).toThrow(
      /pass region .* or set IMAGEBUILD_ENDPOINT/,
    );
    expect(() => resolveEndpoints({ region: "Hangzhou", env: {} })).toThrow(
      /region: "Hangzhou" is not a region id/,
    );
    expect(() => resolveEndpoints({ env: { IMAGEBUILD_ENDPOINT: "ftp://x" } })).toThrow(
      /IMAGEBUILD_ENDPOINT: must be http or https/,
    );
    expect(() => resolveEndpoints({ endpoint: "http://x/api" })).toThrow(
      /endpoint: must be a bare origin/,
    );
    expect(() => resolveEndpoints({ endpoint: "not a url" })).toThrow(/endpoint: not a URL/);
  });
});

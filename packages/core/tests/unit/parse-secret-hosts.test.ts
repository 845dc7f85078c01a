/** parseSecretHosts: the IMAGEBUILD_SECRET_HOSTS binding, normalised, and refused when malformed. */
import { describe, expect, it } from "vitest";
import { parseSecretHosts, SecretHostsError } from "../../src/index.ts";

const parse = (value: string | undefined) => parseSecretHosts({ IMAGEBUILD_SECRET_HOSTS: value });

describe("parseSecretHosts", () => {
  it("binds nothing when unset or empty", () => {
    expect(parseSecretHosts({})).toEqual({});
    expect(parse("")).toEqual({});
  });

  it("normalises names like secret references and hosts to lower case", () => {
    expect(
      parse('{"acr-push":["Registry.Example.com","127.0.0.1:5000"],"ACR_PUSH":["r.example.com"]}'),
    ).toEqual({ ACR_PUSH: ["registry.example.com", "127.0.0.1:5000", "r.example.com"] });
  });

  it.each([
    ["[", "is not JSON"],
    ['["ACR"]', "must be a JSON object"],
    ['{"a b":["r.example.com"]}', '"a b" is not a secret name'],
    ['{"hosts":["r.example.com"]}', '"hosts" is reserved'],
    ['{"ACR":"r.example.com"}', "ACR: must be a list of registry hosts"],
    ['{"ACR":["https://r.example.com"]}', 'ACR: "https://r.example.com" is not a registry host'],
    ['{"ACR":["*.example.com"]}', 'ACR: "*.example.com" is not a registry host'],
  ])("refuses %s, naming the variable", (value, what) => {
    let error: unknown;
    try {
      parse(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SecretHostsError);
    expect(error).toMatchObject({
      code: "SECRET_HOSTS_INVALID",
      message: expect.stringContaining(`IMAGEBUILD_SECRET_HOSTS: ${what}`),
    });
  });
});

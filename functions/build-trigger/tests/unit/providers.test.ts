/** The git provider registry: unique names, exclusive header detection, settings, delivery keys. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { HttpEventSchema } from "../../src/events/http.ts";
import { detectProvider, GIT_PROVIDERS, providerTitles } from "../../src/providers/index.ts";
import { readDelivery } from "../../src/webhooks/read-delivery.ts";
import { httpEvent } from "../fixtures/events.ts";

const DELIVERY_HEADERS: Record<string, Record<string, string>> = {
  github: { "X-GitHub-Event": "push", "X-GitHub-Delivery": "d-1" },
  gitlab: { "X-Gitlab-Event": "Push Hook", "Idempotency-Key": "k-1" },
  codeup: { "Codeup-Event": "Push Hook" },
};

describe("GIT_PROVIDERS", () => {
  it("has one entry per name, each detecting only its own headers", () => {
    const names = GIT_PROVIDERS.map((provider) => provider.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(Object.keys(DELIVERY_HEADERS).sort());
    for (const [name, headers] of Object.entries(DELIVERY_HEADERS)) {
      expect(
        GIT_PROVIDERS.filter((provider) => provider.detect(headers)).map((p) => p.name),
      ).toEqual([name]);
    }
    expect(detectProvider({ "content-type": "application/json" })).toBeUndefined();
  });

  it("reads each provider's settings in loadConfig and keys deliveries by the host's id", () => {
    const config = loadConfig({ IMAGEBUILD_CODEUP_ORGANIZATION_ID: "org1" });
    expect(Object.keys(config.providers).sort()).toEqual(Object.keys(DELIVERY_HEADERS).sort());
    expect(config.providers.github?.apiUrl).toBe("https://api.github.com");
    expect(config.providers.codeup?.options.organizationId).toBe("org1");
    const keys = GIT_PROVIDERS.map((provider) =>
      provider.deliveryKey(DELIVERY_HEADERS[provider.name]),
    );
    expect(keys).toEqual(["d-1", "k-1", undefined]);
  });

  it("rejects a delivery no provider recognises, naming every provider", () => {
    expect(providerTitles()).toBe("GitHub, GitLab or Codeup");
    const delivery = readDelivery({
      event: HttpEventSchema.parse(httpEvent({ body: "{}" })),
      config: loadConfig({}),
    });
    expect(delivery).toEqual({
      kind: "unauthorized",
      reason: "no GitHub, GitLab or Codeup event header",
    });
  });
});

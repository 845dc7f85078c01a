/** The ClientToken slot of a base-change rebuild: one slot per set of new base digests. */
import { describe, expect, it } from "vitest";
import { BASE_CHANGE_SLOT_PREFIX, baseChangeSlot, CONTENT_SLOT } from "../../src/index.ts";

const busybox = (digit: string) => ({
  reference: "docker.io/library/busybox:1.36",
  digest: `sha256:${digit.repeat(64)}`,
});
const debian = {
  reference: "docker.io/library/debian:bookworm",
  digest: `sha256:${"d".repeat(64)}`,
};

describe("baseChangeSlot", () => {
  it("is the same for the same digests in any order, and differs when any digest or base differs", () => {
    const slot = baseChangeSlot([busybox("a"), debian]);
    expect(slot).toMatch(new RegExp(`^${BASE_CHANGE_SLOT_PREFIX}[0-9a-f]{16}$`));
    expect(baseChangeSlot([debian, busybox("a")])).toBe(slot);
    expect(baseChangeSlot([busybox("b"), debian])).not.toBe(slot);
    expect(baseChangeSlot([busybox("a")])).not.toBe(slot);
    expect(slot).not.toBe(CONTENT_SLOT);
  });

  it("does not let two bases swap digests unnoticed", () => {
    const a = { reference: "r.example/a:1", digest: `sha256:${"1".repeat(64)}` };
    const b = { reference: "r.example/b:1", digest: `sha256:${"2".repeat(64)}` };
    const swapped = [
      { reference: a.reference, digest: b.digest },
      { reference: b.reference, digest: a.digest },
    ];
    expect(baseChangeSlot(swapped)).not.toBe(baseChangeSlot([a, b]));
  });
});

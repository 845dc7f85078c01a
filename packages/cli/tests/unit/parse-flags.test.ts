/** parseFlags and wantsJson: flags parsed by a schema, bad ones named. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { UsageError } from "../../src/command.ts";
import { intFlag } from "../../src/flag-schemas.ts";
import { parseFlags, wantsJson } from "../../src/parse-flags.ts";

const schema = z.object({
  concurrency: intFlag({ min: 1, max: 8, fallback: 4 }),
  json: z.boolean().default(false),
});
const options = { concurrency: { type: "string" as const } };

describe("parseFlags", () => {
  it("returns checked values and defaults", () => {
    expect(parseFlags({ args: ["--concurrency", "2"], options, schema }).flags).toEqual({
      concurrency: 2,
      json: false,
    });
    expect(parseFlags({ args: ["--json"], options, schema }).flags).toEqual({
      concurrency: 4,
      json: true,
    });
  });

  it("names the flag whose value is bad", () => {
    expect(() => parseFlags({ args: ["--concurrency", "0"], options, schema })).toThrow(
      /^--concurrency: must be at least 1$/,
    );
    expect(() => parseFlags({ args: ["--concurrency", "x"], options, schema })).toThrow(
      /^--concurrency: /,
    );
  });

  it("rejects unknown flags and positionals as usage errors", () => {
    expect(() => parseFlags({ args: ["--nope"], options, schema })).toThrow(UsageError);
    expect(() => parseFlags({ args: ["--nope"], options, schema })).toThrow(
      /Unknown option '--nope'$/,
    );
    expect(() => parseFlags({ args: ["extra"], options, schema })).toThrow(UsageError);
  });

  it("accepts positionals when allowed", () => {
    const { positionals } = parseFlags({
      args: ["a", "--json", "b"],
      options,
      schema,
      positionals: true,
    });
    expect(positionals).toEqual(["a", "b"]);
  });
});

describe("wantsJson", () => {
  it("sees --json before a -- terminator only", () => {
    expect(wantsJson(["x", "--json"])).toBe(true);
    expect(wantsJson(["--", "--json"])).toBe(false);
  });
});

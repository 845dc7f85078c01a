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

describe("parseFlags", () => {
  it("returns checked values and defaults", () => {
    expect(parseFlags({ args: ["--concurrency", "2"], schema }).flags).toEqual({
      concurrency: 2,
      json: false,
    });
    expect(parseFlags({ args: ["--json"], schema }).flags).toEqual({
      concurrency: 4,
      json: true,
    });
  });

  it("names the flag whose value is bad", () => {
    expect(() => parseFlags({ args: ["--concurrency", "0"], schema })).toThrow(
      /^--concurrency: must be at least 1$/,
    );
    expect(() => parseFlags({ args: ["--concurrency", "x"], schema })).toThrow(/^--concurrency: /);
  });

  it("rejects unknown flags and positionals as usage errors", () => {
    expect(() => parseFlags({ args: ["--nope"], schema })).toThrow(UsageError);
    expect(() => parseFlags({ args: ["--nope"], schema })).toThrow(/Unknown option '--nope'$/);
    expect(() => parseFlags({ args: ["extra"], schema })).toThrow(UsageError);
  });

  it("derives each flag from the schema: kebab-case names, switches, repeated values and short aliases", () => {
    const flags = z.object({
      dryRun: z.boolean().default(false),
      workspace: z.array(z.string()).optional(),
      follow: z.boolean().default(false),
      logFormat: z.enum(["json", "plain"]).default("plain"),
    });
    const parsed = parseFlags({
      args: ["--dry-run", "--workspace", "1", "--workspace", "2", "-f", "--log-format", "json"],
      schema: flags,
      short: { follow: "f" },
    });
    expect(parsed.flags).toEqual({
      dryRun: true,
      workspace: ["1", "2"],
      follow: true,
      logFormat: "json",
    });
    // A switch takes no value, and a camelCase spelling is not a flag.
    expect(() => parseFlags({ args: ["--dry-run=yes"], schema: flags })).toThrow(UsageError);
    expect(() => parseFlags({ args: ["--dryRun"], schema: flags })).toThrow(
      /Unknown option '--dryRun'; did you mean "--dry-run"/,
    );
    expect(() => parseFlags({ args: ["--log-format", "xml"], schema: flags })).toThrow(
      /^--log-format: /,
    );
  });

  it("accepts positionals when allowed", () => {
    const { positionals } = parseFlags({
      args: ["a", "--json", "b"],
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

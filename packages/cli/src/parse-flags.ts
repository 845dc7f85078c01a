/** Parses a command's arguments with `node:util` parseArgs (strict), then checks the values with a zod schema. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { z } from "zod";
import { UsageError } from "./command.ts";
import { didYouMean } from "./did-you-mean.ts";

/** The option table `parseArgs` takes; `--json` is added to every command. */
export type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/** What `parseFlags` returns: the checked flags and the positional arguments. */
export interface ParsedFlags<T> {
  flags: T;
  positionals: string[];
}

/**
 * Parses `args` strictly (an unknown flag or a missing value is a `UsageError`), then validates the
 * flag values with `schema`; a bad value is a `UsageError` naming the flag, e.g. `--concurrency: …`.
 *
 * @example
 * const { flags } = parseFlags({
 *   args: ["--concurrency", "4"],
 *   options: { concurrency: { type: "string" } },
 *   schema: z.object({ concurrency: z.coerce.number().int().positive().default(4) }),
 * });
 */
export function parseFlags<S extends z.ZodType>({
  args,
  options,
  schema,
  positionals = false,
}: {
  args: string[];
  options: FlagOptions;
  schema: S;
  positionals?: boolean;
}): ParsedFlags<z.output<S>> {
  let parsed: ReturnType<typeof parseArgs>;
  const allOptions: FlagOptions = { json: { type: "boolean" }, ...options };
  try {
    parsed = parseArgs({
      args,
      options: allOptions,
      strict: true,
      allowPositionals: positionals,
    });
  } catch (error) {
    throw new UsageError(cleanParseArgsMessage(error, Object.keys(allOptions)), { cause: error });
  }
  const result = schema.safeParse(parsed.values);
  if (!result.success) {
    const first = result.error.issues[0];
    const flag = first?.path[0];
    const name = typeof flag === "string" ? `--${toKebab(flag)}` : "flags";
    throw new UsageError(`${name}: ${first?.message ?? "invalid value"}`, { cause: result.error });
  }
  return { flags: result.data, positionals: parsed.positionals };
}

/** Whether `--json` appears before any `--` terminator; used to format errors before flags are parsed. */
export function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).includes("--json");
}

function toKebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

// parseArgs messages end with advice about "--" that does not fit a CLI's users.
function cleanParseArgsMessage(error: unknown, known: string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const cleaned = message
    .replace(/\. To specify a positional argument.*$/s, "")
    .replace(/\s+$/, "");
  const unknown = /^Unknown option '--([^'=]+)'/.exec(cleaned)?.[1];
  if (unknown === undefined) return cleaned;
  return `${cleaned}${didYouMean(unknown, known).replace(/"([^"]+)"/, '"--$1"')}`;
}

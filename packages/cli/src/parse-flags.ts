/** Parses a command's arguments with `node:util` parseArgs (strict), then checks the values with a zod schema. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { z } from "zod";
import { UsageError } from "./command.ts";
import { didYouMean } from "./did-you-mean.ts";

/** The option table `parseArgs` takes, derived from a command's flag schema. */
type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/** What `parseFlags` returns: the checked flags and the positional arguments. */
export interface ParsedFlags<T> {
  flags: T;
  positionals: string[];
}

/**
 * Parses `args` strictly against the flags `schema` declares (each camelCase key is a kebab-case
 * flag: `dryRun` is `--dry-run`; a boolean schema is a switch, an array one may repeat, anything else
 * takes a value), then validates the values with it. An unknown flag or a missing value is a
 * `UsageError`, and so is a bad value, naming the flag, e.g. `--concurrency: …`. `--json` is
 * accepted by every command.
 *
 * @example
 * const { flags } = parseFlags({
 *   args: ["--dry-run", "--concurrency", "4"],
 *   schema: z.object({ dryRun: z.boolean().default(false), concurrency: intFlag({ min: 1, max: 64, fallback: 2 }) }),
 * }); // flags: { dryRun: true, concurrency: 4 }
 */
export function parseFlags<S extends z.ZodObject>({
  args,
  schema,
  positionals = false,
  short = {},
}: {
  args: string[];
  schema: S;
  positionals?: boolean;
  /** One-letter aliases by flag key, e.g. `{ follow: "f" }` for `-f`. */
  short?: Readonly<Record<string, string>>;
}): ParsedFlags<z.output<S>> {
  let parsed: ReturnType<typeof parseArgs>;
  const options: FlagOptions = { json: { type: "boolean" } };
  for (const [key, field] of Object.entries(schema.shape)) {
    const alias = short[key];
    options[toKebab(key)] = {
      ...optionFor(field as z.ZodType),
      ...(alias ? { short: alias } : {}),
    };
  }
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new UsageError(cleanParseArgsMessage(error, Object.keys(options)), { cause: error });
  }
  const values = Object.fromEntries(
    Object.entries(parsed.values).map(([name, value]) => [toCamel(name), value]),
  );
  const result = schema.safeParse(values);
  if (!result.success) {
    const first = result.error.issues[0];
    const flag = first?.path[0];
    const name = typeof flag === "string" ? `--${toKebab(flag)}` : "flags";
    throw new UsageError(`${name}: ${first?.message ?? "invalid value"}`, { cause: result.error });
  }
  return { flags: result.data, positionals: parsed.positionals };
}

/** A switch for a boolean schema, a repeatable value for an array, else one value. */
function optionFor(field: z.ZodType): { type: "string" | "boolean"; multiple?: boolean } {
  // The wrappers' inner schema: `innerType` of optional, default and the like, `in` of a pipe.
  const def = field.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
  if (def.type === "boolean") return { type: "boolean" };
  if (def.type === "array") return { type: "string", multiple: true };
  const inner = def.innerType ?? def.in;
  return inner ? optionFor(inner) : { type: "string" };
}

/**
 * The flags a schema declares, as typed: `--json` and each key in kebab case.
 *
 * @example
 * flagNames(z.object({ dryRun: z.boolean().default(false) })) // ["--dry-run", "--json"]
 */
export function flagNames(schema: z.ZodObject): string[] {
  return [
    ...new Set(["json", ...Object.keys(schema.shape)].map((key) => `--${toKebab(key)}`)),
  ].sort();
}

/** Whether `--json` appears before any `--` terminator; used to format errors before flags are parsed. */
export function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).includes("--json");
}

function toKebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function toCamel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
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

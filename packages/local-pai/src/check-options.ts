/** Checks the options of `createLocalPai` / `startService` with zod, naming the bad option. */
import { z } from "zod";

/**
 * Thrown for a bad option: `code` is stable, `field` names the option.
 *
 * @example
 * try { await createLocalPai({ dataDir, port: -1 }) } catch (e) { if (e.code === "LOCAL_PAI_CONFIG") console.error(e.field) }
 */
export class LocalPaiConfigError extends Error {
  override readonly name = "LocalPaiConfigError";
  readonly code = "LOCAL_PAI_CONFIG";
  readonly field: string;
  constructor({ field, message, cause }: { field: string; message: string; cause?: unknown }) {
    super(`local-pai: ${field}: ${message}`, { cause });
    this.field = field;
  }
}

const port = z.number().int().min(0).max(65_535);

/** The options both entry points share. */
const OPTIONS = z.object({
  dataDir: z.string().min(1, "must be a directory path"),
  port: port.optional(),
  registryPort: port.optional(),
  host: z.string().min(1).optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  accessKeys: z
    .array(
      z.object({
        accessKeyId: z.string().min(1),
        accessKeySecret: z.string().min(1),
        workspaces: z.array(z.string().min(1)).optional(),
      }),
    )
    .optional(),
  workspaces: z.array(z.string().min(1)).optional(),
  rateLimit: z
    .object({ requestsPerSecond: z.number().positive(), burst: z.number().min(1) })
    .optional(),
  bodyLimitBytes: z.number().int().positive().optional(),
});

/**
 * Throws `LocalPaiConfigError` naming the first bad option; never echoes a secret.
 *
 * @example
 * checkOptions({ dataDir: ".imagebuild", port: 70_000 }) // throws "local-pai: port: Too big: …"
 */
export function checkOptions(options: Record<string, unknown>): void {
  const result = OPTIONS.safeParse(options);
  if (result.success) return;
  const issue = result.error.issues[0];
  throw new LocalPaiConfigError({
    field: issue?.path.join(".") || "options",
    message: issue?.message ?? "is invalid",
    cause: result.error,
  });
}

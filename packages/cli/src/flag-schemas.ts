/** zod pieces shared by the commands' flag schemas, so every command checks `--env` and friends alike. */
import { z } from "zod";

/** `--env NAME`: an overlay name as the spec schema allows it. */
export const envFlag = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, "must be an environment name like local or prod")
  .optional();

/** `--base REF`: a git revision; no leading dash so it cannot be read as an option by git. */
export const baseFlag = z
  .string()
  .regex(/^[A-Za-z0-9_./@^~{}:-]{1,200}$/, "must be a git revision like origin/main or a commit id")
  .refine((v) => !v.startsWith("-"), "must not start with '-'")
  .optional();

/** `--dir PATH`: the specs folder; absent, it is found from imagebuild.config.yaml or the repository root. */
export const dirFlag = z.string().min(1, "must not be empty").optional();

/** `--json`: one JSON document on stdout. */
export const jsonFlag = z.boolean().default(false);

/**
 * A positive integer given as a string flag, within `[min, max]`.
 *
 * @example
 * z.object({ concurrency: intFlag({ min: 1, max: 64, fallback: 4 }) })
 */
export function intFlag<Fallback extends number | undefined>({
  min,
  max,
  fallback,
}: {
  min: number;
  max: number;
  /** The value when the flag is absent; undefined when the command decides later (e.g. from the config). */
  fallback: Fallback;
}) {
  return z
    .string()
    .regex(/^[0-9]+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .transform((v): number | Fallback => v ?? fallback);
}

/**
 * A positive number (decimals allowed) given as a string flag, within `(0, max]`.
 *
 * @example
 * z.object({ rate: numberFlag({ max: 1000, fallback: 5 }) })
 */
export function numberFlag({ max, fallback }: { max: number; fallback: number }) {
  return z
    .string()
    .regex(/^[0-9]+(\.[0-9]+)?$/, `must be a number greater than 0 and at most ${max}`)
    .transform(Number)
    .pipe(z.number().gt(0, "must be greater than 0").max(max, `must be at most ${max}`))
    .optional()
    .transform((v) => v ?? fallback);
}

/** `--poll SECONDS`: the first interval between job status polls (it grows up to 30 s). */
export const pollFlag = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)?$/, "must be a number of seconds from 0.05 to 60")
  .transform(Number)
  .pipe(z.number().min(0.05, "must be at least 0.05").max(60, "must be at most 60"))
  .optional()
  .transform((v) => (v === undefined ? undefined : Math.round(v * 1000)));

/**
 * The `--env` line of the help of a command that only talks to PAI (status, logs, …), its
 * description starting at `column` as the command's other options do.
 *
 * @example
 * const HELP = `Options:\n${targetEnvHelp(20)}\n  --json            …`;
 */
export function targetEnvHelp(column: number): string {
  const indent = " ".repeat(column);
  return `${"  --env NAME".padEnd(column)}the environment whose endpoint, workspace and aliyun profile
${indent}(imagebuild.config.yaml) to use; default IMAGEBUILD_ENV, else defaultEnv`;
}

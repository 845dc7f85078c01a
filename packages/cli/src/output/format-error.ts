/** Turns any thrown value into a code and a message that are safe to print: secrets are masked. */

/** What a command prints for a failure, as text or under `--json`. */
export interface PrintableError {
  code: string;
  message: string;
  /** The variable, flag or field at fault when the error names one. */
  field?: string;
  retryable?: boolean;
  requestId?: string;
  /** Spec problems, when the error is a `SPEC_INVALID` one. */
  problems?: unknown[];
}

const MASK = "***";
// Environment variables whose values are credentials, by name.
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|AUTH|CREDENTIAL|ACCESS_KEY)/i;
// Shorter values would mask ordinary words in messages.
const MIN_SECRET_LENGTH = 6;

/**
 * Reads `code`, `message` and context fields from an error (checking `code`, not `instanceof`, so
 * errors from any package work) and masks every secret value from `env` that appears in them.
 *
 * @example
 * formatError(new Error("bad key LTAIsecret"), { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "LTAIsecret" });
 * // { code: "ERROR", message: "bad key ***" }
 */
export function formatError(error: unknown, env: NodeJS.ProcessEnv): PrintableError {
  const record = (typeof error === "object" && error !== null ? error : {}) as Record<
    string,
    unknown
  >;
  const message =
    error instanceof Error
      ? error.message
      : typeof record.message === "string"
        ? record.message
        : String(error);
  const out: PrintableError = {
    code: typeof record.code === "string" ? record.code : "ERROR",
    message: redactSecrets(message, env),
  };
  if (typeof record.field === "string") out.field = record.field;
  if (typeof record.retryable === "boolean") out.retryable = record.retryable;
  if (typeof record.requestId === "string") out.requestId = record.requestId;
  if (Array.isArray(record.problems)) out.problems = record.problems;
  return out;
}

/**
 * Replaces the values of secret-named environment variables (and their base64 forms, as sent in
 * `RegistryAuths`) with `***`.
 *
 * @example
 * redactSecrets("token abc123xyz", { ALIBABA_CLOUD_SECURITY_TOKEN: "abc123xyz" }); // "token ***"
 */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv): string {
  let out = text;
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    if (!SECRET_NAME.test(name) && !name.startsWith("IMAGEBUILD_SECRET_")) continue;
    for (const form of [value, Buffer.from(value).toString("base64")]) {
      out = out.split(form).join(MASK);
    }
  }
  return out;
}

/** The error for bad client configuration: missing credentials, a bad region or endpoint. */

/** Stable codes of `PaiConfigError`. */
export type PaiConfigErrorCode = "CREDENTIALS_MISSING" | "CREDENTIALS_INVALID" | "ENDPOINT_INVALID";

/**
 * Thrown before any request is sent when configuration is missing or malformed. The message names
 * the variable or field, never its value.
 *
 * @example
 * try { credentialsFromEnv({}) } catch (e) { e.code === "CREDENTIALS_MISSING" && e.field }
 */
export class PaiConfigError extends Error {
  override readonly name = "PaiConfigError";
  readonly code: PaiConfigErrorCode;
  /** The variable or option at fault, e.g. `ALIBABA_CLOUD_ACCESS_KEY_ID`. */
  readonly field: string;

  constructor({
    code,
    field,
    message,
    cause,
  }: { code: PaiConfigErrorCode; field: string; message: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.field = field;
  }
}

/** The error thrown at render time when a RegistryAuths reference is out of scope: nothing is resolved. */

/**
 * Names the spec file and the field; carries no value (none was read).
 *
 * @example
 * throw new SecretScopeError({ file: "specs/a/1.0.yaml", field: "build.BuildConfig.RegistryAuths.r.example.com.fromEnv", reason: "…" });
 */
export class SecretScopeError extends Error {
  override readonly name = "SecretScopeError";
  readonly code = "SECRET_OUT_OF_SCOPE";
  readonly file: string;
  readonly field: string;

  constructor({ file, field, reason }: { file: string; field: string; reason: string }) {
    super(`${file}: ${field}: ${reason}; nothing was resolved or sent`);
    this.file = file;
    this.field = field;
  }
}

/** The error thrown when a registry credential reference cannot be resolved at dispatch. */

/**
 * Names the variable that is missing, never a value.
 *
 * @example
 * throw new SecretMissingError({ variable: "ACR_AUTH", registry: "r.example.com", file: "specs/a/1.0.yaml" });
 */
export class SecretMissingError extends Error {
  override readonly name = "SecretMissingError";
  readonly code = "SECRET_MISSING";
  readonly variable: string;
  readonly registry: string;
  readonly file: string;

  constructor({ variable, registry, file }: { variable: string; registry: string; file: string }) {
    super(
      `${file}: BuildConfig.RegistryAuths.${registry}: environment variable ${variable} is not set; export it as "user:password"`,
    );
    this.variable = variable;
    this.registry = registry;
    this.file = file;
  }
}

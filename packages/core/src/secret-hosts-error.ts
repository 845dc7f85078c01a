/** The error thrown when `IMAGEBUILD_SECRET_HOSTS` is malformed. */

/**
 * Names the variable and what is wrong with it; the setting holds names and hosts, never a credential.
 *
 * @example
 * throw new SecretHostsError("is not JSON");
 */
export class SecretHostsError extends Error {
  override readonly name = "SecretHostsError";
  readonly code = "SECRET_HOSTS_INVALID";
  readonly variable = "IMAGEBUILD_SECRET_HOSTS";

  constructor(what: string) {
    super(
      `IMAGEBUILD_SECRET_HOSTS: ${what}; set it to JSON such as {"ACR_PUSH":["registry.example.com"]}`,
    );
  }
}

/** JSON log lines (one object per line) that never carry a secret. */
import type { Logger } from "@imagebuild/pai-client/logger";

/**
 * A field whose name looks like a credential is replaced whatever its value. Names are compared
 * lower-cased without `-`/`_`, so header-style names (`x-oss-security-token`, `private-token`,
 * `x-hub-signature-256`) and docker `auths` match too; a ClientToken is an idempotency key, not a secret.
 */
const SECRET_FIELD =
  /(secrets?|password|passwd|authorization|auths?|signature(256)?|accesskeysecret|tokens?)$/;
const NOT_SECRET_FIELD = /clienttokens?$/;
const REDACTED = "[redacted]";

// The one Logger shape lives in pai-client; re-exported so the handler's modules import it from here.
export type { Logger };

/**
 * Creates a logger writing `{"time","level","msg",...fields}` lines to `write`. Values equal to or
 * containing one of `secrets` are scrubbed, and so are fields named like credentials.
 *
 * @example
 * const log = createLogger({ secrets: configSecrets(config) });
 * log.info("push accepted", { repository: "acme/images", specs: 3 });
 */
export function createLogger({
  secrets = [],
  write = (line: string) => process.stdout.write(line),
  base = {},
}: {
  secrets?: readonly string[];
  write?: (line: string) => void;
  base?: Record<string, unknown>;
} = {}): Logger {
  const scrubbable = secrets.filter((secret) => secret.length >= 4);
  const emit = (level: string, message: string, fields: Record<string, unknown> = {}) => {
    let line = JSON.stringify(
      { time: new Date().toISOString(), level, msg: message, ...base, ...fields },
      (key, value) => (key !== "" && isSecretField(key) ? REDACTED : value),
    );
    for (const secret of scrubbable)
      line = line.split(JSON.stringify(secret).slice(1, -1)).join(REDACTED);
    write(`${line}\n`);
  };
  return {
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (fields) => createLogger({ secrets, write, base: { ...base, ...fields } }),
  };
}

function isSecretField(key: string): boolean {
  const name = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_FIELD.test(name) && !NOT_SECRET_FIELD.test(name);
}

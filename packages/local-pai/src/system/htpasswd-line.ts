/** Makes one bcrypt htpasswd line, the only hash the distribution registry accepts. */
import bcrypt from "bcryptjs";

/** bcrypt cost: the registry checks it on every authenticated request, so keep it moderate. */
const BCRYPT_COST = 10;

/**
 * Returns `user:$2b$10$…` for an htpasswd file.
 *
 * @example
 * await writeFile(path, `${htpasswdLine({ username: "ci", password: "s3cret" })}\n`, { mode: 0o600 });
 */
export function htpasswdLine({
  username,
  password,
}: {
  username: string;
  password: string;
}): string {
  if (username.includes(":") || /[\r\n]/.test(username)) {
    throw new TypeError("htpasswd user name must not contain ':' or a line break");
  }
  return `${username}:${bcrypt.hashSync(password, BCRYPT_COST)}`;
}

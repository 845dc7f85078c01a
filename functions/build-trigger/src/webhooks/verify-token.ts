/** Plain shared-token check (GitLab `X-Gitlab-Token`, Codeup `X-Codeup-Token`) in constant time. */
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * True when `token` equals one of `secrets`. Both sides are hashed first so the comparison has a
 * fixed length and its time does not reveal the secret's length.
 *
 * @example
 * verifyToken({ token: headerValue(headers, "x-gitlab-token"), secrets: config.gitlabTokens })
 */
export function verifyToken({
  token,
  secrets,
}: {
  token: string | undefined;
  secrets: readonly string[];
}): boolean {
  if (!token) return false;
  const given = createHash("sha256").update(token, "utf8").digest();
  let matched = false;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    const expected = createHash("sha256").update(secret, "utf8").digest();
    if (timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}

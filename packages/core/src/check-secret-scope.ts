/** The `secret-scope` lint: every RegistryAuths reference names a secret bound to its registry host. */
import type { ProblemAt } from "./problem-locator.ts";
import type { SecretHosts } from "./secret-hosts.ts";
import { secretScope } from "./secret-scope.ts";
import type { CredentialRef, Problem } from "./types.ts";

/**
 * One problem per RegistryAuths entry of the layered spec that is outside the secret namespace or not bound
 * to its host, placed at the `fromEnv`/`secret` field of the layer that set it.
 *
 * @example
 * checkSecretScope({ refs: { "r.example.com": { fromEnv: "HOME" } }, secretHosts: {}, problemAt }); // one problem
 */
export function checkSecretScope({
  refs,
  secretHosts,
  problemAt,
}: {
  refs: Readonly<Record<string, CredentialRef>>;
  secretHosts: SecretHosts;
  problemAt: ProblemAt;
}): Problem[] {
  const problems: Problem[] = [];
  for (const [host, ref] of Object.entries(refs)) {
    const scope = secretScope(ref, host, secretHosts);
    if (scope.ok) continue;
    const path = ["build", "BuildConfig", "RegistryAuths", host, scope.field];
    problems.push(problemAt("secret-scope", path, `${path.join(".")}: ${scope.reason}`));
  }
  return problems;
}

/** The git provider registry: one line per host, in the order their webhook headers are checked. */
import type { TriggerConfig } from "../config.ts";
import { SourceError } from "../errors.ts";
import { codeupProvider } from "./codeup.ts";
import type { GitProvider, GitProviderSettings, WebhookHeaders } from "./git-provider.ts";
import { githubProvider } from "./github.ts";
import { gitlabProvider } from "./gitlab.ts";

/**
 * Every git host the function accepts webhooks from and reads specs through.
 *
 * @example
 * GIT_PROVIDERS.map((provider) => provider.name) // ["github", "gitlab", "codeup"]
 */
export const GIT_PROVIDERS: readonly GitProvider[] = [
  githubProvider,
  gitlabProvider,
  codeupProvider,
];

/**
 * The provider whose headers the delivery carries, or undefined.
 *
 * @example
 * detectProvider({ "X-Gitlab-Event": "Push Hook" })?.name // "gitlab"
 */
export function detectProvider(headers: WebhookHeaders): GitProvider | undefined {
  return GIT_PROVIDERS.find((provider) => provider.detect(headers));
}

/**
 * The provider registered as `name`, or undefined.
 *
 * @example
 * findProvider("github")?.title // "GitHub"
 */
export function findProvider(name: string): GitProvider | undefined {
  return GIT_PROVIDERS.find((provider) => provider.name === name);
}

/**
 * A provider's parsed settings (`loadConfig` reads them for every registered provider).
 *
 * @example
 * providerSettings(config, githubProvider).webhookSecrets
 */
export function providerSettings(
  config: TriggerConfig,
  provider: GitProvider,
): GitProviderSettings {
  const settings = config.providers[provider.name];
  if (settings) return settings;
  throw new SourceError({
    code: "SOURCE_UNSUPPORTED",
    message: `no settings for git provider ${provider.name}; build the config with loadConfig`,
  });
}

/**
 * The providers' titles as a sentence, for messages ("GitHub, GitLab or Codeup").
 *
 * @example
 * providerTitles() // "GitHub, GitLab or Codeup"
 */
export function providerTitles(): string {
  const titles = GIT_PROVIDERS.map((provider) => provider.title);
  return titles.length < 2
    ? titles.join("")
    : `${titles.slice(0, -1).join(", ")} or ${titles[titles.length - 1]}`;
}

/** The `group/name` path of a clone URL, for GitLab-style payloads that carry no project path. */

/**
 * The URL's path without the leading slash and `.git`, or undefined when there is no URL.
 *
 * @example
 * repositoryFromUrl("https://codeup.example.com/acme/images.git") // "acme/images"
 */
export function repositoryFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).pathname.replace(/^\//, "").replace(/\.git$/, "");
  } catch {
    return undefined;
  }
}

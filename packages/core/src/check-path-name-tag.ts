/** The `path-name-tag` lint: the file path, Image.Name and the Image.Uri tag agree. */
import type { RuleId } from "./rules/index.ts";
import type { Problem } from "./types.ts";

const VERSION_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const IMAGE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,49}$/;

/**
 * Checks that the folder is a valid image name equal to Image.Name, and that the file name is a valid tag
 * equal to the tag of an explicit Image.Uri (a composed Uri agrees by construction).
 *
 * @example
 * checkPathNameTag({ file: "specs/a/1.0.yaml", imageName: "a", version: "1.0", name: "b", uri: undefined,
 *   composedUri: false, problemAt }) // [{ ruleId: "path-name-tag", message: 'Image.Name "b" does not match the folder "a"' }]
 */
export function checkPathNameTag({
  file,
  imageName,
  version,
  name,
  uri,
  composedUri,
  problemAt,
}: {
  file: string;
  imageName: string;
  version: string;
  name: string;
  uri: string | undefined;
  composedUri: boolean;
  problemAt: (ruleId: RuleId, path: string[], message: string) => Problem;
}): Problem[] {
  const problems: Problem[] = [];
  const rule = "path-name-tag";
  if (!IMAGE_NAME_PATTERN.test(imageName)) {
    problems.push(
      problemAt(
        rule,
        [],
        `folder "${imageName}" is not a valid image name (${IMAGE_NAME_PATTERN.source}): rename ${file}`,
      ),
    );
  }
  if (!VERSION_PATTERN.test(version)) {
    problems.push(
      problemAt(
        rule,
        [],
        `file name "${version}" is not a valid tag (${VERSION_PATTERN.source}): rename ${file}`,
      ),
    );
  }
  if (name !== imageName) {
    problems.push(
      problemAt(
        rule,
        ["build", "Image", "Name"],
        `Image.Name "${name}" does not match the folder "${imageName}"`,
      ),
    );
  }
  if (uri !== undefined && !composedUri) {
    const match = /^(.*\/)?([^/:]+)(?::([^/:]+))$/.exec(uri);
    const tag = match?.[3];
    if (tag !== undefined && tag !== version) {
      problems.push(
        problemAt(
          rule,
          ["build", "Image", "Uri"],
          `Image.Uri: tag "${tag}" does not match the file name "${version}"`,
        ),
      );
    }
  }
  return problems;
}

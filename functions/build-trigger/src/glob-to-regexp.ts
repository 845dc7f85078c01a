/** A small glob matcher for timer payloads: `*` within a segment, `**` across segments, `?` one character. */

/**
 * Converts a glob to an anchored RegExp.
 *
 * @example
 * globToRegExp("specs/busybox-*\/*.yaml").test("specs/busybox-tools/1.0.0.yaml") // true
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] ?? "";
    if (char === "*" && glob[i + 1] === "*") {
      pattern += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (char === "*") pattern += "[^/]*";
    else if (char === "?") pattern += "[^/]";
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${pattern}$`);
}

/** `IMAGEBUILD_STATUS_TARGET_URL`: the link on each commit status, a URL with `{jobId}` and `{file}` filled in per status. */
import { z } from "zod";
import { envHttpUrl } from "../env-fields.ts";

/** The placeholders the template may hold, and what each becomes (percent-encoded). */
export const STATUS_TARGET_PLACEHOLDERS = {
  "{jobId}": "the build's DLC job id (empty when there is none)",
  "{file}": "the spec file, e.g. specs/tools/1.0.0.yaml",
} as const;

const PLACEHOLDER = /\{[^{}]*\}/g;

/**
 * The link for one status: each placeholder replaced by its value, percent-encoded.
 *
 * @example
 * fillStatusTargetUrl("https://ci.example.com/builds/{jobId}", { jobId: "dlc-1", file: "specs/a/1.0.yaml" })
 * // "https://ci.example.com/builds/dlc-1"
 */
export function fillStatusTargetUrl(
  template: string,
  { jobId, file }: { jobId: string | undefined; file: string },
): string {
  return template
    .replaceAll("{jobId}", encodeURIComponent(jobId ?? ""))
    .replaceAll("{file}", encodeURIComponent(file));
}

/**
 * The variable's schema: unset, or an http(s) URL once its placeholders are filled in; an unknown
 * placeholder (`{job}`) is an error naming the known ones, so a typo stops the function at start-up
 * instead of posting broken links.
 *
 * @example
 * StatusTargetUrlSchema.parse("https://console.example.com/jobs/{jobId}") // unchanged
 */
export const StatusTargetUrlSchema = z
  .string()
  .min(1)
  .superRefine((template, context) => {
    const unknown = (template.match(PLACEHOLDER) ?? []).filter(
      (placeholder) => !(placeholder in STATUS_TARGET_PLACEHOLDERS),
    );
    if (unknown.length > 0) {
      context.addIssue({
        code: "custom",
        message: `unknown placeholder ${unknown.join(", ")}; the known ones are ${Object.keys(STATUS_TARGET_PLACEHOLDERS).join(" and ")}`,
      });
      return;
    }
    const sample = fillStatusTargetUrl(template, { jobId: "dlc-0", file: "specs/a/1.0.yaml" });
    if (!envHttpUrl.safeParse(sample).success) {
      context.addIssue({
        code: "custom",
        message: "must be an http(s) URL, e.g. https://console.example.com/jobs/{jobId}",
      });
    }
  })
  .optional();

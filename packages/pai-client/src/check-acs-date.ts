/** Checks an `x-acs-date` value against the server clock, as the gateway does (15 minutes either way). */

/** The gateway's allowed clock skew. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const ACS_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The outcome; the codes are the gateway's (pai-api.md §4.2). */
export type CheckAcsDateResult =
  | { ok: true; date: Date }
  | { ok: false; code: "InvalidTimeStamp.Format" | "InvalidTimeStamp.Expired"; message: string };

/**
 * Parses `x-acs-date` (`YYYY-MM-DDTHH:mm:ssZ`) and rejects a skew beyond `maxSkewMs`.
 *
 * @example
 * checkAcsDate({ value: "2023-10-26T10:22:32Z", now: new Date() }) // { ok: false, code: "InvalidTimeStamp.Expired", … }
 */
export function checkAcsDate({
  value,
  now = new Date(),
  maxSkewMs = MAX_CLOCK_SKEW_MS,
}: {
  value: string | undefined;
  now?: Date;
  maxSkewMs?: number;
}): CheckAcsDateResult {
  const date = value && ACS_DATE_PATTERN.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    return {
      ok: false,
      code: "InvalidTimeStamp.Format",
      message: "x-acs-date must be a UTC time like 2023-10-26T10:22:32Z",
    };
  }
  if (Math.abs(date.getTime() - now.getTime()) > maxSkewMs) {
    return {
      ok: false,
      code: "InvalidTimeStamp.Expired",
      message: `x-acs-date is more than ${Math.round(maxSkewMs / 60_000)} minutes from the server time`,
    };
  }
  return { ok: true, date };
}

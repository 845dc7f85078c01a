/** The dispatch limits every caller shares: the CLI's flags, the function's settings and `dispatch` itself. */

/** Builds in flight at once by default. */
export const DEFAULT_DISPATCH_CONCURRENCY = 4;
/** The largest accepted concurrency; PAI's API limits, not the caller, bound what is useful. */
export const MAX_DISPATCH_CONCURRENCY = 64;
/** API calls per second by default; PAI's documented per-user limits are higher, throttling is still retried. */
export const DEFAULT_DISPATCH_RATE_PER_SECOND = 5;
/** The largest accepted rate, in API calls per second. */
export const MAX_DISPATCH_RATE_PER_SECOND = 1000;

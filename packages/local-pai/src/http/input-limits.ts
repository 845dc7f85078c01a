/**
 * Caps on request input that PAI does not document, enforced in code (the rest are in the JSON
 * Schemas); see docs/decisions/local-pai-input-limits.md.
 */

/**
 * ListImages `Labels` filter: most `Key=Value` pairs in one request. An image holds at most 64 labels
 * (the schema's `Labels.maxItems`), so more pairs cannot narrow a listing further; each pair is one
 * SQL term, and SQLite refuses a statement of more than 1,000 terms ("expression tree too large").
 */
export const MAX_LABEL_FILTER_PAIRS = 64;

/** Schema issues named in one error message; a body with thousands of bad items would otherwise answer megabytes. */
export const MAX_ISSUES_IN_MESSAGE = 10;

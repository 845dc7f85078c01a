/** ajv's `ucs2length` for the bundle's precompiled validators, without its character loop for strings with no surrogate pair. */
const { default: ucs2length } = require("ajv/dist/runtime/ucs2length.js");

/** A string without a high surrogate has one code point per UTF-16 unit (a lone low one counts 1 there too). */
const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * The length JSON Schema's `minLength`/`maxLength` compare, as ajv counts it: code points. The
 * precompiled validators check every Dockerfile twice (spec and request); the loop was 2% of validate.
 *
 * @example
 * countCodePoints("a😀") // 2
 * @param {string} text
 * @returns {number}
 */
function countCodePoints(text) {
  return HIGH_SURROGATE.test(text) ? ucs2length(text) : text.length;
}

exports.default = countCodePoints;

/** Drops the annotations only people read (`description`, `examples`, `$comment`) from a JSON Schema, for the runtime copy. */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Keywords no validator reads; the source files keep them for editors and the generated types' TSDoc. */
const PROSE_KEYWORDS = new Set(["description", "examples", "$comment"]);
/** Keywords whose value is one subschema. */
const SCHEMA_KEYWORDS = new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
]);
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/** Keywords whose value maps names (kept as they are) to subschemas. */
const SCHEMA_MAP_KEYWORDS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
]);

/**
 * A copy of `schema` without prose keywords at any schema position. Only schema positions are
 * touched: a property named `description` and the values of `enum`, `const` and `default` stay.
 *
 * @example
 * stripProse({ type: "object", description: "x", properties: { description: { type: "string", examples: ["a"] } } })
 * // { type: "object", properties: { description: { type: "string" } } }
 */
export function stripProse<T>(schema: T): T {
  return stripSchema(schema as Json) as T;
}

function stripSchema(schema: Json): Json {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const out: JsonObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (PROSE_KEYWORDS.has(keyword)) continue;
    out[keyword] = stripKeyword(keyword, value);
  }
  return out;
}

function stripKeyword(keyword: string, value: Json): Json {
  if (SCHEMA_KEYWORDS.has(keyword)) {
    // Draft 4-style tuple `items` is a list of subschemas.
    return Array.isArray(value) ? value.map(stripSchema) : stripSchema(value);
  }
  if (SCHEMA_LIST_KEYWORDS.has(keyword) && Array.isArray(value)) return value.map(stripSchema);
  if (SCHEMA_MAP_KEYWORDS.has(keyword) && value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as JsonObject).map(([name, sub]) => [name, stripSchema(sub)]),
    );
  }
  return value;
}

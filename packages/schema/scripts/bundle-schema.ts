/** Inlines cross-file `$ref`s so each schema is one self-contained document (zod and editors both want that). */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * Returns `name`'s schema with every reference to another file copied into its `$defs`.
 *
 * @example
 * const spec = bundleSchema("spec.schema.json", allSchemasByFileName);
 */
export function bundleSchema(name: string, files: Map<string, JsonObject>): JsonObject {
  const root = structuredClone(required(files, name));
  const defs: JsonObject = { ...((root.$defs as JsonObject | undefined) ?? {}) };
  const taken = new Map<string, string>(Object.keys(defs).map((key) => [key, `${name}#${key}`]));

  // Definitions keep their names; two files defining the same name is an authoring error.
  const defName = (file: string, pointer: string): string => {
    const target = required(files, file);
    const base = pointer ? pointer.replace("/$defs/", "") : String(target.title);
    const origin = `${file}#${base}`;
    const owner = taken.get(base);
    if (owner === origin) return base;
    if (owner !== undefined)
      throw new Error(`${name}: $defs name ${base} comes from both ${owner} and ${origin}`);
    taken.set(base, origin);
    const source = pointer ? (target.$defs as JsonObject | undefined)?.[base] : withoutMeta(target);
    if (source === undefined) throw new Error(`${name}: $ref ${file}#${pointer} does not exist`);
    defs[base] = rewrite(structuredClone(source), file);
    return base;
  };

  const rewrite = (node: Json, file: string): Json => {
    if (Array.isArray(node)) return node.map((item) => rewrite(item, file));
    if (node === null || typeof node !== "object") return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const [refFile = "", pointer = ""] = value.split("#");
        const targetFile = refFile === "" ? file : refFile;
        out.$ref = targetFile === name ? `#${pointer}` : `#/$defs/${defName(targetFile, pointer)}`;
      } else {
        out[key] = rewrite(value, file);
      }
    }
    return out;
  };

  for (const key of Object.keys(defs)) defs[key] = rewrite(defs[key] ?? null, name);
  const body = rewrite(withoutMeta(root), name) as JsonObject;
  return {
    $schema: root.$schema as Json,
    $id: root.$id as Json,
    ...body,
    ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
  };
}

function withoutMeta(schema: JsonObject): JsonObject {
  const { $schema: _schema, $id: _id, $defs: _defs, ...rest } = schema;
  return rest;
}

function required(files: Map<string, JsonObject>, name: string): JsonObject {
  const file = files.get(name);
  if (!file) throw new Error(`schema file ${name} is referenced but does not exist`);
  return file;
}

/** Regenerates src/generated from schemas/*.schema.json; with --check, fails when the committed output differs. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "json-schema-to-typescript";
import { bundleSchema } from "./bundle-schema.ts";
import { stripProse } from "./strip-prose.ts";

const PACKAGE_DIR = join(import.meta.dirname, "..");
const SCHEMA_DIR = join(PACKAGE_DIR, "schemas");
const OUT_DIR = join(PACKAGE_DIR, "src", "generated");
const BANNER =
  "// GENERATED, DO NOT EDIT, regenerate with `npm run generate -w @imagebuild/schema`.\n" +
  "// Source: packages/schema/schemas/*.schema.json\n";

const names = readdirSync(SCHEMA_DIR)
  .filter((file) => file.endsWith(".schema.json"))
  .sort();
const files = new Map(
  names.map((file) => [file, JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8"))]),
);
const bundled = names.map((file) => {
  const schema = bundleSchema(file, files);
  return { file, title: String(schema.title), schema };
});

// The runtime copy carries no prose: validators never read it, and every import (the function's
// bundle above all) paid for it. The source files keep it for editors, types.ts for its TSDoc.
const schemasSource =
  BANNER +
  bundled
    .map(
      ({ title, file, schema }) =>
        `\n/** ${file}, bundled, without descriptions and examples (see the source file). */\nexport const ${title}Schema = ${JSON.stringify(stripProse(schema), null, 2)} as const;\n`,
    )
    .join("") +
  `\n/** Every bundled schema by file name. */\nexport const schemasByFile = {\n${bundled
    .map(({ title, file }) => `  "${file}": ${title}Schema,\n`)
    .join("")}} as const;\n`;

// One combined document, so each shared definition becomes exactly one named type.
const combinedDefs: Record<string, unknown> = {};
for (const { title, schema } of bundled) {
  const { $defs, $schema: _s, $id: _i, ...body } = schema as Record<string, unknown>;
  Object.assign(combinedDefs, $defs as Record<string, unknown> | undefined, { [title]: body });
}
const typesSource =
  BANNER +
  (
    await compile({ title: "AllSchemas", $defs: combinedDefs } as never, "AllSchemas", {
      bannerComment: "",
      additionalProperties: false,
      unreachableDefinitions: true,
      format: false,
      strictIndexSignatures: true,
    })
  )
    .replace(/export interface AllSchemas \{[^}]*\}\n/, "")
    // AllSchemas is only a container for generation: drop the notes that point at it.
    .split("\n")
    .filter((line) => !/referenced by `AllSchemas`|^ \* via the `definition`/.test(line))
    .join("\n");

const validatorsSource =
  BANNER +
  `import * as schemas from "./schemas.ts";\nimport type * as types from "./types.ts";\nimport { defineValidator } from "../define-validator.ts";\n\n` +
  bundled
    .map(
      ({ title }) =>
        `/** Parses a ${title}; zod is built from the schema on first use. */\nexport const ${title} = defineValidator<types.${title}>("${title}", schemas.${title}Schema);\n`,
    )
    .join("\n");

const outputs: Record<string, string> = {
  "schemas.ts": schemasSource,
  "types.ts": typesSource,
  "validators.ts": validatorsSource,
};

const check = process.argv.includes("--check");
const stale: string[] = [];
for (const [file, content] of Object.entries(outputs)) {
  const path = join(OUT_DIR, file);
  const formatted = await format(content);
  if (check) {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {}
    if (current !== formatted) stale.push(`packages/schema/src/generated/${file}`);
  } else {
    writeFileSync(path, formatted);
  }
}
if (stale.length > 0) {
  console.error(
    `generated code is out of date: ${stale.join(", ")}\nrun: npm run generate -w @imagebuild/schema`,
  );
  process.exit(1);
}
console.log(check ? "generated code is up to date" : `wrote ${Object.keys(outputs).length} files`);

async function format(source: string): Promise<string> {
  const { execFileSync } = await import("node:child_process");
  return execFileSync("npx", ["biome", "format", "--stdin-file-path=generated.ts"], {
    input: source,
    encoding: "utf8",
    cwd: PACKAGE_DIR,
  });
}

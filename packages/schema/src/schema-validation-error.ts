/** The error every schema check throws: which document, which fields, what was wrong. */

/** One problem, at a dotted path inside the document. */
export interface FieldIssue {
  /** Path segments from the document root, e.g. `["Image", "Name"]`. */
  path: string[];
  /** `missing` for an absent required field, `unknown` for a field the schema does not know, else `invalid`. */
  code: "missing" | "unknown" | "invalid";
  /** What is wrong, without the path, e.g. `must match ^[a-z]…`. */
  message: string;
}

/**
 * Thrown when a document does not match its schema. The message names the source and every field:
 * `specs/a/1.0.yaml: Image.Name: must match ^[a-z][a-z0-9-]{0,49}$`.
 *
 * @example
 * try { CreateImageBuildRequest.parse(body) } catch (e) { if (e.code === "SCHEMA_INVALID") e.issues }
 */
export class SchemaValidationError extends Error {
  override readonly name = "SchemaValidationError";
  readonly code = "SCHEMA_INVALID";
  readonly schema: string;
  readonly source: string | undefined;
  readonly issues: FieldIssue[];

  constructor({
    schema,
    source,
    issues,
  }: { schema: string; source?: string | undefined; issues: FieldIssue[] }) {
    super(issues.map((issue) => formatIssue(issue, source)).join("\n"));
    this.schema = schema;
    this.source = source;
    this.issues = issues;
  }
}

/**
 * Formats one issue as `source: Field.Path: message`.
 *
 * @example
 * formatIssue({ path: ["WorkspaceId"], code: "missing", message: "is required" }) // "WorkspaceId: is required"
 */
export function formatIssue(issue: FieldIssue, source?: string): string {
  const field = issue.path.length > 0 ? issue.path.join(".") : "(document)";
  return `${source ? `${source}: ` : ""}${field}: ${issue.message}`;
}

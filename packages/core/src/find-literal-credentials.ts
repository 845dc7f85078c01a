/** Finds values that look like credentials written into a spec or Dockerfile; never returns the values. */
import type { DockerfileInstruction } from "./parse-dockerfile.ts";

/** Keys whose string value is a credential, wherever they appear. */
const CREDENTIAL_KEY =
  /^(auth|password|passwd|pass|token|access_?key_?secret|secret_?key|api_?key|private_?key)$/i;
/** Shapes of known credentials inside any string; `hint` is a substring every match contains (a cheap pre-test). */
const CREDENTIAL_SHAPES: { name: string; hint: string; pattern: RegExp }[] = [
  { name: "an Alibaba Cloud AccessKey ID", hint: "LTAI", pattern: /\bLTAI[0-9A-Za-z]{12,30}\b/ },
  { name: "a private key", hint: "PRIVATE KEY", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  {
    name: "a URL with a password",
    hint: "@",
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i,
  },
  {
    name: "a password flag with a value",
    hint: "-p",
    pattern: /(^|\s)(--password|-p)[ =](?!\$)\S+/,
  },
];
/** A cheap first test: an ENV/ARG line without any of these words cannot set a credential variable. */
const CREDENTIAL_WORD = /PASSWORD|PASSWD|SECRET|TOKEN|ACCESS_?KEY|API_?KEY|AUTH/i;
/** ENV/ARG names that hold credentials. */
const CREDENTIAL_VARIABLE = /(PASSWORD|PASSWD|SECRET|TOKEN|ACCESS_?KEY|API_?KEY|_AUTH$|^AUTH)/i;

/** A literal credential found at a path (spec) or a Dockerfile line. */
export interface CredentialFinding {
  path?: string[];
  line?: number;
  column?: number;
  what: string;
}

/**
 * Walks a parsed spec and reports credential-looking keys and values. `RegistryAuths.<host>.secret` is a
 * reference (a secret's name), so it is allowed.
 *
 * @example
 * findCredentialsInValue({ build: { BuildConfig: { RegistryAuths: { r: { Auth: "dXNlcjpw" } } } } })
 * // [{ path: ["build", "BuildConfig", "RegistryAuths", "r", "Auth"], what: 'a literal credential in key "Auth"' }]
 */
export function findCredentialsInValue(value: unknown, path: string[] = []): CredentialFinding[] {
  const findings: CredentialFinding[] = [];
  walkForCredentials(value, [...path], findings);
  return findings;
}

// One path stack for the whole walk, item indexes kept as numbers, turned into strings only for a
// finding: a spec has hundreds of nodes and validate walks thousands of specs.
function walkForCredentials(
  value: unknown,
  path: (string | number)[],
  findings: CredentialFinding[],
): void {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      path.push(index);
      walkForCredentials(value[index], path, findings);
      path.pop();
    }
  } else if (value !== null && typeof value === "object") {
    // Indexed loops here and below: most of a run goes by before V8 optimizes this code, and an
    // unoptimized for-of allocates a result object per step (docs/decisions/core-validation-speed.md).
    const keys = Object.keys(value);
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as string;
      const child = (value as Record<string, unknown>)[key];
      path.push(key);
      if (typeof child === "string" && CREDENTIAL_KEY.test(key))
        findings.push({ path: path.map(String), what: `a literal credential in key "${key}"` });
      else walkForCredentials(child, path, findings);
      path.pop();
    }
  } else if (typeof value === "string") {
    const shape = credentialShape(value);
    if (shape) findings.push({ path: path.map(String), what: shape.name });
  }
}

/**
 * Reports `ENV`/`ARG` instructions that set a credential-named variable to a literal, and credential shapes
 * anywhere in a Dockerfile.
 *
 * @example
 * findCredentialsInDockerfile(parseDockerfile("FROM a:1\nENV NPM_TOKEN=abc\n").instructions)
 * // [{ line: 2, column: 1, what: "ENV NPM_TOKEN set to a literal" }]
 */
export function findCredentialsInDockerfile(
  instructions: DockerfileInstruction[],
): CredentialFinding[] {
  const findings: CredentialFinding[] = [];
  for (let index = 0; index < instructions.length; index += 1) {
    const instruction = instructions[index] as DockerfileInstruction;
    const at = { line: instruction.line, column: instruction.column };
    if (
      (instruction.keyword === "ENV" || instruction.keyword === "ARG") &&
      CREDENTIAL_WORD.test(instruction.args)
    ) {
      for (const [name, value] of assignments(instruction.args)) {
        if (CREDENTIAL_VARIABLE.test(name) && value !== "" && !value.startsWith("$")) {
          findings.push({ ...at, what: `${instruction.keyword} ${name} set to a literal` });
        }
      }
    }
    const shape = credentialShape(instruction.args);
    if (shape) findings.push({ ...at, what: shape.name });
  }
  return findings;
}

function credentialShape(text: string): { name: string } | undefined {
  for (let index = 0; index < CREDENTIAL_SHAPES.length; index += 1) {
    const shape = CREDENTIAL_SHAPES[index] as (typeof CREDENTIAL_SHAPES)[number];
    if (text.includes(shape.hint) && shape.pattern.test(text)) return shape;
  }
  return undefined;
}

function assignments(args: string): [string, string][] {
  const pairs = [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)].map(
    (m): [string, string] => [m[1] ?? "", (m[2] ?? "").replace(/^(["'])(.*)\1$/, "$2")],
  );
  if (pairs.length > 0) return pairs;
  // Legacy form: `ENV NAME value with spaces`.
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/.exec(args.trim());
  return legacy ? [[legacy[1] ?? "", legacy[2] ?? ""]] : [];
}

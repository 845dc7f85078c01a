/** Resolves Serverless Devs magic variables in an s.yaml document: `${env('X', 'default')}` and `${vars.x}`. */

const VARIABLE = /\$\{([^}]*)\}/g;
const ENV_CALL = /^env\(\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)$/;
const VARS_REF = /^vars\.([A-Za-z0-9_-]+)$/;

/**
 * An s.yaml variable the local host cannot resolve (only `env(...)` and `vars.*` are supported;
 * `config(...)` and `resources.*` need credentials or a deployment).
 */
export class SVariableError extends Error {
  override readonly name = "SVariableError";
  readonly code = "S_VARIABLE_UNSUPPORTED";
  readonly expression: string;

  constructor({ expression, message }: { expression: string; message: string }) {
    super(message);
    this.expression = expression;
  }
}

/**
 * Returns `node` with every string's variables replaced as `s` renders them: `${env('X')}` reads
 * `env.X` (empty when unset), `${env('X', 'd')}` falls back to `d` when `X` is unset or empty,
 * `${vars.name}` is the (resolved) top-level `vars` entry.
 *
 * @example
 * resolveSVariables({ vars: { r: "${env('R', 'cn-hangzhou')}" }, region: "${vars.r}" }, {}).region // "cn-hangzhou"
 */
export function resolveSVariables<T>(
  node: T,
  env: Readonly<Record<string, string | undefined>>,
): T {
  const vars: Record<string, unknown> = {};
  const root = node as { vars?: Record<string, unknown> };
  for (const [name, value] of Object.entries(root.vars ?? {})) vars[name] = walk(value, env, vars);
  return walk(node, env, vars) as T;
}

function walk(
  node: unknown,
  env: Readonly<Record<string, string | undefined>>,
  vars: Record<string, unknown>,
): unknown {
  if (typeof node === "string") return node.replace(VARIABLE, (_, body: string) => one(body));
  if (Array.isArray(node)) return node.map((item) => walk(item, env, vars));
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, env, vars)]));

  function one(body: string): string {
    const expression = body.trim();
    const call = ENV_CALL.exec(expression);
    if (call) {
      const value = env[call[1] ?? ""];
      return value !== undefined && (value !== "" || call[2] === undefined)
        ? value
        : (call[2] ?? "");
    }
    const ref = VARS_REF.exec(expression);
    if (ref && (ref[1] ?? "") in vars) return String(vars[ref[1] ?? ""]);
    throw new SVariableError({
      expression,
      message: `s.yaml: \${${expression}}: only env('NAME', 'default') and vars.<name> resolve locally`,
    });
  }
}

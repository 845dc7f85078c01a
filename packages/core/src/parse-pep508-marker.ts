/** Checks a PEP 508 environment marker (the part after `;`): comparisons of marker variables and strings, and/or, parentheses. */

/** The marker variables PEP 508 defines. */
export const MARKER_VARIABLES = [
  "python_version",
  "python_full_version",
  "os_name",
  "sys_platform",
  "platform_release",
  "platform_system",
  "platform_version",
  "platform_machine",
  "platform_python_implementation",
  "implementation_name",
  "implementation_version",
  "extra",
] as const;

const COMPARISONS = ["===", "==", "!=", "<=", ">=", "~=", "<", ">"];
const TOKEN = /\s*(?:(\()|(\))|('[^']*'|"[^"]*")|(===|==|!=|<=|>=|~=|<|>)|([A-Za-z0-9_.*/+-]+))/y;

type Token = { kind: "(" | ")" | "string" | "op" | "word"; text: string };

/** Thrown inside the recursive descent only; `markerProblem` turns it into its answer. */
class MarkerSyntax extends Error {}

/**
 * Why `marker` is not a PEP 508 environment marker, or undefined when it is. The grammar:
 * `value op value` joined by `and`/`or` and grouped by parentheses, a value being a marker variable
 * (`python_version`, `sys_platform`, …) or a quoted string, `op` a version comparison, `in` or `not in`.
 *
 * @example
 * markerProblem(`python_version < "3.12" and sys_platform == "linux"`) // undefined
 * markerProblem(`pyhton_version < "3.12"`) // 'the marker after ";": unknown marker variable "pyhton_version" (known: python_version, …)…'
 */
export function markerProblem(marker: string): string | undefined {
  const tokens = tokenize(marker);
  if (typeof tokens === "string") return tokens;
  if (tokens.length === 0)
    return 'nothing follows ";": write a marker such as python_version < "3.12", or remove the ";"';
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const next = (): Token | undefined => tokens[position++];
  const isWord = (token: Token | undefined, word: string) =>
    token?.kind === "word" && token.text === word;

  const value = (): void => {
    const token = next();
    if (token?.kind === "string") return;
    if (token?.kind === "word") {
      if ((MARKER_VARIABLES as readonly string[]).includes(token.text)) return;
      if (/^\d/.test(token.text))
        throw new MarkerSyntax(`a value is a quoted string, e.g. "${token.text}"`);
      throw new MarkerSyntax(
        `unknown marker variable "${token.text}" (known: ${MARKER_VARIABLES.join(", ")}); quote a string value`,
      );
    }
    throw new MarkerSyntax(
      `expected a marker variable or a quoted string${token ? `, found "${token.text}"` : " at the end"}`,
    );
  };
  const operator = (): void => {
    const token = next();
    if (token?.kind === "op" && COMPARISONS.includes(token.text)) return;
    if (isWord(token, "in")) return;
    if (isWord(token, "not") && isWord(next(), "in")) return;
    throw new MarkerSyntax(
      `expected a comparison (==, !=, <, <=, >, >=, ~=, ===, in, not in)${token ? `, found "${token.text}"` : " at the end"}`,
    );
  };
  const atom = (): void => {
    if (peek()?.kind === "(") {
      next();
      either();
      if (next()?.kind !== ")") throw new MarkerSyntax('a "(" has no matching ")"');
      return;
    }
    value();
    operator();
    value();
  };
  const both = (): void => {
    atom();
    while (isWord(peek(), "and")) {
      next();
      atom();
    }
  };
  const either = (): void => {
    both();
    while (isWord(peek(), "or")) {
      next();
      both();
    }
  };
  try {
    either();
    const rest = peek();
    if (rest) throw new MarkerSyntax(`expected "and", "or" or the end, found "${rest.text}"`);
    return undefined;
  } catch (error) {
    if (error instanceof MarkerSyntax) return `the marker after ";": ${error.message}`;
    throw error;
  }
}

function tokenize(marker: string): Token[] | string {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < marker.length) {
    if (/^\s*$/.test(marker.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(marker);
    if (!match) {
      const rest = marker.slice(at).trimStart();
      return /^['"]/.test(rest)
        ? `the marker after ";": a string has no closing quote`
        : `the marker after ";": "${rest[0]}" is not allowed there; compare marker variables with quoted strings, e.g. python_version < "3.12"`;
    }
    const [, open, close, string, op, word] = match;
    if (open) tokens.push({ kind: "(", text: open });
    else if (close) tokens.push({ kind: ")", text: close });
    else if (string) tokens.push({ kind: "string", text: string });
    else if (op) tokens.push({ kind: "op", text: op });
    else tokens.push({ kind: "word", text: word as string });
  }
  return tokens;
}

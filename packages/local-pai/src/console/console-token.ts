/** The console's token in signed mode: kept in the data directory (file 0600) and checked in constant time. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The token file's name inside the data directory. */
export const CONSOLE_TOKEN_FILE = "console-token";
/** Random bytes in a new token (base64url: 43 characters). */
const TOKEN_BYTES = 32;

/**
 * A loaded console token: where it is kept and a constant-time check of a candidate.
 *
 * @example
 * const token: ConsoleToken = loadConsoleToken({ dataDir: ".imagebuild" });
 * token.matches(cookieValue);
 */
export interface ConsoleToken {
  path: string;
  matches(candidate: string | undefined): boolean;
}

/**
 * Reads the token from `<dataDir>/console-token`, creating it (mode 0600) on the first signed start;
 * the mode is tightened again on every start in case the file was copied around.
 *
 * @example
 * const { path } = loadConsoleToken({ dataDir: ".imagebuild" }); // ".imagebuild/console-token"
 */
export function loadConsoleToken({ dataDir }: { dataDir: string }): ConsoleToken {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, CONSOLE_TOKEN_FILE);
  let token: string;
  try {
    token = readFileSync(path, "utf8").trim();
  } catch {
    token = "";
  }
  if (token.length < 16) {
    token = randomBytes(TOKEN_BYTES).toString("base64url");
    writeFileSync(path, `${token}\n`, { mode: 0o600 });
  }
  chmodSync(path, 0o600);
  const expected = digest(token);
  return {
    path,
    // Hashing both sides first gives equal lengths, so timingSafeEqual never throws or leaks length.
    matches: (candidate) => candidate !== undefined && timingSafeEqual(digest(candidate), expected),
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

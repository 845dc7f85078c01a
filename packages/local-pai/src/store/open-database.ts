/** Opens the service's SQLite database under the data directory: WAL mode, migrations applied. */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.ts";

/** The database file name inside the data directory. */
export const DATABASE_FILE = "local-pai.sqlite";
/** How long a writer waits for a lock held by another connection before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/** An open database handle (better-sqlite3). */
export type Db = Database.Database;

/**
 * Opens (creating if needed) `<dataDir>/local-pai.sqlite`, switches it to WAL and applies pending migrations.
 *
 * @example
 * const db = openDatabase({ dataDir: ".imagebuild" });
 * db.prepare("SELECT count(*) AS n FROM images").get();
 */
export function openDatabase({ dataDir }: { dataDir: string }): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode keeps every committed transaction after a process crash (only an OS crash can lose the last ones).
  db.pragma("synchronous = NORMAL");
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? "");
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('hash_key', ?)").run(
    randomBytes(32).toString("hex"),
  );
}

/**
 * A per-database random key, used to hash requests so a stored hash cannot be brute-forced
 * back into the registry credentials it covered.
 *
 * @example
 * const key = readHashKey(db);
 */
export function readHashKey(db: Db): string {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'hash_key'").get() as
    | { value: string }
    | undefined;
  if (!row)
    throw new Error("local-pai database has no hash_key; it was not opened by openDatabase");
  return row.value;
}

/** Remembers signature nonces long enough to reject a replayed signed request. */
import type { Db } from "./open-database.ts";

/** Nonces are kept for twice the allowed clock skew: a request is only accepted within ±15 min of its date. */
export const NONCE_TTL_MS = 30 * 60 * 1000;

/**
 * The nonce store.
 *
 * @example
 * createNonceStore({ db }).use("3156853299f313e23d1673dc12e1703d") // true the first time
 */
export interface NonceStore {
  /** Records the nonce; false when it was already used and is still remembered. */
  use(nonce: string): boolean;
  /** Deletes expired nonces; returns how many. */
  purgeExpired(): number;
}

/**
 * Creates the nonce store over an open database, so a restart does not reopen the replay window.
 *
 * @example
 * const nonces = createNonceStore({ db });
 * if (!nonces.use(nonce)) reject("SignatureNonceUsed");
 */
export function createNonceStore({
  db,
  ttlMs = NONCE_TTL_MS,
  now = Date.now,
}: {
  db: Db;
  ttlMs?: number;
  now?: () => number;
}): NonceStore {
  const insert = db.prepare(
    `INSERT INTO nonces (nonce, expires_at_ms) VALUES (@nonce, @expires)
     ON CONFLICT (nonce) DO UPDATE SET expires_at_ms = excluded.expires_at_ms
     WHERE nonces.expires_at_ms <= @now`,
  );
  const purge = db.prepare("DELETE FROM nonces WHERE expires_at_ms <= ?");
  return {
    use(nonce) {
      const at = now();
      return insert.run({ nonce, expires: at + ttlMs, now: at }).changes === 1;
    },
    purgeExpired: () => purge.run(now()).changes,
  };
}

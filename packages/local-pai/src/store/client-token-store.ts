/** The ClientToken (idempotency) store: one atomic conditional write per request, 24 h memory. */
import { createHmac } from "node:crypto";
import { canonicalJson } from "@imagebuild/pai-client/canonical-json";
import { type Db, readHashKey } from "./open-database.ts";

/** How long a ClientToken is remembered (docs/decisions/local-pai-client-token.md). */
export const CLIENT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** Who sent the token and for which action: tokens of different callers or actions never collide. */
export interface ClientTokenKey {
  accessKeyId: string;
  action: string;
  token: string;
}

/** The outcome of `claim`: a new result, the first result replayed, or a token reused for another request. */
export type ClaimResult<T> =
  | { kind: "created"; response: T }
  | { kind: "replayed"; response: T }
  | { kind: "mismatch" };

/**
 * The store: the only write is `claim`, which is atomic (one SQLite transaction).
 *
 * @example
 * const result = tokens.claim(key, tokens.hashRequest(body), () => createBuild());
 */
export interface ClientTokenStore {
  /** A keyed hash of the canonical request (object keys sorted), so equal requests hash equal. */
  hashRequest(request: unknown): string;
  /** Reads a live token without writing: the fast path for replays. */
  peek<T>(key: ClientTokenKey, requestHash: string): ClaimResult<T> | undefined;
  /**
   * Returns the stored response for the key, or `mismatch`, or runs `create` (inside the same
   * transaction, so its own writes commit together with the token) and stores its result.
   */
  claim<T>(key: ClientTokenKey, requestHash: string, create: () => T): ClaimResult<T>;
  /** Deletes expired tokens; returns how many. */
  purgeExpired(): number;
}

/**
 * Creates the ClientToken store.
 *
 * @example
 * const tokens = createClientTokenStore({ db });
 * const hash = tokens.hashRequest(body);
 * const result = tokens.claim({ accessKeyId: "ak", action: "CreateImageBuild", token }, hash, () => createBuild());
 */
export function createClientTokenStore({
  db,
  ttlMs = CLIENT_TOKEN_TTL_MS,
  now = Date.now,
}: {
  db: Db;
  ttlMs?: number;
  now?: () => number;
}): ClientTokenStore {
  const hashKey = readHashKey(db);
  const select = db.prepare(
    `SELECT request_hash, response_json FROM client_tokens
     WHERE access_key_id = ? AND action = ? AND token = ? AND expires_at_ms > ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO client_tokens (access_key_id, action, token, request_hash, response_json, expires_at_ms)
     VALUES (@accessKeyId, @action, @token, @hash, @response, @expires)
     ON CONFLICT (access_key_id, action, token) DO UPDATE SET
       request_hash = excluded.request_hash, response_json = excluded.response_json,
       expires_at_ms = excluded.expires_at_ms
     WHERE client_tokens.expires_at_ms <= @now`,
  );
  const purge = db.prepare("DELETE FROM client_tokens WHERE expires_at_ms <= ?");

  const peek = <T>(key: ClientTokenKey, requestHash: string): ClaimResult<T> | undefined => {
    const row = select.get(key.accessKeyId, key.action, key.token, now()) as
      | { request_hash: string; response_json: string }
      | undefined;
    if (!row) return undefined;
    if (row.request_hash !== requestHash) return { kind: "mismatch" };
    return { kind: "replayed", response: JSON.parse(row.response_json) as T };
  };

  const claim = db.transaction(
    <T>(key: ClientTokenKey, requestHash: string, create: () => T): ClaimResult<T> => {
      const existing = peek<T>(key, requestHash);
      if (existing) return existing;
      const response = create();
      const at = now();
      upsert.run({
        ...key,
        hash: requestHash,
        response: JSON.stringify(response),
        expires: at + ttlMs,
        now: at,
      });
      return { kind: "created", response };
    },
  );

  return {
    hashRequest: (request) =>
      createHmac("sha256", hashKey).update(canonicalJson(request)).digest("hex"),
    peek,
    claim: (key, requestHash, create) => claim(key, requestHash, create) as ClaimResult<never>,
    purgeExpired: () => purge.run(now()).changes,
  };
}

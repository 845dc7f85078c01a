/** Submits many builds with a concurrency limit and a client-side rate limit; one result per spec. */
import type { PaiClientLike } from "./pai-client-like.ts";
import type { DispatchEvent, DispatchItem, DispatchResult } from "./types.ts";

/** Options of `dispatch`. */
export interface DispatchOptions {
  client: PaiClientLike;
  items: DispatchItem[];
  concurrency?: number;
  ratePerSecond?: number;
  skipExisting?: boolean;
  wait?: boolean;
  onProgress?: (event: DispatchEvent) => void;
  signal?: AbortSignal;
}

/**
 * Dispatches builds.
 *
 * @example
 * const results = await dispatch({ client, items, concurrency: 4, ratePerSecond: 10 });
 */
export async function dispatch(_options: DispatchOptions): Promise<DispatchResult[]> {
  throw new Error("not implemented");
}

/** What an operation file gets from the client: the validated call and the two request builders. */
import type { Validator } from "@imagebuild/schema";
import type { PaiRequest } from "../pai-transport.ts";

/**
 * The client's internals an operation uses; `call` signs, sends, retries and validates the response.
 *
 * @example
 * const listEcsSpecs = (ctx: OperationContext) => async () =>
 *   ctx.call(validators.ListEcsSpecsResponse, ctx.dlc("ListEcsSpecs", "GET", "/api/v1/ecsspecs"));
 */
export interface OperationContext {
  call<T>(validator: Validator<T>, request: PaiRequest): Promise<T>;
  /** A request to AIWorkspace (version 2021-02-04). */
  workspace(
    action: string,
    method: PaiRequest["method"],
    path: string,
    rest?: Partial<PaiRequest>,
  ): PaiRequest;
  /** A request to PAI-DLC (version 2020-12-03). */
  dlc(
    action: string,
    method: PaiRequest["method"],
    path: string,
    rest?: Partial<PaiRequest>,
  ): PaiRequest;
}

/** Per-call options of every operation. */
export interface OperationCallOptions {
  signal?: AbortSignal | undefined;
}

/**
 * Query values as a caller gives them: numbers and booleans become the strings the API expects.
 *
 * @example
 * const q: QueryParams<ListJobsQuery> = { PageSize: 20, ShowOwn: true };
 */
export type QueryParams<Q> = { [K in keyof Q]?: Q[K] | number | boolean };

/**
 * Stringifies the values, drops undefined ones, and checks them with the operation's query schema
 * (a bad one throws `SchemaValidationError` before anything is sent).
 *
 * @example
 * const query = queryOf(validators.ListJobsQuery, { PageSize: 20 }, "ListJobs query");
 */
export function queryOf<Q>(
  validator: Validator<Q>,
  params: QueryParams<Q> | undefined,
  source: string,
): Record<string, string | undefined> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) out[key] = String(value);
  }
  // Generated query interfaces have no index signature; their values are all strings.
  return validator.parse(out, { source }) as Record<string, string | undefined>;
}

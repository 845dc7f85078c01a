/** The typed call of one client: send through the transport, then check the response body with its schema. */
import type { Validator } from "@imagebuild/schema";
import { loadSchema } from "./load-schema.ts";
import type { OperationContext } from "./operations/operation-context.ts";
import { PaiError } from "./pai-error.ts";
import type { PaiRequest, PaiTransport } from "./pai-transport.ts";

/**
 * Makes `call`: resolves with the validated body, or throws `PaiError` code `InvalidResponse` (its
 * `cause` the `SchemaValidationError`) when the body does not match.
 *
 * @example
 * const call = createValidatedCall({ transport });
 * const job = await call(validators.DlcJob, dlc("GetJob", "GET", "/api/v1/jobs/dlc-1"));
 */
export function createValidatedCall({
  transport,
}: {
  transport: PaiTransport;
}): OperationContext["call"] {
  return async function call<T>(validator: Validator<T>, request: PaiRequest): Promise<T> {
    const response = await transport.send(request);
    const result = validator.safeParse(response.body);
    if (result.ok) return result.value;
    const { SchemaValidationError } = await loadSchema();
    const cause = new SchemaValidationError({
      schema: validator.name,
      source: `${request.action} response`,
      issues: result.issues,
    });
    throw new PaiError({
      code: "InvalidResponse",
      action: request.action,
      statusCode: response.statusCode,
      requestId: response.requestId,
      attempts: response.attempts,
      message: cause.message,
      cause,
    });
  };
}

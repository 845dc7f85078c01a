/** The bundle's entry: only `handler`, so everything a single event type needs stays behind its import(). */
import { createHandler, type FcHandler } from "./create-handler.ts";

let handlerInstance: FcHandler | undefined;

/**
 * The Function Compute entry point (`index.handler` in s.yaml; dist/index.mjs). Settings are read
 * from the environment on the first event.
 *
 * @example
 * await handler(Buffer.from(JSON.stringify(event)), context);
 */
export const handler: FcHandler = (event, context) => {
  handlerInstance ??= createHandler({ env: process.env });
  return handlerInstance(event, context);
};

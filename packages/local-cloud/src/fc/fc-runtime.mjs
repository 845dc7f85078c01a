/** The child process the FC host runs a function in: loads `<code>/<file>` and calls its export per IPC message. */
import path from "node:path";
import { pathToFileURL } from "node:url";

const [codeFile, exportName] = process.argv.slice(2);
const loaded = import(pathToFileURL(path.resolve(codeFile)).href).then((module) => {
  const handler = module[exportName];
  if (typeof handler !== "function") throw new Error(`${codeFile} does not export ${exportName}`);
  return handler;
});

// One message per invocation: { id, event (base64), context }; the answer carries the same id.
process.on("message", async ({ id, event, context }) => {
  try {
    const handler = await loaded;
    const result = await handler(Buffer.from(event, "base64"), context);
    process.send({ id, result: result === undefined ? null : result });
  } catch (error) {
    process.send({
      id,
      error: {
        errorType: error?.name ?? "Error",
        errorMessage: error?.message ?? String(error),
        stackTrace: String(error?.stack ?? "")
          .split("\n")
          .slice(1)
          .map((line) => line.trim()),
      },
    });
  }
});
process.on("disconnect", () => process.exit(0));

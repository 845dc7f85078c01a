/** The process behind `imagebuild`: the bundle's entry, and what bin/imagebuild.mjs runs through tsx when there is no bundle. */
import { main } from "./main.ts";

// Commands that wait on jobs stop waiting on the first Ctrl-C and report what is still running
// (a second Ctrl-C kills at once); the others keep the default behaviour, exiting immediately.
const WAITING_COMMANDS = new Set(["build", "status"]);

const argv = process.argv.slice(2);
const interrupt = new AbortController();
if (WAITING_COMMANDS.has(argv[0] ?? "")) process.once("SIGINT", () => interrupt.abort());
process.exitCode = await main(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
  signal: interrupt.signal,
});

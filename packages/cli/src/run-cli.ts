/** Runs `imagebuild` on this process's argv and streams: the bundle's entry (no top-level await, so it can be a script) and what src/imagebuild.ts awaits. */
import { main } from "./main.ts";

// Commands that wait on jobs stop waiting on the first Ctrl-C and report what is still running
// (a second Ctrl-C kills at once); the others keep the default behaviour, exiting immediately.
const WAITING_COMMANDS = new Set(["build", "status"]);

/**
 * Runs the command named by `process.argv` and sets `process.exitCode` to its exit code.
 *
 * @example
 * await runCli(); // `imagebuild validate --env prod` when argv is [node, bin, "validate", "--env", "prod"]
 */
export async function runCli(): Promise<void> {
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
}

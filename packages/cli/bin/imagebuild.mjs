#!/usr/bin/env node
// Runs the TypeScript sources through tsx so `npx imagebuild` works right after `npm ci`.
import { register } from "tsx/esm/api";

// Commands that wait on jobs stop waiting on the first Ctrl-C and report what is still running
// (a second Ctrl-C kills at once); the others keep the default behaviour, exiting immediately.
const WAITING_COMMANDS = new Set(["build", "status"]);

register();
const { main } = await import("../src/main.ts");
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

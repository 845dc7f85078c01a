/** @imagebuild/cli: the `imagebuild` command; `main` runs it with any streams (the bin passes the process's). */
export { main } from "./main.ts";
export { type Command, EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Io, UsageError } from "./command.ts";

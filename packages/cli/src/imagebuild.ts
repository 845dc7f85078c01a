/** The process behind `imagebuild` when bin/imagebuild.mjs runs the sources through tsx (the bundle's entry is run-cli.ts). */
import { runCli } from "./run-cli.ts";

await runCli();

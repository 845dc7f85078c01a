/** The process behind `imagebuild` when bin/imagebuild.cjs runs the sources through tsx (the bundle's entry is run-cli.ts). */
import { runCli } from "./run-cli.ts";

await runCli();

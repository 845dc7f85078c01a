/** One process of the validate benchmark: loads, layers, validates and lints every spec under a directory. */
import { directorySource, loadSpecs } from "@imagebuild/core";

const [root = ".", env = "prod"] = process.argv.slice(2);
const { specs, problems } = await loadSpecs({ source: directorySource(root), env });
const errors = problems.filter((p) => p.severity === "error").length;
process.stdout.write(
  `${JSON.stringify({ specs: specs.length, problems: problems.length, errors })}\n`,
);
process.exitCode = errors > 0 ? 1 : 0;

/** One process of the validate benchmark: loads, layers, validates and lints every spec under a directory. */
import { directorySource, loadSpecs } from "@imagebuild/core";

const [root = ".", env = "prod"] = process.argv.slice(2);
// The generated specs pull through the mirror with the secret mirror-pull, bound as a deployment binds it.
const secretHosts = { MIRROR_PULL: ["ml-registry-vpc.cn-hangzhou.cr.aliyuncs.com"] };
const { specs, problems } = await loadSpecs({ source: directorySource(root), env, secretHosts });
const errors = problems.filter((p) => p.severity === "error").length;
process.stdout.write(
  `${JSON.stringify({ specs: specs.length, problems: problems.length, errors })}\n`,
);
process.exitCode = errors > 0 ? 1 : 0;

#!/usr/bin/env bash
# The README's first command (`npm start`): the whole pipeline on this machine, on the embedded default.
#  1. installs the system packages the local service needs (buildah, docker-registry, skopeo,
#     busybox-static, debootstrap, runc, slirp4netns) with apt-get when root on Debian, or says which to install;
#  2. `imagebuild dev --once`: starts the local PAI service and its registry (127.0.0.1:5000), or
#     reuses the one already running on the data directory and leaves it running (a port another
#     process holds is refused in one line naming its pid); the local specs push to that registry;
#     hosts the build-trigger function as its HTTP trigger would call it,
#     sends it a signed GitHub-shaped push announcing every spec at HEAD, waits for the builds with
#     progress, and prints the images in the local registry and the workspace list.
# Exits non-zero if a build failed. State lives in .imagebuild/ (IMAGEBUILD_DATA_DIR to change it).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/@imagebuild ]; then
  echo "imagebuild: run 'npm ci' first (npm ci && npm start)" >&2
  exit 1
fi
if ! git rev-parse --verify --quiet HEAD >/dev/null; then
  echo "imagebuild: npm start needs the git checkout (the pipeline reads specs at a commit)" >&2
  exit 1
fi

echo "==> checking system packages (buildah, docker-registry, skopeo, busybox-static, debootstrap, runc, slirp4netns)"
node --import tsx --input-type=module -e '
import { createLogger, ensureSystemPackages } from "@imagebuild/local-pai";
try {
  await ensureSystemPackages({ install: true, log: createLogger({ format: "plain", stream: process.stderr }) });
} catch (error) {
  console.error(`imagebuild: ${error.message}`);
  process.exit(1);
}
'

echo "==> running the pipeline: specs/ -> build-trigger function -> local PAI service -> registry"
exec node packages/cli/bin/imagebuild.cjs dev --once --data "${IMAGEBUILD_DATA_DIR:-.imagebuild}" "$@"

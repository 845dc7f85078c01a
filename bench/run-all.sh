#!/usr/bin/env bash
# Runs every benchmark in turn. Each prints ratios against a baseline measured in the same run;
# on a busy machine rerun the one you care about alone (npx tsx bench/<name>.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in pai-client-startup core-validate core-package-syntax core-dispatch core-base-changes build-trigger-init build-trigger-push build-trigger-intake local-pai-load local-pai-build-overhead local-pai-cache local-pai-console-start cli-push-to-status cli-startup; do
  echo "==> bench/$bench.ts"
  npx tsx "bench/$bench.ts"
  echo
done

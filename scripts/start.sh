#!/usr/bin/env bash
# The README's first command. Until the local pipeline lands it only says what it will do.
set -euo pipefail
echo "imagebuild: the local pipeline (local service, function, example specs) is not wired yet."
echo "It will install buildah and the registry, start the local PAI service and build specs/."

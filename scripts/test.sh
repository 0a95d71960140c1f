#!/usr/bin/env bash
# README command (b): install what is missing, build, run every test (unit, gui, e2e, slow).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci "$@"

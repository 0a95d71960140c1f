#!/usr/bin/env bash
# README command (b): install what is missing, build, run every test (unit, gui, e2e, slow).
# SENTINELA_PRESET picks another configure/build/test preset (scripts/test-sanitizers.sh: asan).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${SENTINELA_PRESET:-ci}"
./scripts/install-deps.sh
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset" "$@"

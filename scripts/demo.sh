#!/usr/bin/env bash
# README command (a): install what is missing, build, and run the main job on the demo workspace.
# With a display the desktop application opens on it; without one the CLI does the same job.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec ./build/release/app/sentinela-gui "$@"
fi
exec ./build/release/app/sentinela --help

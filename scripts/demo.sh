#!/usr/bin/env bash
# README command (a): install what is missing, build, then run the main job on the demo data with
# `sentinela demo` (create a workspace, import and label 525 posts, train an offensive-content
# model, scan an X export and show the flagged posts). With a display the desktop application
# then opens on the demo workspace, where the flagged posts wait in the review queue.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
demo_dir="${SENTINELA_DEMO_DIR:-build/demo}"
./build/release/app/sentinela demo "$demo_dir"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x ./build/release/app/sentinela-gui ]; then
    exec ./build/release/app/sentinela-gui "$demo_dir/demo.sentinela" "$@"
fi

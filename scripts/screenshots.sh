#!/usr/bin/env bash
# Saves a screenshot of each main view of the desktop application into docs/screenshots/ (shown
# in the README). Builds sentinela and sentinela-gui, creates the demo workspace with
# `sentinela demo` (import, labels, training, scan), then runs the GUI under Xvfb with
# --screenshot-dir: it shows each page, waits until the page has loaded, grabs it and quits.
#
#   scripts/screenshots.sh [BUILD_DIR] [LANGUAGE]     (defaults: build/release, en)
#   SENTINELA_DEMO_DIR=... reuses an existing demo folder instead of creating one.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
language="${2:-en}"
out="docs/screenshots"
if [ "$language" != "en" ]; then
    out="docs/screenshots/$language"
fi

if [ ! -f "$build/build.ninja" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" -j2 --target sentinela sentinela-gui

demo="${SENTINELA_DEMO_DIR:-}"
if [ -z "$demo" ]; then
    demo="$(mktemp -d)/sentinela-demo"
    trap 'rm -rf "$(dirname "$demo")"' EXIT
    "$build/app/sentinela" demo "$demo" >/dev/null
fi

mkdir -p "$out"
# A fixed screen and style so the pictures are the same on every machine.
QT_QPA_PLATFORMTHEME= QT_STYLE_OVERRIDE=Fusion SENTINELA_SETTINGS_SCOPE=test \
    xvfb-run -a -s "-screen 0 1440x900x24" \
    "$build/app/sentinela-gui" --language "$language" --screenshot-dir "$out" \
    "$demo/demo.sentinela"
echo "screenshots: $(ls "$out"/*.png | tr '\n' ' ')"

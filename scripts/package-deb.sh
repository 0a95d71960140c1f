#!/usr/bin/env bash
# Builds the Debian package and prints its path on the last line of stdout: configures the
# `package` preset (CMakePresets.json: Release, portable AVX2+FMA, /usr) in build/package, builds
# it, and runs CPack (packaging/debian.cmake). Extra arguments go to the build, e.g. -j2.
# Install it with: sudo apt install ./build/package/deb/sentinela_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh >&2

launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake --preset package "${launcher[@]}" >&2
cmake --build --preset package "$@" >&2
out=build/package/deb
rm -rf "$out"
cpack --config build/package/CPackConfig.cmake -B "$out" >&2
deb=$(find "$out" -maxdepth 1 -name 'sentinela_*.deb')
echo "$PWD/$deb"

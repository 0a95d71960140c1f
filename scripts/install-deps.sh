#!/usr/bin/env bash
# Installs every Debian 12 package that Sentinela's build, tests and demo need.
# Idempotent: installs only what is missing, and says what it does. Runs as root or through sudo.
# With package names as arguments it installs those instead (bench/install-peers.sh uses that).
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config clang-format
    # libraries the code links
    qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6opengl6-dev libgl-dev libvulkan-dev qt6-translations-l10n
    libeigen3-dev libicu-dev libsentencepiece-dev sentencepiece libsqlite3-dev
    libcli11-dev nlohmann-json3-dev libssl-dev libzstd-dev zlib1g-dev libtbb-dev libsimdjson-dev
    # tests and benchmarks (munge and Slurm: the one-node cluster of scripts/slurm-cluster-test.sh)
    libgtest-dev libgmock-dev libbenchmark-dev xvfb xauth python3
    # the Debian package: Depends from the shared libraries, man pages, desktop entry check
    dpkg-dev help2man desktop-file-utils
    munge slurmctld slurmd slurm-client
)
if [ $# -gt 0 ]; then
    packages=("$@")
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages already installed."
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done."

#!/usr/bin/env bash
# Installs the peer programs that bench/peers/ compares Sentinela against (PyTorch's LSTM on
# OpenBLAS, fastText). Kept apart from scripts/install-deps.sh on purpose: CI and users do not
# need torch (~1 GB) to build or test Sentinela. Idempotent; runs as root or through sudo.
set -euo pipefail

packages=(python3-torch libopenblas0-pthread fasttext)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-peers: all ${#packages[@]} packages already installed."
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-peers: run as root or install sudo" >&2; exit 1; }
    sudo="sudo"
fi
echo "install-peers: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-peers: done."

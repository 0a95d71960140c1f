#!/usr/bin/env bash
# Installs the peer programs that bench/peers/ compares Sentinela against (PyTorch's LSTM on
# OpenBLAS, fastText, scikit-learn for TF-IDF + LR) and matplotlib for bench/accuracy.py's plot.
# Kept apart from the project's own packages on purpose: CI and users do not need torch (~1 GB)
# to build or test Sentinela. Idempotent; runs as root or through sudo.
set -euo pipefail
exec "$(dirname "$0")/../scripts/install-deps.sh" python3-torch libopenblas0-pthread fasttext \
    python3-sklearn python3-matplotlib

#!/usr/bin/env bash
# Rebuilds the base encoder that ships with Sentinela (resources/encoders/base.encoder) with the
# project's own `sentinela pretrain`, from the unlabeled posts in ../shared/data/unlabeled/
# (English 459k, Brazilian Portuguese 48k; no benchmark val/test text in them).
# One encoder for both languages; the Portuguese file is given 4 times, so that about 30 % of the
# posts (and of the tokenizer's sample) are Portuguese instead of 10 %.
# Usage: scripts/pretrain-base-encoder.sh [BUILD_DIR] [OUT] [MINUTES]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build/release}"
out="${2:-$here/resources/encoders/base.encoder}"
minutes="${3:-100}"
data="$here/../shared/data/unlabeled"
pt="$data/pt.jsonl.zst"
"$build/app/sentinela" pretrain "$data/en.jsonl.zst" "$pt" "$pt" "$pt" "$pt" \
    --out "$out" --epochs 2 --minutes "$minutes" --threads 2

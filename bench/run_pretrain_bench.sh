#!/usr/bin/env bash
# Pretraining speed side by side: `sentinela pretrain` and the PyTorch language model of the same
# shape (bench/peers/torch_lm.py), alternated ROUNDS times on the same posts, same token ids
# (the base encoder's tokenizer; Sentinela continues the base encoder, so no tokenizer training
# is timed), 2 threads each. Prints tokens/s of every run and the medians.
# Usage: bench/run_pretrain_bench.sh [BUILD_DIR] [SECONDS] [ROUNDS]   (peers: bench/install-peers.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build/release}"
seconds="${2:-90}"
rounds="${3:-2}"
encoder="$here/../resources/encoders/base.encoder"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# 20,000 English posts of the unlabeled corpus, as text (Sentinela) and as the encoder's ids (torch).
set +o pipefail  # zstdcat stops on SIGPIPE once head has its posts
zstdcat "$here/../../shared/data/unlabeled/en.jsonl.zst" | head -20000 |
    /usr/bin/python3 -c 'import sys, json
for line in sys.stdin:
    print(json.dumps({"text": json.loads(line)["text"]}))' > "$work/posts.jsonl"
set -o pipefail
/usr/bin/python3 -c 'import sys, json
for line in open(sys.argv[1]): print(json.loads(line)["text"].replace("\n", " "))' "$work/posts.jsonl" |
    "$build/app/sentinela" tokenize --tokenizer "$encoder" --json |
    /usr/bin/python3 -c 'import sys, json
for line in sys.stdin: print(" ".join(str(t["id"]) for t in json.loads(line)["tokens"]))' > "$work/ids.txt"
echo '{"heldOutPosts": 0}' > "$work/config.json"
minutes=$(/usr/bin/python3 -c "print($seconds / 60)")
for round in $(seq "$rounds"); do
    "$build/app/sentinela" pretrain "$work/posts.jsonl" --from "$encoder" --out "$work/e.encoder" \
        --config "$work/config.json" --epochs 100 --minutes "$minutes" --threads 2 --json 2>/dev/null |
        /usr/bin/python3 -c 'import sys, json; d = json.load(sys.stdin); print(json.dumps({"peer": "sentinela", "tokens_per_second": round(d["tokens_per_second"])}))'
    (unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
     /usr/bin/python3 "$here/peers/torch_lm.py" --ids "$work/ids.txt" --seconds "$seconds" --threads 2)
done | tee "$work/runs.jsonl"
/usr/bin/python3 - "$work/runs.jsonl" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
med = {p: statistics.median(r["tokens_per_second"] for r in runs if r["peer"] == p) for p in ("sentinela", "torch")}
print(f"median tokens/s: sentinela {med['sentinela']:.0f}, torch {med['torch']:.0f}, ratio {med['sentinela'] / med['torch']:.2f}x")
PY

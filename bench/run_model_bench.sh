#!/usr/bin/env bash
# Runs the model speed benchmark side by side with its peers, in one go on the same machine:
#   1. bench_model_speed   (Sentinela: inference and training posts/s at 1 and 2 threads)
#   2. bench/peers/torch_lstm.py      (PyTorch nn.LSTM of the same shape, OpenBLAS)
#   3. bench/peers/fasttext_peer.sh   (fastText supervised, train seconds and predict posts/s)
# then prints the ratios Sentinela / best peer. Peers need bench/install-peers.sh.
# Usage: bench/run_model_bench.sh [BUILD_DIR] [DATA_DIR]
#   BUILD_DIR: a configured build with SENTINELA_BUILD_BENCHMARKS=ON (default build/release)
# Environment: REPEATS (5); PEERS ("torch fasttext"; "torch" skips fastText, whose run is long and
# does not change between Sentinela builds).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build/release}"
data="${2:-$here/../../shared/data}"
repeats="${REPEATS:-5}"
peers="${PEERS:-torch fasttext}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cmake --build "$build" --target bench_model_speed -j2 >/dev/null
echo "== sentinela (bench_model_speed) =="
"$build/bench/bench_model_speed" "$data/tweeteval-offensive" --repeats "$repeats" | tee "$out/ours.jsonl"
echo "== torch (bench/peers/torch_lstm.py) =="
if [[ " $peers " != *" torch "* ]]; then
    echo "skipped (PEERS=$peers)"
elif /usr/bin/python3 -c "import torch" 2>/dev/null; then
    /usr/bin/python3 "$here/peers/torch_lstm.py" --data "$data/tweeteval-offensive" \
        --repeats "$repeats" | tee "$out/torch.jsonl"
else
    echo "torch is not installed (bench/install-peers.sh); skipped"
fi
echo "== fastText (bench/peers/fasttext_peer.sh) =="
if [[ " $peers " != *" fasttext "* ]]; then
    echo "skipped (PEERS=$peers)"
elif command -v fasttext >/dev/null; then
    DATASETS=tweeteval-offensive REPEATS="${REPEATS:-3}" "$here/peers/fasttext_peer.sh" "$data" \
        | tee "$out/fasttext.jsonl"
else
    echo "fasttext is not installed (bench/install-peers.sh); skipped"
fi

/usr/bin/python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
def lines(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    return [json.loads(l) for l in open(path) if l.startswith("{")]
ours = [r for r in lines("ours.jsonl") if r.get("peer") == "sentinela"]
torch = {r["best"]: r for r in lines("torch.jsonl") if "best" in r}
fast = lines("fasttext.jsonl")
peak = next((r["gflops"] for r in lines("ours.jsonl") if "gflops" in r), None)
print("== ratios (Sentinela best / peer best, wall-clock posts/s) ==")
for mode in ("inference", "training"):
    mine = max((r for r in ours if r["mode"] == mode), key=lambda r: r["posts_per_second"], default=None)
    if mine is None:
        continue
    line = f"{mode}: sentinela {mine['posts_per_second']:.0f} posts/s ({mine['threads']} threads)"
    if peak and "gflops_per_cpu_second" in mine:
        line += f" at {mine['gflops_per_cpu_second']:.0f} GFLOP/CPU-s (Eigen SGEMM peak {peak:.0f})"
    if mode in torch:
        t = torch[mode]
        line += (f"; torch {t['posts_per_second']:.0f} posts/s -> x{mine['posts_per_second'] / t['posts_per_second']:.2f}"
                 f"; per CPU-second x{mine['posts_per_cpu_second'] / t['posts_per_cpu_second']:.2f}")
    print(line)
for f in fast:
    if "predict_posts_per_second" in f:
        print(f"fastText predict {f['predict_posts_per_second']:.0f} posts/s on {f.get('dataset', '?')}")
PY

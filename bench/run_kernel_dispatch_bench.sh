#!/usr/bin/env bash
# The packaged (portable, run-time dispatched) build against the native build and PyTorch, side
# by side: bench_model_speed of each build in interleaved rounds (so drift on a shared machine
# hits all alike), then the torch peer, then medians and ratios.
#   bench/run_kernel_dispatch_bench.sh NATIVE_BUILD PORTABLE_BUILD [DATA_DIR]
# NATIVE_BUILD: configured with the defaults (-march=native); PORTABLE_BUILD: with
# -DSENTINELA_PORTABLE=ON (what the package ships); both with SENTINELA_BUILD_BENCHMARKS=ON.
# The portable build runs twice: as shipped (the kernel chosen at run time) and with
# SENTINELA_KERNEL=avx2 (what every AVX2-only CPU, and the package before dispatch, runs).
# Environment: ROUNDS (3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
native=${1:?usage: run_kernel_dispatch_bench.sh NATIVE_BUILD PORTABLE_BUILD [DATA_DIR]}
portable=${2:?usage: run_kernel_dispatch_bench.sh NATIVE_BUILD PORTABLE_BUILD [DATA_DIR]}
data="${3:-$here/../../shared/data}/tweeteval-offensive"
rounds="${ROUNDS:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for build in "$native" "$portable"; do
    cmake --build "$build" --target bench_model_speed -j2 >/dev/null
done
for round in $(seq "$rounds"); do
    echo "== round $round"
    "$native/bench/bench_model_speed" "$data" --repeats 1 | sed 's/^/native /' | tee -a "$out/runs"
    "$portable/bench/bench_model_speed" "$data" --repeats 1 | sed 's/^/package /' | tee -a "$out/runs"
    SENTINELA_KERNEL=avx2 "$portable/bench/bench_model_speed" "$data" --repeats 1 |
        sed 's/^/package-avx2 /' | tee -a "$out/runs"
done
echo "== torch (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset: OpenBLAS picks its own kernel)"
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$here/peers/torch_lstm.py" \
        --data "$data" --repeats "$rounds" | tee "$out/torch.jsonl"
else
    echo "torch is not installed (bench/install-peers.sh); skipped"
fi
/usr/bin/python3 - "$out" <<'PY'
import json, os, statistics, sys
out = sys.argv[1]
runs = {}
for line in open(os.path.join(out, "runs")):
    build, _, record = line.partition(" ")
    if not record.startswith("{"):
        continue
    r = json.loads(record)
    if r.get("peer") != "sentinela":
        continue
    runs.setdefault((build, r["mode"], r["threads"]), []).append(r["posts_per_second"])
torch = {}
path = os.path.join(out, "torch.jsonl")
if os.path.exists(path):
    for line in open(path):
        if line.startswith("{"):
            r = json.loads(line)
            if "best" in r:
                torch[r["best"]] = r["posts_per_second"]
print("| build | mode | threads | posts/s (median) | vs native | vs torch best |")
print("|---|---|---:|---:|---:|---:|")
for (build, mode, threads), values in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][2], kv[0][0])):
    median = statistics.median(values)
    base = statistics.median(runs.get(("native", mode, threads), [float("nan")]))
    peer = torch.get(mode)
    vs_torch = f"{median / peer:.2f}x" if peer else "-"
    print(f"| {build} | {mode} | {threads} | {median:,.0f} | {median / base:.2f} | {vs_torch} |")
for mode, value in torch.items():
    print(f"torch best {mode}: {value:,.0f} posts/s")
PY

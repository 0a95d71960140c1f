#!/usr/bin/env bash
# Scaling past two cores (issue #16 item 5), as one prepared run for a bigger machine that has no
# package registry and no ../shared/data: `prepare` (here) bundles the package-like build (run-time
# CPU dispatch, so it runs on any x86-64 with AVX2), every shared library `ldd` lists with the
# loader that goes with them (the binary is started through it, so the other machine's C library
# does not matter), a model of the default recipe, a generated zstd JSON Lines export and
# tweeteval-offensive's train/val files into one tarball (about 45 MB); `run` (there) unpacks it
# into a temporary folder and measures, with it only:
#   - scan: posts/s and peak RSS for --threads 1 2 4 8 16 (and every core) on the export;
#   - training: three epochs of tweeteval-offensive at --threads 1 2 4 8 16, batch 32 and 128
#     (the sum of the trainer's own epoch seconds: training passes only).
#   bench/run_scaling_bench.sh prepare [BUILD_DIR] [OUT] [POSTS]  (build/portable build/scaling 200000)
#   bench/run_scaling_bench.sh run [OUT]                          (prints one JSON line per run)
# With the device tool: carry build/scaling and run `bench/run_scaling_bench.sh run build/scaling`.
# Training uses --encoder none (no 18 MB encoder to carry): an epoch costs the same either way.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?"usage: $0 prepare [BUILD_DIR] [OUT] [POSTS] | run [OUT]"}

if [ "$mode" = prepare ]; then
    build=${2:-build/portable}
    out=${3:-build/scaling}
    posts=${4:-200000}
    data=../shared/data/tweeteval-offensive
    rm -rf "$out" && mkdir -p "$out/bundle/lib" "$out/bundle/data"
    bundle="$out/bundle"
    cp "$build/app/sentinela" "$bundle/"
    ldd "$build/app/sentinela" | awk '$3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' |
        xargs -I{} cp -L {} "$bundle/lib/"
    cp "$data/train.jsonl" "$data/val.jsonl" "$bundle/data/"
    python3 bench/gen_scan_export.py "$posts" resources/demo "$out/export.jsonl" /dev/null
    zstd -q --rm -f "$out/export.jsonl" -o "$bundle/data/export.jsonl.zst"
    # The default recipe (base encoder, attention, wide branch): what users scan with.
    "$build/app/sentinela" train --train "$data/train.jsonl" --val "$data/val.jsonl" \
        --task offensive --out "$bundle/offensive.model" > "$out/train.log" 2>&1
    tar czf "$out/bundle.tar.gz" -C "$bundle" . && rm -rf "$bundle"
    ls -l "$out/bundle.tar.gz"
    exit 0
fi

[ "$mode" = run ] || { echo "$0: unknown mode $mode" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
tar xzf "${2:-build/scaling}/bundle.tar.gz" -C "$dir"
loader=$(ls "$dir"/lib/ld-linux*)
# exec: every call below runs in a subshell (pipe, $(...), &), so that the background scan's $! is
# sentinela itself, whose peak RSS is read.
cli() { exec "$loader" --library-path "$dir/lib" "$dir/sentinela" "$@"; }
cores=$(nproc)
cli --version | sed -n '1,6p' >&2
echo "{\"cores\": $cores, \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\"}"

threads_list="1 2 4 8 16"
[ "$cores" -gt 16 ] && threads_list="$threads_list $cores"
for t in $threads_list; do
    [ "$t" -le "$cores" ] || continue
    start=$(date +%s.%N)
    # Peak RSS from the kernel's own account (VmHWM), read just before the process exits.
    # (--out is a file: scan writes a temporary file and renames it, never to a device.)
    cli scan "$dir/offensive.model" "$dir/data/export.jsonl.zst" --threads "$t" \
        --out "$dir/flagged-$t.jsonl" --json > "$dir/scan-$t.json" 2>/dev/null &
    pid=$!
    peak=0
    while kill -0 "$pid" 2>/dev/null; do
        hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
        [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
        sleep 0.2
    done
    wait "$pid"
    seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
    rm -f "$dir/flagged-$t.jsonl"
    echo "{\"measure\": \"scan\", \"threads\": $t, \"seconds\": $seconds, \"peak_rss_kb\": $peak," \
        "\"summary\": $(tr -d '\n' < "$dir/scan-$t.json")}"
done

# Batch 32 is the default recipe; batch 128 scales both learning rates by sqrt(128 / 32).
echo '{"epochs": 3, "patience": 0}' > "$dir/train-32.json"
echo '{"epochs": 3, "patience": 0, "batchSize": 128, "learningRate": 0.002,
       "wide": {"learningRate": 20}}' > "$dir/train-128.json"
for batch in 32 128; do
    for t in 1 2 4 8 16; do
        [ "$t" -le "$cores" ] || continue
        seconds=$(cli train --encoder none --train "$dir/data/train.jsonl" --val "$dir/data/val.jsonl" \
            --task offensive --config "$dir/train-$batch.json" --threads "$t" \
            --out "$dir/train.model" 2>&1 | awk '/^epoch/ { for (i = 1; i <= NF; ++i)
                if ($i ~ /^[0-9.]+s$/) { sub("s", "", $i); total += $i } } END { print total }')
        echo "{\"measure\": \"train_3_epochs\", \"batch\": $batch, \"threads\": $t, \"seconds\": $seconds}"
    done
done

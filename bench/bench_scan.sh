#!/usr/bin/env bash
# End-to-end `sentinela scan` throughput (parse + tokenize + classify + write) on a generated
# X API export, as a ratio of the same model's inference-only throughput (texts in memory,
# bench_classify_only) measured in the same run, and the scan's peak RSS (/usr/bin/time -v).
# Nothing big is committed: the export is generated under a temp dir and deleted afterwards.
#   bench/bench_scan.sh [BUILD_DIR] [POSTS] [RUNS]     defaults: build/release 1000000 3
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
posts=${2:-1000000}
runs=${3:-3}
baseline_posts=$(( posts < 200000 ? posts : 200000 ))
cli="$build/app/sentinela"
classify="$build/bench/bench_classify_only"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "generating $posts posts..." >&2
python3 bench/gen_scan_export.py "$posts" resources/demo "$work/export.jsonl" "$work/texts.txt"
head -n "$baseline_posts" "$work/texts.txt" > "$work/baseline.txt"
ls -l "$work/export.jsonl" >&2

# The default network (what `sentinela train` gives), trained for one epoch on the demo posts:
# throughput depends on the network's size, not on what it learned.
echo '{"tokenizer": {"vocabularySize": 1000}, "epochs": 1}' > "$work/config.json"
"$cli" train --train resources/demo/labeled_posts.jsonl --label-field sentiment \
    --task sentiment --config "$work/config.json" --out "$work/bench.model" >/dev/null

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: > "$work/scan.txt"; : > "$work/base.txt"; : > "$work/rss.txt"
for run in $(seq "$runs"); do
    "$classify" "$work/bench.model" "$work/baseline.txt" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["posts_per_second"])' \
        >> "$work/base.txt"
    /usr/bin/time -v -o "$work/time.txt" "$cli" scan "$work/bench.model" "$work/export.jsonl" \
        --out "$work/flagged.jsonl" --json --timings > "$work/summary.json"
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["posts_per_second"])' \
        "$work/summary.json" >> "$work/scan.txt"
    awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt" >> "$work/rss.txt"
    echo "run $run: inference-only $(tail -1 "$work/base.txt") posts/s," \
         "scan $(tail -1 "$work/scan.txt") posts/s, peak RSS $(tail -1 "$work/rss.txt") KB" >&2
    python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["timings"]))' \
        "$work/summary.json" >&2
done
base=$(median < "$work/base.txt")
scan=$(median < "$work/scan.txt")
rss=$(median < "$work/rss.txt")
python3 - "$posts" "$runs" "$base" "$scan" "$rss" <<'PY'
import sys
posts, runs, base, scan, rss = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(f"posts {posts}, runs {runs} (medians)")
print(f"inference-only  {base:10.0f} posts/s")
print(f"scan end-to-end {scan:10.0f} posts/s  ratio {scan / base:.2f}")
print(f"scan peak RSS   {rss / 1024:10.1f} MB")
PY

#!/usr/bin/env bash
# Runs one fuzz target (or all) for a given time with libFuzzer, then merges what it found into
# the saved corpus that CI replays. Usage:
#   scripts/fuzz.sh TARGET|all SECONDS      e.g. scripts/fuzz.sh import_jsonl 1800
# Targets: tests/fuzz/CMakeLists.txt. Crashes, hangs and leaks land in build/fuzz/findings/TARGET
# (reproduce with the replay build: build/ci/tests/fuzz/fuzz_TARGET FILE). Prints, per target,
# the executions, the coverage (libFuzzer's cov/ft counters) and the findings.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET|all SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET|all SECONDS}
targets=(import_jsonl import_json import_csv import_x_archive import_telegram import_whatsapp
         import_auto tokenizer model_file workspace)
if [ "$target" != all ]; then
    targets=("$target")
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]/#/fuzz_}"

for t in "${targets[@]}"; do
    corpus=tests/fuzz/corpus/$t
    work=build/fuzz/work/$t
    findings=build/fuzz/findings/$t
    mkdir -p "$corpus" "$work" "$findings"
    seeds=()
    dict=()
    case $t in
        import_csv) seeds=(tests/storage/fixtures); dict=(-dict=tests/fuzz/csv.dict) ;;
        import_whatsapp) seeds=(tests/storage/fixtures) ;;
        import_*) seeds=(tests/storage/fixtures); dict=(-dict=tests/fuzz/json.dict) ;;
    esac
    log=build/fuzz/$t.log
    # -timeout: one input may take 10 s before it counts as a hang; -rss_limit_mb: memory cap.
    build/fuzz/tests/fuzz/fuzz_"$t" "$work" "$corpus" "${seeds[@]}" "${dict[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1 || true
    # Keep only inputs that add coverage to the saved corpus (small files, fast replay in CI).
    build/fuzz/tests/fuzz/fuzz_"$t" -merge=1 "$corpus" "$work" >/dev/null 2>&1 || true
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
    found=$(find "$findings" -type f | wc -l)
    echo "$t: ${seconds}s, $execs executions, $cov, corpus $(ls "$corpus" | wc -l) files, $found findings"
done

#!/usr/bin/env bash
# Kill and disk faults (issue #15). Starts `import`, `label --from`, `train WORKSPACE` and
# `scan --workspace` on workspaces of their own, sends SIGKILL after a seeded random delay spread
# over the command's measured run time, and checks what each kill left: the workspace opens,
# `sentinela stats --check` passes, posts are whole batches, a labels file is all or nothing, a
# model file is absent or complete, and running the command again completes the work without
# duplicates. Then fills a small filesystem during `import`, `export` and `train --out`: each
# must fail with a message naming the file, keep the workspace valid and say what it kept.
#
#   scripts/fault-injection.sh [--cli PATH] [--kills N] [--seed S] [--only LIST] [--disk KIND]
#                              [--keep]
#     --cli    the sentinela executable (default build/release/app/sentinela)
#     --kills  kill points per command (default 20)
#     --only   comma-separated subset of import,label,train,scan,disk
#     --disk   how to make the small disk: auto (default: the first that works of tmpfs, loop,
#              ulimit), tmpfs, loop (an ext4 file mounted -o loop) or ulimit (RLIMIT_FSIZE)
#     --keep   keep the working folder (printed) for a look after a failure
#
# Exit code 0 when every case passed, 77 without python3. Prints one summary row per command.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cli="$here/../build/release/app/sentinela"
kills=20
seed=15
only="import,label,train,scan,disk"
keep=0
disk_wanted=auto
while [ $# -gt 0 ]; do
    case "$1" in
        --cli) cli="$2"; shift 2 ;;
        --kills) kills="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --only) only="$2"; shift 2 ;;
        --disk) disk_wanted="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "usage: $0 [--cli PATH] [--kills N] [--seed S] [--only LIST] [--disk KIND] [--keep]" >&2; exit 2 ;;
    esac
done
cli="$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")"
[ -x "$cli" ] || { echo "fault-injection: no executable at $cli; build it or give --cli" >&2; exit 2; }
command -v python3 >/dev/null || { echo "fault-injection: needs python3; skipped" >&2; exit 77; }
checks="$here/fault-injection-checks.py"
demo="$here/../resources/demo"
work="$(mktemp -d "${TMPDIR:-/tmp}/sentinela-faults.XXXXXX")"
disk="$work/small-disk"
cleanup() {
    mountpoint -q "$disk" 2>/dev/null && umount "$disk"
    if [ "$keep" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
RANDOM=$seed

# Sizes: big enough that each command runs about a second or more (many batches to land in),
# small enough for 20 kills each in a few minutes on two cores.
import_posts=60000  # 12 batches of 5,000 (the CLI's import batch)
label_posts=60000
scan_posts=20000
summary=()
failures_total=0

py() { python3 "$checks" "$@"; }
run() { "$cli" "$@"; }
# Seconds with millisecond resolution since the epoch.
now() { date +%s.%N; }

# The delay of kill point i of n over a run of `seconds`: stratified (one point in each n-th of
# 1.1 x the run time, at a seeded random place inside it), so the points cover the whole run and
# a few land after it ended.
# The random part is drawn here, in the script's own shell: a $(...) subshell would not advance
# the seeded sequence.
delay_for() {
    local i=$1 n=$2 seconds=$3 permille=$((RANDOM % 1000))
    delay=$(python3 -c "print(f'{$seconds * 1.1 * ($i + $permille / 1000) / $n:.3f}')")
}

# Runs `sentinela "$@"` in the background, kills it after $1 seconds; sets killed=1 when SIGKILL
# ended it. The executable itself is the background job: killing a shell function's subshell
# would leave sentinela running.
kill_after() {
    local seconds=$1
    shift
    "$cli" "$@" >"$case_dir/out" 2>"$case_dir/err" &
    local pid=$!
    sleep "$seconds"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null  # no "Killed" job notice
    local rc=$?
    killed=0
    if [ $rc -eq 137 ]; then killed=1; elif [ $rc -ne 0 ]; then
        problem "exited with $rc before the kill: $(tail -1 "$case_dir/err")"
    fi
}

problem() { case_problems+=("$1"); }

# The workspace opens, and `stats --check` finds no damage.
check_workspace() {
    local ws=$1
    run stats "$ws" --json >/dev/null 2>"$case_dir/stats.err" ||
        { problem "does not open: $(tail -1 "$case_dir/stats.err")"; return 1; }
    run stats "$ws" --check --json >"$case_dir/check.json" 2>"$case_dir/check.err" ||
        { problem "stats --check failed: $(tail -3 "$case_dir/check.err")"; return 1; }
    return 0
}

# Text of the check's notes (imports that did not finish, posts not searchable).
check_notes() { python3 -c "import json,sys; print('\n'.join(json.load(open(sys.argv[1]))['check']['notes']))" "$case_dir/check.json"; }

# Case $2 of command $1, in a folder of its own; with $3, a copy of that workspace as $ws.
begin_case() {
    case_dir="$work/$1/$2"
    ws="$case_dir/w.sentinela"
    mkdir -p "$case_dir"
    case_problems=()
    [ -z "${3:-}" ] || cp "$3" "$ws"
}

# Kill point $1 (of $kills) over a run of $2 seconds, of `sentinela "${@:3}"`.
kill_at() {
    delay_for "$1" "$kills" "$2"
    shift 2
    kill_after "$delay" "$@"
}

end_case() {
    local name=$1 i=$2 delay=$3
    cases=$((cases + 1))
    [ "$killed" = 1 ] && killed_count=$((killed_count + 1))
    if [ ${#case_problems[@]} -gt 0 ]; then
        failures=$((failures + 1))
        echo "FAIL $name kill $i at ${delay}s (killed=$killed):" >&2
        printf '    %s\n' "${case_problems[@]}" >&2
    fi
}

begin_command() { cases=0; failures=0; killed_count=0; extra=""; }
end_command() {
    summary+=("$(printf '%-8s %6s %6s %7s %9s  %s' "$1" "$cases" "$killed_count" "$failures" "$2" "$extra")")
    failures_total=$((failures_total + failures))
}

# The run time of `sentinela "${@:2}"` on a copy of workspace $1 at $work/timing.sentinela: the
# faster of two undisturbed runs, so that few kill points land after the end on a busy machine.
# The last run's outputs are the reference every re-run must give.
time_run() {
    local template=$1 best="" k started took
    shift
    for k in 1 2; do
        cp "$template" "$work/timing.sentinela"
        started=$(now)
        "$cli" "$@" >"$work/reference.out" 2>"$work/reference.err" ||
            { echo "fault-injection: reference run failed: $(tail -2 "$work/reference.err")" >&2; exit 1; }
        took=$(python3 -c "print(f'{$(now) - $started:.2f}')")
        best=$(python3 -c "print(min(float('$took'), float('${best:-$took}')))")
    done
    echo "$best"
}

# ---- import ------------------------------------------------------------------------------

kill_import() {
    begin_command
    py posts "$work/import.jsonl" "$import_posts" p 1
    run init "$work/empty.sentinela" >/dev/null
    local seconds i delay
    seconds=$(time_run "$work/empty.sentinela" import "$work/timing.sentinela" "$work/import.jsonl")
    for ((i = 0; i < kills; i++)); do
        begin_case import "$i" "$work/empty.sentinela"
        kill_at "$i" "$seconds" import "$ws" "$work/import.jsonl"
        if check_workspace "$ws"; then
            local kept
            if kept=$(py import "$ws" p "$import_posts" 5000 2>"$case_dir/py.err"); then
                run import "$ws" "$work/import.jsonl" --json >"$case_dir/rerun.json" 2>"$case_dir/rerun.err" ||
                    problem "re-run failed: $(tail -1 "$case_dir/rerun.err")"
                python3 - "$case_dir/rerun.json" "$kept" "$import_posts" <<'EOF' || problem "re-run: $(cat "$case_dir/py.err")"
import json, sys
report, kept, total = json.load(open(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3])
if report["imported"] != total - kept or report["duplicates"] != kept:
    sys.exit(f"imported {report['imported']}, duplicates {report['duplicates']} after {kept} kept")
EOF
                check_workspace "$ws" && py import "$ws" p "$import_posts" 5000 >"$case_dir/final" 2>"$case_dir/py.err" &&
                    [ "$(cat "$case_dir/final")" = "$import_posts" ] ||
                    problem "after the re-run: $(cat "$case_dir/final" "$case_dir/py.err" 2>/dev/null)"
                check_notes | grep -q "not searchable" && problem "posts still not searchable after the re-run"
            else
                problem "$(cat "$case_dir/py.err")"
            fi
        fi
        end_case import "$i" "$delay"
    done
    end_command import "$seconds"
}

# ---- label --from ------------------------------------------------------------------------

kill_label() {
    begin_command
    py posts "$work/label-posts.jsonl" "$label_posts" l 2
    py labels "$work/labels.csv" "$label_posts" l
    run init "$work/posts.sentinela" >/dev/null
    run import "$work/posts.sentinela" "$work/label-posts.jsonl" >/dev/null
    local seconds i delay labeled
    seconds=$(time_run "$work/posts.sentinela" label "$work/timing.sentinela" --from "$work/labels.csv" --task offensive)
    for ((i = 0; i < kills; i++)); do
        begin_case label "$i" "$work/posts.sentinela"
        kill_at "$i" "$seconds" label "$ws" --from "$work/labels.csv" --task offensive
        if check_workspace "$ws"; then
            if labeled=$(py label "$ws" offensive "$label_posts" 2>"$case_dir/py.err"); then
                run label "$ws" --from "$work/labels.csv" --task offensive >/dev/null 2>"$case_dir/rerun.err" ||
                    problem "re-run failed: $(tail -1 "$case_dir/rerun.err")"
                check_workspace "$ws" && py label "$ws" offensive "$label_posts" >"$case_dir/final" 2>"$case_dir/py.err" &&
                    [ "$(cat "$case_dir/final")" = "$label_posts" ] ||
                    problem "after the re-run: $(cat "$case_dir/final" "$case_dir/py.err" 2>/dev/null)"
            else
                problem "$(cat "$case_dir/py.err")"
            fi
        fi
        end_case label "$i" "$delay"
    done
    end_command label "$seconds"
}

# ---- train WORKSPACE ---------------------------------------------------------------------

# The demo posts with their offensive labels, and a network small enough to train in a second.
make_labeled_workspace() {
    run init "$1" >/dev/null
    run import "$1" "$demo/labeled_posts.jsonl" >/dev/null
    run label "$1" --from "$demo/offensive_labels.csv" --task offensive >/dev/null
}

write_tiny_config() {
    cat >"$work/tiny.json" <<'EOF'
{"tokenizer": {"kind": "word", "vocabularySize": 3000, "wordMinCount": 1},
 "network": {"embeddingDim": 16, "hiddenSize": 16}, "maxTokens": 48, "epochs": 3,
 "batchSize": 32, "threads": 2}
EOF
}

# A model file is loadable when `predict` scores a text with it.
loadable() { run predict "$1" "cala a boca seu idiota" >/dev/null 2>&1; }

kill_train() {
    begin_command
    write_tiny_config
    make_labeled_workspace "$work/labeled.sentinela"
    local seconds leftovers=0 i delay model registered
    seconds=$(time_run "$work/labeled.sentinela" train "$work/timing.sentinela" --task offensive \
        --config "$work/tiny.json" --out "$work/timing.model")
    for ((i = 0; i < kills; i++)); do
        begin_case train "$i" "$work/labeled.sentinela"
        model="$case_dir/m.model"
        kill_at "$i" "$seconds" train "$ws" --task offensive --config "$work/tiny.json" --out "$model"
        if check_workspace "$ws"; then
            if [ -e "$model" ] && ! loadable "$model"; then
                problem "a model file that does not load is left under its final name"
            fi
            registered=$(py models "$ws" | wc -l)
            if [ "$registered" -gt 1 ] || { [ "$registered" = 1 ] && ! loadable "$model"; }; then
                problem "$registered models registered; the file does not load"
            fi
            leftovers=$((leftovers + $(find "$case_dir" -name 'm.model.tmp-*' | wc -l)))
            [ -e "$model" ] && cp "$model" "$case_dir/before.model"
            run train "$ws" --task offensive --config "$work/tiny.json" --out "$model" \
                >/dev/null 2>"$case_dir/rerun.err"
            local rc=$?
            if [ "$registered" = 1 ]; then
                # Already registered: the re-run must refuse before replacing the file.
                [ $rc -eq 2 ] && cmp -s "$model" "$case_dir/before.model" ||
                    problem "re-run over a registered model: exit $rc, file changed or message: $(tail -1 "$case_dir/rerun.err")"
            elif [ $rc -ne 0 ]; then
                problem "re-run failed: $(tail -1 "$case_dir/rerun.err")"
            fi
            check_workspace "$ws" && [ "$(py models "$ws" | wc -l)" = 1 ] && loadable "$model" ||
                problem "after the re-run: $(py models "$ws" | wc -l) models registered, or the file does not load"
        fi
        end_case train "$i" "$delay"
    done
    extra="temporary model files left by kills: $leftovers"
    end_command train "$seconds"
}

# ---- scan --workspace --------------------------------------------------------------------

kill_scan() {
    begin_command
    write_tiny_config
    make_labeled_workspace "$work/scan-base.sentinela"
    run export "$work/scan-base.sentinela" --task offensive --out "$work/labeled.jsonl" 2>/dev/null
    run train --train "$work/labeled.jsonl" --task offensive --config "$work/tiny.json" \
        --out "$work/scan.model" >/dev/null 2>&1 || { echo "fault-injection: training the scan model failed" >&2; exit 1; }
    py posts "$work/scan.jsonl" "$scan_posts" s 3
    local seconds reference_rows i delay out counts
    seconds=$(time_run "$work/scan-base.sentinela" scan "$work/scan.model" "$work/scan.jsonl" \
        --workspace "$work/timing.sentinela" --out "$work/timing.csv" --threads 2)
    reference_rows=$(wc -l <"$work/timing.csv")
    for ((i = 0; i < kills; i++)); do
        begin_case scan "$i" "$work/scan-base.sentinela"
        out="$case_dir/flagged.csv"
        kill_at "$i" "$seconds" scan "$work/scan.model" "$work/scan.jsonl" --workspace "$ws" --out "$out" --threads 2
        if check_workspace "$ws"; then
            if [ -e "$out" ] && [ "$(wc -l <"$out")" != "$reference_rows" ]; then
                problem "an incomplete output is left under its final name ($(wc -l <"$out") of $reference_rows lines)"
            fi
            if counts=$(py scan "$ws" s 256 2>"$case_dir/py.err"); then
                run scan "$work/scan.model" "$work/scan.jsonl" --workspace "$ws" --out "$out" --threads 2 \
                    >/dev/null 2>"$case_dir/rerun.err" || problem "re-run failed: $(tail -1 "$case_dir/rerun.err")"
                check_workspace "$ws" && [ "$(py scan "$ws" s 256 2>"$case_dir/py.err")" = "$scan_posts $scan_posts" ] &&
                    [ "$(wc -l <"$out")" = "$reference_rows" ] ||
                    problem "after the re-run: posts/scored $(py scan "$ws" s 256 2>&1), $(wc -l <"$out" 2>/dev/null) output lines"
            else
                problem "$(cat "$case_dir/py.err")"
            fi
        fi
        end_case scan "$i" "$delay"
    done
    end_command scan "$seconds"
}

# ---- full disk ---------------------------------------------------------------------------

# A small filesystem at $disk: tmpfs (root), else a loop-mounted ext4 file (root), else none:
# RLIMIT_FSIZE (`ulimit -f`) then caps each file the commands write, and they get EFBIG.
disk_kind=""
make_small_disk() {
    local kilobytes=$1
    mkdir -p "$disk"
    if [[ "$disk_wanted" =~ ^(auto|tmpfs)$ ]] &&
        mount -t tmpfs -o "size=${kilobytes}k" tmpfs "$disk" 2>/dev/null; then
        disk_kind="tmpfs"
    elif [[ "$disk_wanted" =~ ^(auto|loop)$ ]] &&
        dd if=/dev/zero of="$work/disk.img" bs=1k count="$kilobytes" status=none &&
        mkfs.ext4 -q "$work/disk.img" 2>/dev/null && mount -o loop "$work/disk.img" "$disk" 2>/dev/null; then
        disk_kind="loop ext4"
    else
        disk_kind="ulimit -f"
    fi
}

# Runs "$@" on the small disk: with `ulimit -f` in a subshell that ignores SIGXFSZ.
on_small_disk() {
    if [ "$disk_kind" = "ulimit -f" ]; then
        (trap '' XFSZ; ulimit -f "$disk_limit_kb"; "$@")
    else
        "$@"
    fi
}

# Frees the space: a bigger tmpfs, or (loop, ulimit) the workspace copied to the big disk.
grow_disk() {
    if [ "$disk_kind" = "tmpfs" ]; then
        mount -o remount,size=256m "$disk"
    else
        cp "$disk"/w.sentinela* "$work/" && umount_disk && mkdir -p "$disk" && mv "$work"/w.sentinela* "$disk/"
    fi
}
umount_disk() { mountpoint -q "$disk" && umount "$disk"; true; }

disk_case() {
    begin_case disk "$1"
    killed=0
}
end_disk_case() {
    cases=$((cases + 1))
    if [ ${#case_problems[@]} -gt 0 ]; then
        failures=$((failures + 1))
        printf "FAIL disk $1: %s\n" "${case_problems[@]}" >&2
    fi
}

disk_faults() {
    begin_command
    disk_limit_kb=3072
    make_small_disk "$disk_limit_kb"
    py posts "$work/disk.jsonl" 40000 d 4  # ~7 MB of export: ~10 MB of workspace
    local kept

    # Import into a workspace on the small disk.
    disk_case import
    ws="$disk/w.sentinela"
    if [ "$disk_kind" = "ulimit -f" ]; then mkdir -p "$disk"; fi
    run init "$ws" >/dev/null
    on_small_disk "$cli" import "$ws" "$work/disk.jsonl" >"$case_dir/out" 2>"$case_dir/err"
    local rc=$?
    [ $rc -eq 5 ] || problem "import onto a full disk: exit $rc, expected 5"
    grep -q "$ws" "$case_dir/err" || problem "the error does not name the workspace: $(cat "$case_dir/err")"
    kept=$(grep -o 'the [0-9]* new posts it had committed before are kept' "$case_dir/err" | grep -o '[0-9]*')
    [ -n "$kept" ] || problem "the error does not say what was kept: $(cat "$case_dir/err")"
    echo "    import onto a full disk ($disk_kind): $(tail -1 "$case_dir/err")" >&2
    grow_disk
    if check_workspace "$ws"; then
        local now_kept
        now_kept=$(py import "$ws" d 40000 5000 2>"$case_dir/py.err") || problem "$(cat "$case_dir/py.err")"
        [ "$now_kept" = "$kept" ] || problem "the error said $kept posts were kept, the workspace holds $now_kept"
        run import "$ws" "$work/disk.jsonl" >/dev/null 2>"$case_dir/rerun.err" || problem "re-import after freeing space failed: $(tail -1 "$case_dir/rerun.err")"
        check_workspace "$ws" && [ "$(py import "$ws" d 40000 5000 2>&1)" = 40000 ] ||
            problem "after the re-import: $(py import "$ws" d 40000 5000 2>&1)"
    fi
    end_disk_case import

    # Export and train --out from a workspace on the big disk onto the full small one.
    umount_disk
    make_small_disk "$disk_limit_kb"
    write_tiny_config
    make_labeled_workspace "$work/export.sentinela"
    run import "$work/export.sentinela" "$work/disk.jsonl" >/dev/null
    py labels "$work/disk-labels.csv" 40000 d
    run label "$work/export.sentinela" --from "$work/disk-labels.csv" --task offensive >/dev/null
    disk_case export
    echo "an earlier export" >"$disk/out.jsonl"
    on_small_disk "$cli" export "$work/export.sentinela" --task offensive --out "$disk/out.jsonl" \
        >"$case_dir/out" 2>"$case_dir/err"
    rc=$?
    [ $rc -eq 5 ] || problem "export onto a full disk: exit $rc, expected 5"
    grep -q "$disk/out.jsonl" "$case_dir/err" || problem "the error does not name the file: $(cat "$case_dir/err")"
    [ "$(cat "$disk/out.jsonl")" = "an earlier export" ] || problem "the earlier export was replaced"
    [ -z "$(find "$disk" -name '.out.jsonl.tmp*')" ] || problem "a temporary file is left on the disk"
    echo "    export onto a full disk: $(tail -1 "$case_dir/err")" >&2
    check_workspace "$work/export.sentinela"
    end_disk_case export

    disk_case train
    cp "$work/export.sentinela" "$case_dir/w.sentinela"
    on_small_disk "$cli" train "$case_dir/w.sentinela" --task offensive --config "$work/tiny.json" \
        --out "$disk/m.model" >"$case_dir/out" 2>"$case_dir/err"
    rc=$?
    [ $rc -ne 0 ] || problem "train --out onto a full disk succeeded"
    grep -q "$disk/m.model" "$case_dir/err" || problem "the error does not name the model file: $(tail -1 "$case_dir/err")"
    [ ! -e "$disk/m.model" ] && [ -z "$(find "$disk" -name 'm.model.tmp*')" ] || problem "a model or temporary file is left on the disk"
    [ "$(py models "$case_dir/w.sentinela" | wc -l)" = 0 ] || problem "a model that was not written is registered"
    echo "    train --out onto a full disk: $(tail -1 "$case_dir/err")" >&2
    check_workspace "$case_dir/w.sentinela"
    end_disk_case train
    umount_disk
    extra="small disk: $disk_kind"
    end_command disk "-"
}

for part in ${only//,/ }; do
    case "$part" in
        import) kill_import ;;
        label) kill_label ;;
        train) kill_train ;;
        scan) kill_scan ;;
        disk) disk_faults ;;
        *) echo "fault-injection: unknown part '$part'" >&2; exit 2 ;;
    esac
done

echo
printf '%-8s %6s %6s %7s %9s  %s\n' command cases killed failed "run (s)" notes
printf '%s\n' "${summary[@]}"
[ "$failures_total" -eq 0 ]

#!/usr/bin/env bash
# A real cluster run of `sentinela scan --split`: starts a one-node Slurm cluster from Debian's
# packages (munged, slurmctld and slurmd on localhost, configured in a temporary folder), submits
# an `sbatch --array` of N scans over byte-range splits of a JSON Lines and a CSV export (texts
# with quoted newlines), merges each array's outputs with scripts/merge-splits.py and checks the
# merge equals a single-process scan of the same file, byte for byte. Every daemon it started is
# stopped, by the pid it wrote, also on failure. The daemons run as root: without root it exits
# 77 (ctest: skipped). Prints each array's wall time and posts/s per task.
#   scripts/slurm-cluster-test.sh [BUILD_DIR] [SPLITS] [POSTS]   defaults: build/ci 4 20000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build/ci}" && pwd)
splits=${2:-4}
posts=${3:-20000}
cli=$build/app/sentinela

if [ "$(id -u)" -ne 0 ]; then
    echo "slurm-cluster-test: skipped: the Slurm and munge daemons here run as root" >&2
    exit 77
fi
for tool in munged slurmctld slurmd sbatch sinfo; do
    command -v "$tool" >/dev/null || "$root/scripts/install-deps.sh" munge slurmctld slurmd slurm-client
done

work=$(mktemp -d /tmp/sentinela-slurm.XXXXXX)
stop_daemons() {
    # Children first: slurmd's job steps end with it; munged last, the others authenticate by it.
    for name in slurmd slurmctld munged; do
        pid=$(cat "$work/$name.pid" 2>/dev/null) || continue
        kill "$pid" 2>/dev/null || continue
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    done
}
on_exit() {
    status=$?
    stop_daemons
    if [ "$status" -ne 0 ]; then
        echo "slurm-cluster-test: FAILED ($status); daemon logs:" >&2
        tail -n 20 "$work"/*.log "$work"/out/*.log >&2 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap on_exit EXIT
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/out"
chmod 700 "$work/munge"

# munged with a key and a socket of its own, so a munge already running here is left alone.
mungekey --create --keyfile="$work/munge/munge.key" --bits=1024
munged --force --socket="$work/munge/munge.sock" --key-file="$work/munge/munge.key" \
    --log-file="$work/munged.log" --pid-file="$work/munged.pid" \
    --seed-file="$work/munge/munged.seed"

# Ports from this shell's pid, so that two runs on one machine do not meet.
port=$((20000 + ($$ % 5000) * 2))
export SLURM_CONF=$work/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=sentinela-test
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.sock
CredType=cred/munge
SlurmctldPort=$port
SlurmdPort=$((port + 1))
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
PlugStackConfig=/dev/null
$(slurmd -C | head -n 1) NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do
    [ "$(sinfo -h -o %t 2>/dev/null)" = "idle" ] && break
    sleep 1
done
[ "$(sinfo -h -o %t)" = "idle" ] || { echo "slurm-cluster-test: the node never became idle" >&2; exit 1; }

# The inputs: a tiny model (what it learned does not matter here) and two generated exports.
cd "$work"
python3 "$root/bench/gen_scan_export.py" "$posts" "$root/resources/demo" \
    export.jsonl texts.txt
python3 - export.jsonl export.csv <<'PY'
import csv, json, sys
# Every fifth text spans lines and some hold quotes: boundaries fall inside quoted fields.
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8",
                                                       newline="") as dst:
    out = csv.writer(dst, lineterminator="\r\n")
    out.writerow(["id", "author", "created_at", "text"])
    for i, line in enumerate(src):
        post = json.loads(line)
        text = post["text"].replace(" ", "\n", 2) if i % 5 == 0 else post["text"]
        out.writerow([post["id"], post["author"]["username"], post["created_at"],
                      f'"{text}"' if i % 7 == 0 else text])
PY
printf '%s\n' '{"tokenizer": {"kind": "word", "vocabularySize": 3000, "wordMinCount": 1},' \
    '"network": {"embeddingDim": 16, "hiddenSize": 16}, "maxTokens": 48, "epochs": 1}' \
    > tiny.json
"$cli" train --train "$root/resources/demo/labeled_posts.jsonl" --label-field sentiment \
    --task sentiment --config tiny.json --out m.model > train.log 2>&1 || { cat train.log; exit 1; }

for export in export.jsonl export.csv; do
    "$cli" scan m.model "$export" --all --threads 1 --out "whole-$export.jsonl" > /dev/null
    cat > job.sh <<JOB
#!/bin/bash
i=\$SLURM_ARRAY_TASK_ID
exec "$cli" scan "$work/m.model" "$work/$export" --split "\$i/$splits" --threads 1 --all \
    --out "$work/out/$export-part-\$i.jsonl" --json > "$work/out/$export-summary-\$i.json"
JOB
    start=$(date +%s%N)
    timeout 600 sbatch --wait --quiet --array="0-$((splits - 1))" --cpus-per-task=1 \
        --output="$work/out/slurm-%a.log" job.sh
    wall_ms=$((($(date +%s%N) - start) / 1000000))
    "$root/scripts/merge-splits.py" "merged-$export.jsonl" "$work"/out/"$export"-summary-*.json
    if ! cmp "merged-$export.jsonl" "whole-$export.jsonl"; then
        echo "slurm-cluster-test: $export: the merged splits differ from one scan" >&2
        exit 1
    fi
    python3 - "$export" "$wall_ms" "$work"/out/"$export"-summary-*.json <<'PY'
import json, sys
runs = [json.load(open(p)) for p in sys.argv[3:]]
posts = sum(r["posts_scanned"] for r in runs)
rates = ", ".join(f'{r["posts_per_second"]:.0f}' for r in sorted(runs, key=lambda r: r["split"]["index"]))
print(f"slurm-cluster-test: {sys.argv[1]}: {len(runs)} splits, {posts} posts, merge equals one scan;"
      f" array wall {int(sys.argv[2]) / 1000:.1f} s, posts/s per task: {rates}")
PY
done

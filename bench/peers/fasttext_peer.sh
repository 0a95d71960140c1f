#!/usr/bin/env bash
# Peer benchmark: fastText supervised (Debian's `fasttext` 0.9.2, bench/install-peers.sh) on the
# three shared datasets. For each dataset: converts train/val/test JSONL to fastText's
# "__label__<name> <text>" lines in a temporary folder (lower-cased, punctuation split from words,
# the same word tokens as bench/peers/torch_lstm.py), trains on train, predicts test, and reports
# train seconds (wall clock and CPU), test macro-F1 and macro recall (computed by a small standard-library Python
# script), and predict posts/s (predicting the test set repeated to >= 50,000 posts, minus the
# time to load the model and predict one post). Every timing is the median of REPEATS runs.
# Prints one JSON line per dataset.
#
# Usage: bench/peers/fasttext_peer.sh [DATA_DIR]   (default: ../shared/data beside the repo)
# Environment: REPEATS (3), THREADS for training (2), FASTTEXT_ARGS (training hyperparameters),
# DATASETS (space-separated folder names; default all three).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
data="${1:-$here/../../../shared/data}"
repeats="${REPEATS:-3}"
threads="${THREADS:-2}"
fasttext_args="${FASTTEXT_ARGS:--lr 0.5 -epoch 25 -wordNgrams 2 -dim 100 -minCount 1 -loss softmax}"
python=/usr/bin/python3
command -v fasttext >/dev/null || { echo "fasttext_peer: install it with bench/install-peers.sh" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# JSONL -> "__label__x tokens"; also writes the gold label list beside it.
convert() {
    "$python" - "$1" "$2" <<'EOF'
import json, re, sys
word = re.compile(r"\w+|[^\w\s]")
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        r = json.loads(line)
        out.write("__label__" + r["label"] + " " + " ".join(word.findall(r["text"].lower())) + "\n")
EOF
}

# Gold labels from the converted file vs one predicted label per line.
score() {
    "$python" - "$1" "$2" <<'EOF'
import json, sys
gold = [l.split(" ", 1)[0] for l in open(sys.argv[1], encoding="utf-8")]
pred = [l.strip() for l in open(sys.argv[2], encoding="utf-8")]
assert len(gold) == len(pred), (len(gold), len(pred))
labels = sorted(set(gold))
f1s, recalls = [], []
for c in labels:
    tp = sum(g == c and p == c for g, p in zip(gold, pred))
    fp = sum(g != c and p == c for g, p in zip(gold, pred))
    fn = sum(g == c and p != c for g, p in zip(gold, pred))
    f1s.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    recalls.append(tp / (tp + fn) if tp + fn else 0.0)
print(json.dumps({"macro_f1": round(sum(f1s) / len(f1s), 4),
                  "macro_recall": round(sum(recalls) / len(recalls), 4),
                  "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4)}))
EOF
}

seconds() {  # runs "$@" silently, prints "<wall seconds> <CPU seconds (user + sys)>"
    local TIMEFORMAT="%R %U %S"
    { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{printf "%s %.3f\n", $1, $2 + $3}'
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

for dataset in ${DATASETS:-tweeteval-offensive hatebr tweeteval-sentiment}; do
    dir="$work/$dataset"
    mkdir -p "$dir"
    for split in train val test; do
        convert "$data/$dataset/$split.jsonl" "$dir/$split.txt"
    done
    train_runs=()
    train_cpu=()
    for _ in $(seq "$repeats"); do
        # shellcheck disable=SC2086  # FASTTEXT_ARGS is a list of flags
        read -r wall cpu < <(seconds fasttext supervised -input "$dir/train.txt" \
            -output "$dir/model" -thread "$threads" -verbose 0 $fasttext_args)
        train_runs+=("$wall")
        train_cpu+=("$cpu")
    done
    fasttext predict "$dir/model.bin" "$dir/test.txt" | sed 's/^__label__//' >"$dir/pred.txt"
    sed 's/^__label__//' "$dir/test.txt" >"$dir/gold.txt"
    quality="$(score "$dir/gold.txt" "$dir/pred.txt")"

    test_posts=$(wc -l <"$dir/test.txt")
    copies=$(((50000 + test_posts - 1) / test_posts))
    for _ in $(seq "$copies"); do cat "$dir/test.txt"; done >"$dir/big.txt"
    head -n 1 "$dir/test.txt" >"$dir/one.txt"
    big_posts=$((copies * test_posts))
    predict_runs=()
    predict_cpu=()
    for _ in $(seq "$repeats"); do
        read -r big big_cpu < <(seconds fasttext predict "$dir/model.bin" "$dir/big.txt")
        read -r one one_cpu < <(seconds fasttext predict "$dir/model.bin" "$dir/one.txt")
        predict_runs+=("$(echo "$big_posts / ($big - $one)" | bc -l)")
        predict_cpu+=("$(echo "$big_posts / ($big_cpu - $one_cpu)" | bc -l)")
    done
    printf '{"peer": "fasttext", "dataset": "%s", "train_seconds": %.2f, "train_cpu_seconds": %.2f, "train_runs": [%s], "predict_posts_per_second": %.0f, "predict_posts_per_cpu_second": %.0f, "predict_runs": [%s], "train_threads": %s, "args": "%s", "test": %s}\n' \
        "$dataset" "$(median "${train_runs[@]}")" "$(median "${train_cpu[@]}")" \
        "$(IFS=,; echo "${train_runs[*]}")" "$(median "${predict_runs[@]}")" \
        "$(median "${predict_cpu[@]}")" "$(printf '%.0f,' "${predict_runs[@]}" | sed 's/,$//')" \
        "$threads" "$fasttext_args" "$quality"
done

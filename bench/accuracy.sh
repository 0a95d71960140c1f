#!/usr/bin/env bash
# Accuracy benchmark: Sentinela's default recipe vs. TF-IDF + LR, tuned fastText and a PyTorch
# BiLSTM on the shared datasets, and (--curve) the learning curve over label counts. The driver is
# bench/accuracy.py (its --help says what runs, the options and how long a full run takes).
# Uses /usr/bin/python3: Debian's scikit-learn, torch and matplotlib are installed for it
# (bench/install-peers.sh). NICE=19 runs it at the lowest priority on a shared machine.
#   bench/accuracy.sh --curve --out results.jsonl --markdown accuracy.md     # everything
#   bench/accuracy.sh --datasets hatebr --seeds 1 --arms sentinela tfidf_lr  # a quick subset
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python=/usr/bin/python3
"$python" -c "import sklearn, torch, matplotlib" 2>/dev/null \
    || echo "accuracy.sh: a peer's Python package is missing (bench/install-peers.sh)" >&2
command -v fasttext >/dev/null || echo "accuracy.sh: fasttext is missing (bench/install-peers.sh)" >&2
exec nice -n "${NICE:-0}" "$python" "$here/accuracy.py" "$@"

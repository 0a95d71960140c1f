#!/usr/bin/python3
"""fastText supervised, tuned on the validation file: the peer of the accuracy benchmark.

Same word tokens as bench/peers/fasttext_peer.sh and torch_lstm.py (lower-cased, punctuation split
from words). Trains on --train for every point of a small grid (lr x epoch x wordNgrams; dim 100,
minCount 1, softmax loss, fastText's other defaults), picks the point with the best validation
metric (macro recall for a task whose file path contains "sentiment", otherwise macro-F1; --metric
overrides), and scores --test once with it. Needs the `fasttext` program (bench/install-peers.sh).

Prints one JSON line per grid point ({"grid": {...}, "val": {...}}) and a final line with
"chosen", "val", "test" (percent: macro_f1, macro_recall, accuracy), "train_seconds" (wall clock
of the chosen point's training), "tune_seconds" (the whole grid), "model_bytes" (model.bin on
disk) and "predict_posts_per_second" (`fasttext predict` over the test set repeated to >=
--predict-posts posts, minus loading the model and predicting one post; one thread).

    bench/peers/fasttext_tuned.py --train T.jsonl --val V.jsonl --test X.jsonl [--seed 1]
        [--threads 2] [--grid small|tiny]
"""
import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from metrics import scores  # bench/peers/metrics.py

WORD = re.compile(r"\w+|[^\w\s]")
GRIDS = {  # lr, epoch, wordNgrams
    "small": list(itertools.product([0.1, 0.5, 1.0], [5, 25], [1, 2])),
    "tiny": [(0.5, 5, 1)],  # to test the script
}


def convert(src, dst):
    """JSONL -> "__label__<name> tokens" lines; returns the gold labels."""
    gold = []
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            gold.append(r["label"])
            out.write("__label__" + r["label"] + " " + " ".join(WORD.findall(r["text"].lower()))
                      + "\n")
    return gold


def predict(model, text_file):
    out = subprocess.run(["fasttext", "predict", model, text_file], check=True,
                         capture_output=True, text=True).stdout
    return [l.strip().removeprefix("__label__") for l in out.splitlines()]


def predict_rate(model, test_file, work, min_posts):
    lines = open(test_file, encoding="utf-8").readlines()
    copies = max(1, -(-min_posts // len(lines)))
    big, one = os.path.join(work, "big.txt"), os.path.join(work, "one.txt")
    with open(big, "w", encoding="utf-8") as f:
        f.writelines(lines * copies)
    with open(one, "w", encoding="utf-8") as f:
        f.write(lines[0])

    def wall(path):
        start = time.perf_counter()
        subprocess.run(["fasttext", "predict", model, path], check=True,
                       stdout=subprocess.DEVNULL)
        return time.perf_counter() - start

    return round(len(lines) * copies / max(1e-9, wall(big) - wall(one)), 1)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--train", required=True)
    p.add_argument("--val", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--metric", choices=["macro_f1", "macro_recall"])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--grid", choices=sorted(GRIDS), default="small")
    p.add_argument("--predict-posts", type=int, default=50000)
    a = p.parse_args()
    metric = a.metric or ("macro_recall" if "sentiment" in a.train else "macro_f1")

    with tempfile.TemporaryDirectory(prefix="fasttext_tuned.") as work:
        files = {s: os.path.join(work, s + ".txt") for s in ("train", "val", "test")}
        convert(a.train, files["train"])
        val_gold = convert(a.val, files["val"])
        test_gold = convert(a.test, files["test"])
        best = None
        tune_start = time.perf_counter()
        for i, (lr, epoch, ngrams) in enumerate(GRIDS[a.grid]):
            prefix = os.path.join(work, f"model{i}")
            start = time.perf_counter()
            subprocess.run(["fasttext", "supervised", "-input", files["train"], "-output", prefix,
                            "-lr", str(lr), "-epoch", str(epoch), "-wordNgrams", str(ngrams),
                            "-dim", "100", "-minCount", "1", "-loss", "softmax",
                            "-thread", str(a.threads), "-seed", str(a.seed), "-verbose", "0"],
                           check=True)
            seconds = time.perf_counter() - start
            if os.path.exists(prefix + ".vec"):
                os.remove(prefix + ".vec")  # word vectors: not part of the classifier
            val = scores(val_gold, predict(prefix + ".bin", files["val"]))
            grid = {"lr": lr, "epoch": epoch, "wordNgrams": ngrams}
            print(json.dumps({"peer": "fasttext", "grid": grid, "val": val,
                              "train_seconds": round(seconds, 2)}), flush=True)
            if best is None or val[metric] > best["val"][metric]:
                if best:
                    os.remove(best["model"])
                best = {"grid": grid, "val": val, "seconds": seconds, "model": prefix + ".bin"}
            else:
                os.remove(prefix + ".bin")  # wordNgrams 2 models are ~800 MB (2M buckets)
        tune_seconds = time.perf_counter() - tune_start
        test = scores(test_gold, predict(best["model"], files["test"]))
        print(json.dumps({
            "peer": "fasttext", "train": a.train, "train_posts": len(open(files["train"]).readlines()),
            "chosen": best["grid"], "selected_on": metric, "val": best["val"], "test": test,
            "train_seconds": round(best["seconds"], 2), "tune_seconds": round(tune_seconds, 2),
            "model_bytes": os.path.getsize(best["model"]),
            "predict_posts_per_second": predict_rate(best["model"], files["test"], work,
                                                     a.predict_posts),
            "threads": a.threads, "seed": a.seed}), flush=True)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Draws the few-labels protocol's training and validation files from a shared dataset.

An analyst has a few hundred labels, not the whole train split. This draws N posts from train.jsonl,
stratified by label (each label keeps its share, at least one post), and a small stratified
validation set from val.jsonl of clamp(N / 5, 60, 200) posts (at least two per label), both with a
fixed seed, and writes them as OUT/train.jsonl and OUT/val.jsonl (same format as the shared files).
The test split is not touched: evaluate on the full DATASET/test.jsonl.

    bench/draw_labels.py ../shared/data/hatebr 300 1 /tmp/hatebr-300-1
"""
import json
import os
import random
import sys
from collections import defaultdict


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def stratified(rows, n, rng, minimum):
    by_label = defaultdict(list)
    for row in rows:
        by_label[row["label"]].append(row)
    labels = sorted(by_label)
    total = len(rows)
    counts = {l: max(minimum, round(n * len(by_label[l]) / total)) for l in labels}
    # Rounding can miss n by a post or two: adjust the largest labels.
    while sum(counts.values()) > n:
        counts[max(labels, key=lambda l: counts[l])] -= 1
    while sum(counts.values()) < n:
        counts[max(labels, key=lambda l: len(by_label[l]) - counts[l])] += 1
    drawn = []
    for l in labels:
        pool = list(by_label[l])
        rng.shuffle(pool)
        drawn.extend(pool[: counts[l]])
    rng.shuffle(drawn)
    return drawn


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: draw_labels.py DATASET_DIR N SEED OUT_DIR")
    data, n, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(f"sentinela-few-labels-{n}-{seed}")
    train = stratified(read(os.path.join(data, "train.jsonl")), n, rng, 1)
    val_size = max(60, min(200, n // 5))
    val = stratified(read(os.path.join(data, "val.jsonl")), val_size, rng, 2)
    os.makedirs(out, exist_ok=True)
    for name, rows in (("train.jsonl", train), ("val.jsonl", val)):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{out}: train {len(train)}, val {len(val)}")


if __name__ == "__main__":
    main()

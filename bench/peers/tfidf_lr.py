#!/usr/bin/python3
"""TF-IDF + logistic regression, the linear peer of Sentinela's wide branch (docs/benchmarks.md).

Features: word unigrams+bigrams and char_wb 2-5 grams (sublinear tf, idf fitted on train, L2
normalised, each block separately, then stacked). LogisticRegression (liblinear for two labels,
lbfgs multinomial otherwise) with C chosen on the validation file from a small grid;
class_weight="balanced" when the largest class has >= 1.5x the posts of the smallest (as
Sentinela's ClassWeighting::kAuto). Prints one JSON line per C tried (val) and one for the chosen C
(val and test, once). Needs scikit-learn (apt: python3-sklearn; run with /usr/bin/python3).

    bench/peers/tfidf_lr.py --train T.jsonl --val V.jsonl --test X.jsonl [--metric macro_f1]
    bench/peers/tfidf_lr.py --data ../shared/data/hatebr     (its train/val/test.jsonl)
"""
import argparse
import json
import os
import sys
from collections import Counter

import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, recall_score

C_GRID = [0.25, 1.0, 4.0, 16.0, 64.0]


def read(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r["text"] for r in rows], [r["label"] for r in rows]


def scores(gold, predicted):
    return {
        "macro_f1": round(100 * f1_score(gold, predicted, average="macro"), 2),
        "macro_recall": round(100 * recall_score(gold, predicted, average="macro"), 2),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", help="folder with train/val/test.jsonl")
    p.add_argument("--train")
    p.add_argument("--val")
    p.add_argument("--test")
    p.add_argument("--metric", choices=["macro_f1", "macro_recall"],
                   help="what C is chosen on (default: macro_recall for sentiment, else macro_f1)")
    a = p.parse_args()
    if a.data:
        a.train = a.train or os.path.join(a.data, "train.jsonl")
        a.val = a.val or os.path.join(a.data, "val.jsonl")
        a.test = a.test or os.path.join(a.data, "test.jsonl")
    if not (a.train and a.val and a.test):
        p.error("give --data, or --train, --val and --test")
    metric = a.metric or ("macro_recall" if "sentiment" in a.train else "macro_f1")

    train_x, train_y = read(a.train)
    val_x, val_y = read(a.val)
    test_x, test_y = read(a.test)
    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    features = lambda texts, fit=False: sp.hstack([
        (words.fit_transform if fit else words.transform)(texts),
        (chars.fit_transform if fit else chars.transform)(texts),
    ]).tocsr()
    train_f = features(train_x, fit=True)
    val_f, test_f = features(val_x), features(test_x)

    counts = Counter(train_y)
    balanced = max(counts.values()) >= 1.5 * min(counts.values())
    solver = "liblinear" if len(counts) == 2 else "lbfgs"
    common = {"peer": "tfidf_lr", "train": a.train, "train_posts": len(train_x),
              "features": train_f.shape[1], "class_weight": "balanced" if balanced else None}
    best = None
    for c in C_GRID:
        model = LogisticRegression(C=c, solver=solver, max_iter=2000,
                                   class_weight="balanced" if balanced else None)
        model.fit(train_f, train_y)
        val = scores(val_y, model.predict(val_f))
        print(json.dumps({**common, "C": c, "val": val}), flush=True)
        if best is None or val[metric] > best[1][metric]:
            best = (model, val, c)
    model, val, c = best
    test = scores(test_y, model.predict(test_f))
    print(json.dumps({**common, "chosen_C": c, "selected_on": metric, "val": val, "test": test}))


if __name__ == "__main__":
    sys.exit(main())

"""Macro-F1, macro recall and accuracy in percent (as bench/peers/tfidf_lr.py reports them),
standard library only, for the peers of bench/accuracy.py."""


def scores(gold, predicted):
    labels = sorted(set(gold))
    f1s, recalls = [], []
    for c in labels:
        tp = sum(g == c and p == c for g, p in zip(gold, predicted))
        fp = sum(g != c and p == c for g, p in zip(gold, predicted))
        fn = sum(g == c and p != c for g, p in zip(gold, predicted))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
        recalls.append(tp / (tp + fn) if tp + fn else 0.0)
    return {"macro_f1": round(100 * sum(f1s) / len(f1s), 2),
            "macro_recall": round(100 * sum(recalls) / len(recalls), 2),
            "accuracy": round(100 * sum(g == p for g, p in zip(gold, predicted)) / len(gold), 2)}

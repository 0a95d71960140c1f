#!/usr/bin/python3
"""PyTorch BiLSTM of Sentinela's default shape, trained to convergence: the accuracy peer.

torch_lstm.py times this network; this script trains it for accuracy, on the same recipe as far
as a word-level model allows: the 8,000 most frequent lower-cased words of --train (torch_lstm.py's
tokenisation, at most 128 tokens per post), embedding 128 (dropout 0.25) -> BiLSTM 128 per
direction -> attention pooling over real tokens (--pooling max: max pooling) -> dropout 0.4 ->
dense -> softmax. Adam lr 1e-3, batch 32 (length-bucketed batches, shuffled every epoch), up to
--epochs 12, early stopping with --patience 3 on the validation metric (macro recall when the
--train path contains "sentiment", otherwise macro-F1; --metric overrides), best epoch restored;
class weights "balanced" (n / (k * n_class)) when the largest class has >= 1.5x the posts of the
smallest, as Sentinela's default.

Prints one JSON line per epoch and a final line with "val" and "test" (percent: macro_f1,
macro_recall, accuracy; test scored once, with the restored epoch), "best_epoch", "epochs_run",
"train_seconds" (wall clock, validation passes included, as Sentinela's), "model_bytes"
(torch.save of the weights and the vocabulary) and "predict_posts_per_second" (eval mode, no_grad,
batch 256, tokenising included, over the test set repeated to >= --predict-posts posts).

    bench/peers/torch_bilstm_accuracy.py --train T.jsonl --val V.jsonl --test X.jsonl
        [--seed 1] [--threads 2] [--epochs 12] [--patience 3]
Needs python3-torch (bench/install-peers.sh); run with /usr/bin/python3.
"""
import argparse
import collections
import copy
import json
import os
import random
import sys
import tempfile
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # torch_lstm.py: 2 torch x 1 BLAS trains best

import torch  # noqa: E402

from metrics import scores  # noqa: E402  bench/peers/metrics.py
from torch_lstm import VOCABULARY, build_model, bucketed_batches, read_posts, tokenize  # noqa: E402


def vocabulary(texts):
    counts = collections.Counter(w for t in texts for w in tokenize(t))
    return {w: i + 2 for i, (w, _) in enumerate(counts.most_common(VOCABULARY - 2))}


def encode(texts, vocab):
    return [[vocab.get(w, 1) for w in tokenize(t)] or [1] for t in texts]  # 0 pad, 1 unknown


def predict(model, ids, batch=256):
    """Label ids in the input's order; posts sorted by length so batches carry little padding."""
    model.eval()
    out = [0] * len(ids)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    with torch.no_grad():
        for start in range(0, len(order), batch):
            chunk = order[start:start + batch]
            lengths = torch.tensor([len(ids[i]) for i in chunk])
            tokens = torch.zeros(len(chunk), int(lengths.max()), dtype=torch.long)
            for row, i in enumerate(chunk):
                tokens[row, :len(ids[i])] = torch.tensor(ids[i])
            best = torch.softmax(model(tokens, lengths), dim=1).argmax(dim=1).tolist()
            for i, label in zip(chunk, best):
                out[i] = label
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--train", required=True)
    p.add_argument("--val", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--metric", choices=["macro_f1", "macro_recall"])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--patience", type=int, default=3)
    p.add_argument("--predict-posts", type=int, default=10000)
    p.add_argument("--pooling", choices=["attention", "max"], default="attention")
    a = p.parse_args()
    metric = a.metric or ("macro_recall" if "sentiment" in a.train else "macro_f1")
    torch.set_num_threads(a.threads)

    train_x, train_names = read_posts(a.train)
    val_x, val_names = read_posts(a.val)
    test_x, test_names = read_posts(a.test)
    labels = sorted(set(train_names))
    label_id = {n: i for i, n in enumerate(labels)}
    start = time.perf_counter()
    vocab = vocabulary(train_x)
    train_ids, val_ids = encode(train_x, vocab), encode(val_x, vocab)
    batches = bucketed_batches(train_ids, [label_id[n] for n in train_names], 32)
    counts = collections.Counter(train_names)
    balanced = max(counts.values()) >= 1.5 * min(counts.values())
    weight = (torch.tensor([len(train_names) / (len(labels) * counts[n]) for n in labels])
              if balanced else None)

    model = build_model(len(labels), a.pooling)  # seeds 42 inside; re-initialise with our seed
    torch.manual_seed(a.seed)
    for module in model.modules():
        if hasattr(module, "reset_parameters"):
            module.reset_parameters()
    rng = random.Random(a.seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
    best, since_best, epochs_run = None, 0, 0
    for epoch in range(1, a.epochs + 1):
        model.train()
        rng.shuffle(batches)
        total = 0.0
        for tokens, lengths, gold in batches:
            optimizer.zero_grad()
            loss = loss_fn(model(tokens, lengths), gold)
            loss.backward()
            optimizer.step()
            total += float(loss) * len(lengths)
        val = scores(val_names, [labels[i] for i in predict(model, val_ids)])
        epochs_run = epoch
        improved = best is None or val[metric] > best["val"][metric]
        print(json.dumps({"peer": "torch_bilstm", "epoch": epoch,
                          "train_loss": round(total / len(train_ids), 4), "val": val,
                          "best": improved}), flush=True)
        if improved:
            best = {"epoch": epoch, "val": val, "state": copy.deepcopy(model.state_dict())}
            since_best = 0
        else:
            since_best += 1
            if since_best >= a.patience:
                break
    train_seconds = time.perf_counter() - start
    model.load_state_dict(best["state"])
    test = scores(test_names, [labels[i] for i in predict(model, encode(test_x, vocab))])

    with tempfile.TemporaryDirectory(prefix="torch_bilstm.") as work:
        path = os.path.join(work, "model.pt")
        torch.save({"state_dict": model.state_dict(), "vocab": vocab, "labels": labels}, path)
        model_bytes = os.path.getsize(path)
    copies = max(1, -(-a.predict_posts // len(test_x)))
    start = time.perf_counter()
    for _ in range(copies):
        predict(model, encode(test_x, vocab))
    rate = copies * len(test_x) / (time.perf_counter() - start)

    print(json.dumps({
        "peer": "torch_bilstm", "train": a.train, "train_posts": len(train_x),
        "selected_on": metric, "class_weight": "balanced" if balanced else None,
        "best_epoch": best["epoch"], "epochs_run": epochs_run, "val": best["val"], "test": test,
        "train_seconds": round(train_seconds, 2), "model_bytes": model_bytes,
        "predict_posts_per_second": round(rate, 1), "threads": a.threads, "seed": a.seed,
        "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Peer benchmark: PyTorch's nn.LSTM text classifier of the same shape as Sentinela's default
network, timed for inference and for training on tweeteval-offensive posts.

Shape (model/network_config.h defaults): embedding 128 -> bidirectional LSTM, 128 per direction
-> attention pooling over the post's real tokens (padding masked out; sequences packed: additive
attention, softmax over v' tanh(W y + b), W 64 x 256; --pooling max for max pooling) -> dropout
0.4 -> dense -> softmax (cross-entropy). Embedding dropout 0.25. Vocabulary: the 8,000 most frequent
lower-cased words of train.jsonl (ids 0 = pad, 1 = unknown), at most 128 tokens per post.
Batches are length-bucketed like Sentinela's trainer (posts sorted by length, then cut).

Measures, for every combination of torch.set_num_threads in {1, 2} and OPENBLAS_NUM_THREADS in
{1, 2} (each in a fresh process, since OpenBLAS reads the variable at load time):
  (a) inference posts/s: eval mode, torch.no_grad(), batch 64, 128 and 256;
  (b) training posts/s: forward + backward + Adam step, batch 32 (Sentinela's default) and 64.
Each is the median of --repeats runs, in wall-clock posts/s and in posts per CPU-second of the
process (less sensitive to other programs on a shared machine; for 2 threads it counts both
threads' time, spin-waiting included). Prints one JSON line per measurement, then one "best" line
per mode. Run: bench/peers/torch_lstm.py [--data DIR] [--repeats 5]
Needs python3-torch and libopenblas0-pthread (bench/install-peers.sh); uses /usr/bin/python3
because Debian's torch is installed for the system Python.
"""
import argparse
import collections
import json
import os
import re
import statistics
import subprocess
import sys
import time

VOCABULARY = 8000
MAX_TOKENS = 128
WORD = re.compile(r"\w+|[^\w\s]")


def read_posts(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            texts.append(record["text"])
            labels.append(record["label"])
    return texts, labels


def tokenize(text):
    return WORD.findall(text.lower())[:MAX_TOKENS]


def encode(texts):
    counts = collections.Counter(w for t in texts for w in tokenize(t))
    vocab = {w: i + 2 for i, (w, _) in enumerate(counts.most_common(VOCABULARY - 2))}
    return [[vocab.get(w, 1) for w in tokenize(t)] or [1] for t in texts]


def bucketed_batches(ids, labels, batch_size):
    import torch

    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    batches = []
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        lengths = torch.tensor([len(ids[i]) for i in chunk])
        tokens = torch.zeros(len(chunk), int(lengths.max()), dtype=torch.long)
        for row, i in enumerate(chunk):
            tokens[row, :len(ids[i])] = torch.tensor(ids[i])
        batches.append((tokens, lengths, torch.tensor([labels[i] for i in chunk])))
    return batches


def build_model(classes, pooling):
    import torch
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    class LstmClassifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(VOCABULARY, 128, padding_idx=0)
            self.embedding_dropout = nn.Dropout(0.25)
            self.lstm = nn.LSTM(128, 128, batch_first=True, bidirectional=True)
            self.output_dropout = nn.Dropout(0.4)
            self.dense = nn.Linear(256, classes)
            if pooling == "attention":  # Sentinela's kAttention, attentionDim 64
                self.attention = nn.Linear(256, 64)
                self.attention_vector = nn.Linear(64, 1, bias=False)

        def forward(self, tokens, lengths):
            x = self.embedding_dropout(self.embedding(tokens))
            packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            y, _ = pad_packed_sequence(self.lstm(packed)[0], batch_first=True)
            mask = torch.arange(y.shape[1])[None, :] >= lengths[:, None]
            if pooling == "attention":
                scores = self.attention_vector(torch.tanh(self.attention(y))).squeeze(2)
                weights = torch.softmax(scores.masked_fill(mask, float("-inf")), dim=1)
                pooled = torch.bmm(weights[:, None, :], y).squeeze(1)
            else:
                pooled = y.masked_fill(mask[:, :, None], float("-inf")).max(dim=1).values
            return self.dense(self.output_dropout(pooled))  # logits; softmax is in the loss

    torch.manual_seed(42)
    return LstmClassifier()


def time_inference(model, batches):
    import torch

    model.eval()
    start, cpu = time.perf_counter(), time.process_time()
    posts = 0
    with torch.no_grad():
        for tokens, lengths, _ in batches:
            torch.softmax(model(tokens, lengths), dim=1)
            posts += len(lengths)
    return posts / (time.perf_counter() - start), posts / (time.process_time() - cpu), posts / (time.process_time() - cpu)


def time_training(model, batches):
    import torch

    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    start, cpu = time.perf_counter(), time.process_time()
    posts = 0
    for tokens, lengths, gold in batches:
        optimizer.zero_grad()
        loss_fn(model(tokens, lengths), gold).backward()
        optimizer.step()
        posts += len(lengths)
    return posts / (time.perf_counter() - start), posts / (time.process_time() - cpu)


def worker(args):
    """One process: one (torch threads, OpenBLAS threads) combination, every batch size."""
    import random

    import torch

    torch.set_num_threads(args.torch_threads)
    texts, names = read_posts(os.path.join(args.data, "train.jsonl"))
    label_ids = {n: i for i, n in enumerate(sorted(set(names)))}
    ids = encode(texts)
    labels = [label_ids[n] for n in names]
    rng = random.Random(7)
    sample = rng.sample(range(len(ids)), args.posts)
    ids = [ids[i] for i in sample]
    labels = [labels[i] for i in sample]
    model = build_model(len(label_ids), args.pooling)
    common = {"peer": "torch-lstm", "torch": torch.__version__, "pooling": args.pooling,
              "torch_threads": args.torch_threads,
              "openblas_threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")),
              "posts": len(ids), "mean_tokens": round(sum(map(len, ids)) / len(ids), 1)}
    plans = [("inference", b, time_inference) for b in (64, 128, 256)]
    plans += [("training", b, time_training) for b in (32, 64)]
    for mode, batch, timer in plans:
        batches = bucketed_batches(ids if mode == "inference" else ids[:args.train_posts],
                                   labels, batch)
        rng.shuffle(batches)
        timer(model, batches[:2])  # warm-up: allocator, OpenMP pool, OpenBLAS buffers
        runs = [timer(model, batches) for _ in range(args.repeats)]
        wall = [r[0] for r in runs]
        print(json.dumps({**common, "mode": mode, "batch": batch,
                          "posts_per_second": round(statistics.median(wall), 1),
                          "posts_per_cpu_second": round(statistics.median(r[1] for r in runs), 1),
                          "runs": [round(r, 1) for r in wall]}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__),
                                                       "../../../shared/data/tweeteval-offensive"))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--posts", type=int, default=3000, help="posts per inference run")
    parser.add_argument("--train-posts", type=int, default=640, help="posts per training run")
    parser.add_argument("--pooling", choices=["attention", "max"], default="attention",
                        help="attention: Sentinela's default since 2026-12-08; max: before")
    parser.add_argument("--torch-threads", type=int, help=argparse.SUPPRESS)  # worker mode
    args = parser.parse_args()
    if args.torch_threads:
        worker(args)
        return
    results = []
    for torch_threads in (1, 2):
        for blas_threads in (1, 2):
            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(blas_threads),
                       OMP_NUM_THREADS=str(torch_threads))
            out = subprocess.run([sys.executable, __file__, "--torch-threads", str(torch_threads),
                                  "--data", args.data, "--repeats", str(args.repeats),
                                  "--posts", str(args.posts), "--train-posts",
                                  str(args.train_posts), "--pooling", args.pooling],
                                 env=env, check=True, capture_output=True, text=True).stdout
            for line in out.splitlines():
                print(line, flush=True)
                results.append(json.loads(line))
    for mode in ("inference", "training"):
        best = max((r for r in results if r["mode"] == mode), key=lambda r: r["posts_per_second"])
        print(json.dumps({"best": mode, **{k: best[k] for k in (
            "posts_per_second", "posts_per_cpu_second", "batch", "torch_threads",
            "openblas_threads", "mean_tokens")}}),
            flush=True)


if __name__ == "__main__":
    main()

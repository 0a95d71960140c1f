#!/usr/bin/python3
"""Peer benchmark for `sentinela pretrain`: a PyTorch language model of the same shape, timed in
tokens per second of training.

Shape (model/pretrainer.h defaults): embedding V x 128 -> one forward and one backward nn.LSTM
of 128 (two separate directions, as a bidirectional LM must not see the token it predicts) ->
dropout 0.1 -> a shared output layer over V ids, trained with the same sampled softmax as
Sentinela (1,024 draws per step from the unigram distribution^0.75, logits corrected by the log
expected count, accidental hits removed); batch 64 posts. Torch at its best: the embedding and the
output layer are sparse embeddings updated by SparseAdam (lr 2e-3), the LSTMs by Adam (lr 2e-3,
gradient clip 1 on them: clip_grad_norm_ takes no sparse gradients).

Input: token ids, one post per line, space-separated (e.g. from `sentinela tokenize --tokenizer
base.encoder --json`, see bench/run_pretrain_bench.sh). Posts are length-bucketed like
Sentinela's (sorted within pools of 50 batches) and packed (no work on padding).

Prints one JSON line: {"peer": "torch", "threads": N, "tokens_per_second": ..., "steps": ...}.
Run: bench/peers/torch_lm.py --ids ids.txt --vocabulary 16000 --seconds 120 --threads 2
Needs python3-torch (bench/install-peers.sh); uses /usr/bin/python3 (Debian's torch).
"""
import argparse
import json
import random
import time

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence


class LanguageModel(nn.Module):
    def __init__(self, vocabulary, dim=128, hidden=128, dropout=0.1):
        super().__init__()
        # Sparse gradients (SparseAdam) for everything indexed by token id, like Sentinela's lazy
        # updates: torch at its best for a 16,000-token vocabulary.
        self.embedding = nn.Embedding(vocabulary, dim, sparse=True)
        self.forward_lstm = nn.LSTM(dim, hidden, batch_first=True)
        self.backward_lstm = nn.LSTM(dim, hidden, batch_first=True)
        self.dropout = nn.Dropout(dropout)
        self.out_weight = nn.Embedding(vocabulary, hidden, sparse=True)
        nn.init.uniform_(self.out_weight.weight, -hidden**-0.5, hidden**-0.5)
        self.out_bias = nn.Embedding(vocabulary, 1, sparse=True)
        nn.init.zeros_(self.out_bias.weight)

    def states(self, posts):
        """Predicting states and their targets, forward then backward (no Python loop per post)."""
        lengths = torch.tensor([len(p) for p in posts])
        padded = pad_sequence(posts, batch_first=True)
        reversed_ = pad_sequence([p.flip(0) for p in posts], batch_first=True)
        steps = padded.size(1)

        def run(lstm, ids):
            packed = pack_padded_sequence(self.embedding(ids), lengths, batch_first=True,
                                          enforce_sorted=False)
            out, _ = lstm(packed)
            return pad_packed_sequence(out, batch_first=True, total_length=steps)[0]

        forward, backward = run(self.forward_lstm, padded), run(self.backward_lstm, reversed_)
        mask = torch.arange(steps - 1)[None, :] < (lengths - 1)[:, None]
        hidden = torch.cat([forward[:, :-1][mask], backward[:, :-1][mask]])
        targets = torch.cat([padded[:, 1:][mask], reversed_[:, 1:][mask]])
        return self.dropout(hidden), targets

def sampled_loss(model, hidden, targets, samples, log_expected):
    true_logits = (model.out_weight(targets) * hidden).sum(1) + model.out_bias(targets)[:, 0]
    true_logits = true_logits - log_expected[targets]
    sample_logits = hidden @ model.out_weight(samples).t() + model.out_bias(samples)[:, 0]
    sample_logits = sample_logits - log_expected[samples]
    hits = targets.unsqueeze(1) == samples.unsqueeze(0)
    sample_logits = sample_logits.masked_fill(hits, float("-inf"))
    logits = torch.cat([true_logits.unsqueeze(1), sample_logits], 1)
    return nn.functional.cross_entropy(logits, torch.zeros(len(targets), dtype=torch.long))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ids", required=True)
    parser.add_argument("--vocabulary", type=int, default=16000)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--draws", type=int, default=1024)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    posts = []
    with open(args.ids) as f:
        for line in f:
            ids = [min(int(x), args.vocabulary - 1) for x in line.split()][:128]
            if len(ids) >= 2:
                posts.append(torch.tensor(ids))
    counts = torch.zeros(args.vocabulary)
    for p in posts:
        counts.index_add_(0, p, torch.ones(len(p)))
    weights = counts.pow(0.75)
    q = weights / weights.sum()
    log_expected = torch.log((-torch.expm1(args.draws * torch.log1p(-q))).clamp_min(1e-12))
    random.seed(1)
    random.shuffle(posts)
    batches = []
    pool = 64 * 50
    for begin in range(0, len(posts), pool):
        chunk = sorted(posts[begin : begin + pool], key=len)
        batches += [chunk[i : i + 64] for i in range(0, len(chunk), 64)]
    random.shuffle(batches)
    model = LanguageModel(args.vocabulary)
    sparse = [model.embedding.weight, model.out_weight.weight, model.out_bias.weight]
    dense = [p for p in model.parameters() if all(p is not q for q in sparse)]
    optimizers = [torch.optim.SparseAdam(sparse, lr=2e-3), torch.optim.Adam(dense, lr=2e-3)]
    tokens = steps = 0
    warmup = 5
    start = None
    while True:
        for batch in batches:
            if steps == warmup:
                start, tokens = time.perf_counter(), 0
            samples = torch.multinomial(weights, args.draws, replacement=True).unique()
            hidden, targets = model.states(batch)
            loss = sampled_loss(model, hidden, targets, samples, log_expected)
            for optimizer in optimizers:
                optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(dense, 1.0)  # clip_grad_norm_ does not take sparse grads
            for optimizer in optimizers:
                optimizer.step()
            tokens += sum(len(p) for p in batch)
            steps += 1
            if start is not None and time.perf_counter() - start > args.seconds:
                elapsed = time.perf_counter() - start
                print(json.dumps({"peer": "torch", "threads": args.threads,
                                  "tokens_per_second": round(tokens / elapsed),
                                  "steps": steps - warmup, "loss": round(float(loss), 3),
                                  "torch": torch.__version__}))
                return


if __name__ == "__main__":
    main()

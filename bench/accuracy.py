#!/usr/bin/python3
"""Accuracy benchmark: Sentinela's default recipe against its peers on the same splits.

1. Full-data table (default): for each dataset, trains every arm on the full train split, selects
   on val, scores test once per run, over several seeds:
     sentinela     `sentinela train` with no extra flags (the base encoder when it ships)
     scratch       `sentinela train --encoder none`
     NAME          any --variant NAME='extra sentinela train flags'
     tfidf_lr      bench/peers/tfidf_lr.py (word 1-2 + char_wb 2-5 TF-IDF, logistic regression, C on val)
     fasttext      bench/peers/fasttext_tuned.py (lr x epoch x wordNgrams grid chosen on val)
     torch_bilstm  bench/peers/torch_bilstm_accuracy.py (same shape, early stopping on val)
   Reports mean ± sd over seeds of the test metric (macro-F1; macro recall for sentiment, with its
   macro-F1 beside), the val metric, training wall seconds, model bytes on disk and predict posts/s.
2. Learning curve (--curve): tweeteval-offensive and hatebr, 100 / 300 / 1,000 / 3,000 labels
   drawn by bench/draw_labels.py (the seed draws the labels too) and "all" (the full splits; these
   runs are the table's own and are shared with it), for sentinela ("pretrained"), scratch and
   tfidf_lr, tested on the full test split: a table and a PNG (--png, docs/learning_curve.png).

Every run is one JSON line appended to --out; a run already there (same dataset, labels, arm, seed
and recipe: flags, --config content, threads, `sentinela --version`, peer settings and the peer
script's content) is skipped, so an interrupted benchmark resumes where it stopped: run the same
command again. Tables and the PNG are built from --out for the runs of the current selection
(--report-only: without running anything). Metrics are in percent.

Cost, estimated from the quiet-machine times in docs/benchmarks.md (2 threads) and tiny runs of
this script; per seed, all three datasets:
  sentinela and scratch, each ~6 min (~60 s offensive, ~20 s hatebr, ~270 s sentiment; the
  pretrained encoder may change this); tfidf_lr ~10 min (5 values of C; sentiment's 47k posts the
  longest); fasttext ~5 min (12 grid points); torch_bilstm ~25-30 min (~300-500 training posts/s,
  up to 12 epochs: sentiment alone ~20 min). Full table, 3 seeds: about 3 hours on a quiet
  machine (2.5-4), half of it torch. The curve adds ~15 min for 3 seeds (its "all" points are the
  table's runs). On a loaded machine, multiply by the load.
  Quick subsets:
    bench/accuracy.sh --datasets hatebr --seeds 1 --arms sentinela tfidf_lr        # ~2 min
    bench/accuracy.sh --curve-only --sizes 100 300 --seeds 1 --curve-datasets hatebr
    bench/accuracy.sh --datasets hatebr --seeds 1 --config quick.json --torch-epochs 2 --fasttext-grid tiny
  (quick.json holds e.g. {"epochs": 2}; runs with other settings get other keys in --out.)
"""
import argparse
import hashlib
import json
import math
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

from accuracy_report import curve_png, curve_table, full_table, metric_of  # bench/

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = ["tweeteval-offensive", "hatebr", "tweeteval-sentiment"]
CURVE_DATASETS = ["tweeteval-offensive", "hatebr"]
PEERS = ["tfidf_lr", "fasttext", "torch_bilstm"]
SEEDLESS = {"tfidf_lr"}  # peers that take no seed (the seed only draws the few-label splits)


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(command, **kwargs):
    """Runs a command; returns (stdout, wall seconds). Raises with stderr's tail on failure."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(command)} exited {done.returncode}:\n"
                           + done.stderr[-2000:])
    return done.stdout, seconds


def last_json(stdout, field):
    """The last JSON line of a peer's output that has `field`."""
    for line in reversed(stdout.splitlines()):
        if line.startswith("{"):
            record = json.loads(line)
            if field in record:
                return record
    raise RuntimeError(f"no JSON line with {field!r} in:\n{stdout[-2000:]}")


def file_hash(path):
    """A peer script's identity in a run's key: an edited peer runs again."""
    with open(path, "rb") as f:
        return hashlib.sha1(f.read()).hexdigest()[:12]


def percent(metrics):
    return {k: round(100 * metrics[k], 2) for k in ("macro_f1", "macro_recall", "accuracy")}


class Bench:
    def __init__(self, args):
        self.a = args
        self.work = args.work or tempfile.mkdtemp(prefix="sentinela-accuracy.")
        os.makedirs(os.path.join(self.work, "models"), exist_ok=True)
        self.version = run([args.sentinela, "--version"])[0].strip()
        self.variants = {"scratch": ["--encoder", "none"]}
        for spec in args.variant:
            name, _, flags = spec.partition("=")
            if not name or name in PEERS or name == "sentinela":
                sys.exit(f"--variant {spec!r}: give NAME='flags', NAME not a peer nor sentinela")
            self.variants[name] = shlex.split(flags)
        self.done = {}
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        if os.path.exists(args.out):
            with open(args.out, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        record = json.loads(line)
                        self.done[record["key"]] = record

    # --- what a run is -------------------------------------------------------------------------
    def recipe(self, arm):
        a = self.a
        if arm == "tfidf_lr":
            return {"script": file_hash(a.tfidf_script)}
        if arm == "fasttext":
            return {"grid": a.fasttext_grid, "threads": a.threads,
                    "script": file_hash(os.path.join(HERE, "peers", "fasttext_tuned.py"))}
        if arm == "torch_bilstm":
            return {"epochs": a.torch_epochs, "patience": 3, "threads": a.threads,
                    "script": file_hash(os.path.join(HERE, "peers", "torch_bilstm_accuracy.py"))}
        config = self.config_file(arm)
        return {"flags": self.variants.get(arm, []), "threads": a.threads, "sentinela": self.version,
                "config": open(config, encoding="utf-8").read() if config else None}

    def config_file(self, arm):
        """The TrainConfig file of a Sentinela arm: its own --config, else the global one."""
        flags = self.variants.get(arm, [])
        for i, flag in enumerate(flags):
            if flag == "--config" and i + 1 < len(flags):
                return flags[i + 1]
            if flag.startswith("--config="):
                return flag.partition("=")[2]
        return self.a.config

    def key(self, dataset, labels, arm, seed):
        if arm in SEEDLESS and labels == "all":
            seed = None  # the same inputs give the same run: one run stands for every seed
        text = json.dumps([dataset, labels, arm, seed, self.recipe(arm)], sort_keys=True)
        return hashlib.sha1(text.encode()).hexdigest()[:16]

    def splits(self, dataset, labels, seed):
        data = os.path.join(self.a.data, dataset)
        test = os.path.join(data, "test.jsonl")
        if labels == "all":
            return os.path.join(data, "train.jsonl"), os.path.join(data, "val.jsonl"), test
        out = os.path.join(self.work, "draws", f"{dataset}-{labels}-{seed}")
        if not os.path.exists(os.path.join(out, "val.jsonl")):
            run([sys.executable, os.path.join(HERE, "draw_labels.py"), data, str(labels),
                 str(seed), out])
        return os.path.join(out, "train.jsonl"), os.path.join(out, "val.jsonl"), test

    # --- the arms ------------------------------------------------------------------------------
    def sentinela(self, arm, dataset, train, val, test, seed, key):
        a = self.a
        model = os.path.join(self.work, "models", key + ".model")
        command = [a.sentinela, "train", "--train", train, "--val", val, "--task", dataset,
                   "--out", model, "--threads", str(a.threads), "--seed", str(seed), "--json"]
        flags = self.variants.get(arm, [])
        if a.config and self.config_file(arm) == a.config:  # a variant's own --config wins
            command += ["--config", a.config]
        out, seconds = run(command + flags)
        trained = json.loads(out)
        tested = json.loads(run([a.sentinela, "eval", model, test, "--json"])[0])["metrics"]
        return {"val": percent(trained["val_metrics"]), "test": percent(tested),
                "train_seconds": round(seconds, 2), "model_bytes": os.path.getsize(model),
                "predict_posts_per_second": self.sentinela_rate(model, test),
                "train_posts": trained["train_examples"],
                "details": {"encoder": trained.get("encoder", ""),
                            "epochs_run": trained.get("epochs_run"),
                            "best_epoch": trained.get("best_epoch"),
                            "trainer_seconds": round(trained.get("seconds", 0), 2)}}

    def sentinela_rate(self, model, test):
        """`sentinela eval` over the test set repeated to >= --predict-posts posts, minus eval of
        one post (loading the model): posts/s of tokenising + classifying, metrics included."""
        lines = open(test, encoding="utf-8").readlines()
        copies = max(1, math.ceil(self.a.predict_posts / len(lines)))
        big = os.path.join(self.work, f"predict-{os.path.basename(os.path.dirname(test))}.jsonl")
        one = big.replace(".jsonl", "-one.jsonl")
        if not os.path.exists(one):
            with open(big, "w", encoding="utf-8") as f:
                f.writelines(lines * copies)
            with open(one, "w", encoding="utf-8") as f:
                f.write(lines[0])
        many = run([self.a.sentinela, "eval", model, big, "--json"])[1]
        single = run([self.a.sentinela, "eval", model, one, "--json"])[1]
        return round(len(lines) * copies / max(1e-6, many - single), 1)

    def peer(self, arm, dataset, train, val, test, seed):
        a = self.a
        common = ["--train", train, "--val", val, "--test", test, "--metric", metric_of(dataset)]
        if arm == "tfidf_lr":
            command = [sys.executable, a.tfidf_script] + common
        elif arm == "fasttext":
            command = [sys.executable, os.path.join(HERE, "peers", "fasttext_tuned.py"), *common,
                       "--seed", str(seed), "--threads", str(a.threads), "--grid", a.fasttext_grid,
                       "--predict-posts", str(a.predict_posts)]
        else:
            command = [sys.executable, os.path.join(HERE, "peers", "torch_bilstm_accuracy.py"),
                       *common, "--seed", str(seed), "--threads", str(a.threads), "--epochs",
                       str(a.torch_epochs), "--predict-posts", str(a.predict_posts)]
        out, seconds = run(command)
        r = last_json(out, "test")
        known = {"val", "test", "train_seconds", "model_bytes", "predict_posts_per_second",
                 "train_posts"}
        return {"val": r["val"], "test": r["test"],
                # tfidf_lr.py may not time itself: then the whole script's wall clock (features,
                # the C grid and predicting val and test) stands for its training time.
                "train_seconds": r.get("train_seconds", round(seconds, 2)),
                "model_bytes": r.get("model_bytes"),
                "predict_posts_per_second": r.get("predict_posts_per_second"),
                "train_posts": r.get("train_posts"),
                "details": {k: v for k, v in r.items() if k not in known and k != "train"}
                | {"script_seconds": round(seconds, 2)}}

    # --- running -------------------------------------------------------------------------------
    def plan(self):
        jobs = []
        if not self.a.curve_only:
            for dataset in self.a.datasets:
                for arm in self.a.arms:
                    jobs += [(dataset, "all", arm, seed) for seed in self.a.seeds]
        if self.a.curve or self.a.curve_only:
            for dataset in self.a.curve_datasets:
                for arm in self.a.curve_arms:
                    for size in self.a.sizes:
                        jobs += [(dataset, size, arm, seed) for seed in self.a.seeds]
        unique = []
        for job in jobs:
            if job not in unique:
                unique.append(job)
        return unique

    def run_all(self):
        jobs = self.plan()
        failures = 0
        for i, (dataset, labels, arm, seed) in enumerate(jobs, 1):
            key = self.key(dataset, labels, arm, seed)
            name = f"[{i}/{len(jobs)}] {dataset} labels={labels} {arm} seed={seed}"
            if key in self.done:
                log(f"{name}: in {self.a.out}, skipped")
                continue
            log(f"{name} ...")
            try:
                train, val, test = self.splits(dataset, labels, seed)
                if arm in PEERS:
                    result = self.peer(arm, dataset, train, val, test, seed)
                else:
                    result = self.sentinela(arm, dataset, train, val, test, seed, key)
            except Exception as e:  # one failed run does not stop the benchmark
                log(f"{name}: FAILED: {e}")
                failures += 1
                continue
            record = {"key": key, "dataset": dataset, "labels": labels, "arm": arm, "seed": seed,
                      "metric": metric_of(dataset), **result, "recipe": self.recipe(arm),
                      "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            with open(self.a.out, "a", encoding="utf-8") as f:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.done[key] = record
            m = record["metric"]
            log(f"{name}: test {m} {result['test'][m]:.2f}, val {result['val'][m]:.2f}, "
                f"{result['train_seconds']:.1f} s")
        return jobs, failures

    def records(self, dataset, labels, arm):
        keys = [self.key(dataset, labels, arm, s) for s in self.a.seeds]
        return [self.done[k] for k in keys if k in self.done]



def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n", 2)[2])
    root = os.path.dirname(HERE)
    p.add_argument("--sentinela", default=os.path.join(root, "build/release/app/sentinela"))
    p.add_argument("--data", default=os.path.join(root, "../shared/data"))
    p.add_argument("--datasets", nargs="+", default=DATASETS, choices=DATASETS)
    p.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--variant", action="append", default=[], metavar="NAME='FLAGS'",
                   help="a Sentinela arm: NAME and extra `sentinela train` flags (repeatable)")
    p.add_argument("--arms", nargs="+",
                   help="table arms (default: sentinela scratch, every --variant, then the peers)")
    p.add_argument("--config", help="a TrainConfig JSON passed to every Sentinela training")
    p.add_argument("--curve", action="store_true", help="also run the learning curve")
    p.add_argument("--curve-only", action="store_true", help="only the learning curve")
    p.add_argument("--curve-datasets", nargs="+", default=CURVE_DATASETS, choices=DATASETS)
    p.add_argument("--curve-arms", nargs="+", default=["sentinela", "scratch", "tfidf_lr"])
    p.add_argument("--sizes", nargs="+", default=["100", "300", "1000", "3000", "all"],
                   help="curve label counts; 'all' = the full train and val splits")
    p.add_argument("--out", default=os.path.join(root, "build/accuracy-results.jsonl"),
                   help="results, one JSON line per run, appended (default in build/, ignored)")
    p.add_argument("--markdown", help="also write the tables to this file")
    p.add_argument("--png", default=os.path.join(root, "docs/learning_curve.png"))
    p.add_argument("--work", help="folder for models and draws (default: a new temp folder)")
    p.add_argument("--tfidf-script", default=os.path.join(HERE, "peers", "tfidf_lr.py"))
    p.add_argument("--fasttext-grid", default="small", choices=["small", "tiny"])
    p.add_argument("--torch-epochs", type=int, default=12)
    p.add_argument("--predict-posts", type=int, default=10000,
                   help="posts per inference timing (the test set repeated)")
    p.add_argument("--report-only", action="store_true", help="tables and PNG from --out only")
    a = p.parse_args()
    a.sizes = [s if s == "all" else int(s) for s in a.sizes]
    a.curve_arms = list(dict.fromkeys(a.curve_arms))
    return a


def main():
    a = parse_args()
    named = [v.partition("=")[0] for v in a.variant]
    a.arms = a.arms or ["sentinela", "scratch", *named, *PEERS]
    known = {"sentinela", "scratch", *named, *PEERS}
    for arm in a.arms + a.curve_arms:
        if arm not in known:
            sys.exit(f"unknown arm {arm!r}: one of {', '.join(sorted(known))}")
    planned = set(a.arms if not a.curve_only else []) | set(
        a.curve_arms if a.curve or a.curve_only else [])
    if not a.report_only and "tfidf_lr" in planned and not os.path.exists(a.tfidf_script):
        sys.exit(f"{a.tfidf_script} is missing: give --tfidf-script, or leave tfidf_lr out of the arms")
    if not a.report_only and "fasttext" in planned and shutil.which("fasttext") is None:
        sys.exit("fasttext is missing (bench/install-peers.sh), or leave it out of --arms")
    bench = Bench(a)
    failures = 0
    if not a.report_only:
        failures = bench.run_all()[1]
    lines = [] if a.curve_only else full_table(bench)
    if a.curve or a.curve_only:
        lines += curve_table(bench)
        curve_png(bench, a.png)
    text = "\n".join(lines)
    print(text)
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    if failures:
        log(f"{failures} run(s) failed; run the same command again to retry them")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

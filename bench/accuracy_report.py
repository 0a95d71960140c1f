"""The accuracy benchmark's reports: Markdown tables (mean ± sd over seeds) and the learning-curve
PNG, built from the runs bench/accuracy.py recorded. `bench` is its Bench: .a (the options) and
.records(dataset, labels, arm) (the recorded runs of the selected seeds)."""
import os
import statistics
import sys

LABELS = {"sentinela": "Sentinela pretrained (default)", "scratch": "Sentinela from scratch",
          "tfidf_lr": "TF-IDF + LR", "fasttext": "fastText (tuned)",
          "torch_bilstm": "PyTorch BiLSTM"}
NAMES = {"macro_f1": "macro-F1", "macro_recall": "macro recall"}
STYLES = {"sentinela": ("o", "-"), "scratch": ("s", "--"), "tfidf_lr": ("^", ":")}


def metric_of(dataset):
    """The official metric (shared/data/README.md); Sentinela picks the same from the task name."""
    return "macro_recall" if "sentiment" in dataset else "macro_f1"


def mean_sd(values, digits=2):
    values = [v for v in values if v is not None]
    if not values:
        return "—"
    mean = statistics.mean(values)
    if len(values) == 1:
        return f"{mean:,.{digits}f}"
    return f"{mean:,.{digits}f} ± {statistics.stdev(values):,.{digits}f}"


def arm_label(arm, records=()):
    """The arm's name; warns when the default recipe found no base encoder (so it is scratch)."""
    label = LABELS.get(arm, f"Sentinela {arm}")
    if arm == "sentinela" and any(not r["details"].get("encoder") for r in records):
        label += " [no base encoder found: from scratch]"
    return label


def full_table(bench):
    out = ["## Full data (test once per run; mean ± sd over seeds)", ""]
    for dataset in bench.a.datasets:
        metric = metric_of(dataset)
        other = "macro_f1" if metric == "macro_recall" else "macro_recall"
        name, other_name = (NAMES[metric], NAMES[other])
        out += [f"### {dataset} (official metric: {name})", "",
                f"| arm | test {name} | test {other_name} | val {name} | train s (wall) | "
                "model MB | predict posts/s | seeds |",
                "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for arm in bench.a.arms:
            rs = bench.records(dataset, "all", arm)
            if not rs:
                continue
            label = arm_label(arm, rs)
            mb = [r["model_bytes"] / 1e6 if r["model_bytes"] else None for r in rs]
            out.append(" | ".join([
                f"| {label}", mean_sd([r["test"][metric] for r in rs]),
                mean_sd([r["test"][other] for r in rs]),
                mean_sd([r["val"][metric] for r in rs]),
                mean_sd([r["train_seconds"] for r in rs], 1), mean_sd(mb, 1),
                mean_sd([r["predict_posts_per_second"] for r in rs], 0), f"{len(rs)} |"]))
        out.append("")
    return out


def curve_points(bench, dataset, arm):
    """[(train posts, label, [test macro-F1 per seed])] in size order."""
    points = []
    for size in bench.a.sizes:
        rs = bench.records(dataset, size, arm)
        if rs:
            posts = rs[0]["train_posts"] or (size if size != "all" else None)
            points.append((posts, size, [r["test"]["macro_f1"] for r in rs]))
    return points


def curve_table(bench):
    sizes = bench.a.sizes
    out = ["## Learning curve (test macro-F1 on the full test split; mean ± sd over seeds)", ""]
    for dataset in bench.a.curve_datasets:
        out += [f"### {dataset}", "", "| arm | " + " | ".join(
                    f"{s:,} labels" if s != "all" else "all labels" for s in sizes) + " |",
                "|---|" + "---:|" * len(sizes)]
        for arm in bench.a.curve_arms:
            cells = [mean_sd([r["test"]["macro_f1"] for r in bench.records(dataset, s, arm)])
                     for s in sizes]
            runs = [r for s in sizes for r in bench.records(dataset, s, arm)]
            out.append(f"| {arm_label(arm, runs)} | " + " | ".join(cells) + " |")
        out.append("")
    return out


def curve_png(bench, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    datasets = bench.a.curve_datasets
    fig, axes = plt.subplots(1, len(datasets), figsize=(6 * len(datasets), 5), squeeze=False)
    for ax, dataset in zip(axes[0], datasets):
        ticks = {}
        for arm in bench.a.curve_arms:
            points = [p for p in curve_points(bench, dataset, arm) if p[0]]
            if not points:
                continue
            xs = [p[0] for p in points]
            ys = [statistics.mean(p[2]) for p in points]
            sd = [statistics.stdev(p[2]) if len(p[2]) > 1 else 0 for p in points]
            marker, line = STYLES.get(arm, ("D", "-."))
            runs = [r for s in bench.a.sizes for r in bench.records(dataset, s, arm)]
            ax.errorbar(xs, ys, yerr=sd, marker=marker, linestyle=line, capsize=4,
                        label=arm_label(arm, runs))
            for posts, size, _ in points:
                ticks[posts] = f"{posts:,}" if size != "all" else f"all\n({posts:,})"
        ax.set_xscale("log")
        ax.set_xticks(sorted(ticks))
        ax.set_xticklabels([ticks[t] for t in sorted(ticks)])
        ax.minorticks_off()
        ax.set_title(dataset)
        ax.set_xlabel("labelled training posts (log scale)")
        ax.set_ylabel("test macro-F1 (%)")
        ax.grid(True, alpha=0.3)
    # One legend for all panels, below them, so it never hides a point.
    handles = {}
    for ax in axes[0]:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(label, handle)
    fig.legend(handles.values(), handles.keys(), loc="lower center", ncol=len(handles),
               frameon=False)
    seeds = ", ".join(map(str, bench.a.seeds))
    fig.suptitle(f"Learning curve: test macro-F1 vs. labels (mean ± sd over seeds {seeds})")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fig.savefig(path, dpi=110)
    print(f"wrote {path}", file=sys.stderr)

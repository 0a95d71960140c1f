#!/usr/bin/env python3
"""Inputs and read-only checks for scripts/fault-injection.sh (issue #15, kill and disk faults).

Generates exports and label files, and reads a workspace through SQLite (read-only) to check
what a killed command left: which posts, labels and scores are there, and that they are whole
batches or whole actions. Each check prints one line of numbers and exits 1 with the reason on
stderr when the workspace breaks a rule. Run `sentinela stats --check` first: it checkpoints the
WAL, so this read-only connection sees every committed transaction.
"""
import json
import random
import sqlite3
import sys

WORDS = ("o a de que eleição governo jogo time lindo idiota vergonha bando piada cala boca seu "
         "torcida hoje amanhã nunca sempre muito pouco voto urna debate").split()


def fail(reason):
    print(reason, file=sys.stderr)
    sys.exit(1)


def open_ro(path):
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def gen_posts(path, count, prefix, seed):
    """JSON Lines posts with ids <prefix>0 .. <prefix><count-1>, in that order."""
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 25)))
            out.write(json.dumps({"id": f"{prefix}{i}", "text": f"{text} {i}",
                                  "created_at": "2024-03-12T10:00:00Z",
                                  "author": f"u{i % 997}"}, ensure_ascii=False) + "\n")


def gen_labels(path, count, prefix):
    """A labels CSV for the offensive task: every third post offensive."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("id,label\n")
        for i in range(count):
            out.write(f"{prefix}{i},{'offensive' if i % 3 == 0 else 'not-offensive'}\n")


def post_ids(db, prefix):
    rows = db.execute("SELECT external_id FROM posts WHERE external_id LIKE ?",
                      (prefix + "%",)).fetchall()
    return [r[0] for r in rows]


def check_import(path, prefix, total, batch):
    """Posts of the export: a prefix of whole batches (or all of it), none twice."""
    ids = post_ids(open_ro(path), prefix)
    kept = len(ids)
    if len(set(ids)) != kept:
        fail(f"{kept - len(set(ids))} duplicate posts")
    if set(ids) != {f"{prefix}{i}" for i in range(kept)}:
        fail(f"the {kept} posts kept are not the first {kept} of the export")
    if kept != total and kept % batch != 0:
        fail(f"{kept} posts kept: not a whole number of {batch}-post batches")
    print(kept)


def check_labels(path, task, total):
    """A labels file is one action: all its labels or none, each post once."""
    db = open_ro(path)
    task_id = db.execute("SELECT id FROM tasks WHERE name = ?", (task,)).fetchone()[0]
    labeled = db.execute("SELECT count(DISTINCT post_id) FROM current_labels WHERE task_id = ?",
                         (task_id,)).fetchone()[0]
    rows = db.execute("SELECT count(*) FROM current_labels WHERE task_id = ?",
                      (task_id,)).fetchone()[0]
    events = db.execute("SELECT count(*) FROM label_events WHERE task_id = ?",
                        (task_id,)).fetchone()[0]
    actions = db.execute("SELECT count(*) FROM label_actions WHERE task_id = ? AND kind = 'csv'",
                         (task_id,)).fetchone()[0]
    offensive = db.execute(
        "SELECT count(*) FROM current_labels c JOIN task_labels l ON l.task_id = c.task_id AND "
        "l.idx = c.label_idx WHERE c.task_id = ? AND l.name = 'offensive'", (task_id,)).fetchone()[0]
    if labeled not in (0, total) or rows != labeled:
        fail(f"{labeled} posts labeled ({rows} label rows): expected 0 or {total}, one label each")
    if events != labeled or actions != (1 if labeled else 0):
        fail(f"{events} label events in {actions} actions for {labeled} labeled posts")
    if labeled and offensive != (total + 2) // 3:
        fail(f"{offensive} posts labeled offensive, the file has {(total + 2) // 3}")
    print(labeled)


def check_scan(path, prefix, batch):
    """Scanned posts are stored once each; at most the last batch lacks its scores."""
    db = open_ro(path)
    ids = post_ids(db, prefix)
    if len(set(ids)) != len(ids):
        fail(f"{len(ids) - len(set(ids))} duplicate posts")
    scored = db.execute(
        "SELECT count(*) FROM predictions r JOIN posts p ON p.id = r.post_id "
        "WHERE p.external_id LIKE ?", (prefix + "%",)).fetchone()[0]
    orphans = db.execute("SELECT count(*) FROM predictions WHERE post_id NOT IN "
                         "(SELECT id FROM posts)").fetchone()[0]
    models = db.execute("SELECT count(*) FROM models").fetchone()[0]
    if orphans or scored > len(ids) or len(ids) - scored > batch:
        fail(f"{len(ids)} posts stored, {scored} scored, {orphans} scores without a post")
    if models > 1:
        fail(f"{models} models registered by one scan")
    print(len(ids), scored)


def models(path):
    """name<TAB>file of every registered model."""
    for name, file in open_ro(path).execute("SELECT name, file FROM models ORDER BY id"):
        print(f"{name}\t{file}")


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "posts":
        gen_posts(args[0], int(args[1]), args[2], int(args[3]))
    elif command == "labels":
        gen_labels(args[0], int(args[1]), args[2])
    elif command == "import":
        check_import(args[0], args[1], int(args[2]), int(args[3]))
    elif command == "label":
        check_labels(args[0], args[1], int(args[2]))
    elif command == "scan":
        check_scan(args[0], args[1], int(args[2]))
    elif command == "models":
        models(args[0])
    else:
        fail(f"unknown command {command}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes a synthetic X API v2 export (one tweet per line, as `twarc2 flatten` does) of N posts
for bench/bench_scan.sh, built by recombining the demo posts' sentences with invented ids and
handles, and the plain texts (one per line) for bench_classify_only. Deterministic (seeded)."""
import json, random, sys

n, demo, export_path, texts_path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
rng = random.Random(2024)
texts = [json.loads(line)["text"] for line in open(f"{demo}/labeled_posts.jsonl", encoding="utf-8")]
texts += [json.loads(line)["text"] for line in open(f"{demo}/x_export.jsonl", encoding="utf-8")]
extras = ["", "", "", " kkkk", " 😂", " #sextou", " @amigo_23", " https://t.co/Ab12Cd", " lol", " 🔥🔥"]
with open(export_path, "w", encoding="utf-8") as export, open(texts_path, "w", encoding="utf-8") as plain:
    for i in range(n):
        text = rng.choice(texts)
        if rng.random() < 0.4:
            text += " " + rng.choice(texts)
        text += rng.choice(extras)
        tweet_id = str(1800000000000000000 + i * 7919)
        user = str(2000000000 + rng.randrange(50000))
        export.write(json.dumps({
            "id": tweet_id, "text": text, "author_id": user,
            "created_at": f"2024-07-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00.000Z",
            "lang": "pt" if i % 2 else "en", "conversation_id": tweet_id,
            "public_metrics": {"retweet_count": i % 7, "reply_count": i % 3, "like_count": i % 101,
                               "quote_count": 0},
            "author": {"id": user, "username": f"user_{user[-5:]}", "name": f"User {user[-5:]}"},
        }, ensure_ascii=False) + "\n")
        plain.write(text.replace("\n", " ") + "\n")

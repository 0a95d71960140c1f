#!/usr/bin/env python3
"""Merges the JSON Lines outputs of N `sentinela scan --split I/N` jobs into what one scan of the
whole file writes: the parts in split order, each post's "line" turned into the file's line.

Each job writes its posts (`--out part-I.jsonl`) and its summary (`--json > summary-I.json`); the
summary names the output and holds the split's `first_line` and `lines` (README, "Under a
distributed engine"): split 0 numbers lines as the file does, split I > 0 from 1 at its first
byte, which lies on split I-1's real first line + split I-1's `lines`.

    scripts/merge-splits.py merged.jsonl summary-*.json

Checks that the summaries are splits 0..N-1 of one file, each starting where the one before
ends, and fails with a message otherwise. Standard library only.
"""
import json
import re
import sys

# The writer emits "line" right after "created_at"; inside a JSON string a quote is escaped,
# so the first `,"line":<digits>` of a row is that field.
LINE_FIELD = re.compile(r',"line":(\d+)')


def fail(message):
    sys.exit(f"merge-splits: {message}")


def main():
    if len(sys.argv) < 3:
        fail("usage: merge-splits.py MERGED.jsonl SUMMARY.json...")
    summaries = [json.load(open(path, encoding="utf-8")) for path in sys.argv[2:]]
    for path, summary in zip(sys.argv[2:], summaries):
        if "split" not in summary or "output" not in summary:
            fail(f"{path}: not the --json summary of a `scan --split ... --out FILE` job")
    summaries.sort(key=lambda s: s["split"]["index"])
    count = summaries[0]["split"]["count"]
    if [s["split"]["index"] for s in summaries] != list(range(count)):
        fail(f"expected the summaries of splits 0..{count - 1}, got indices "
             f"{[s['split']['index'] for s in summaries]}")
    with open(sys.argv[1], "w", encoding="utf-8", newline="") as merged:
        first_line, end_byte = summaries[0]["split"]["first_line"], None
        for summary in summaries:
            split = summary["split"]
            # Split 0 starts where the data does (after a BOM or a CSV header), not at byte 0.
            if split["count"] != count or end_byte not in (None, split["first_byte"]) or \
                    summary["input"] != summaries[0]["input"]:
                fail(f"split {split['index']} does not continue split {split['index'] - 1} "
                     f"of {summaries[0]['input']} (byte {split['first_byte']}, expected {end_byte})")
            shift = first_line - split["first_line"]
            with open(summary["output"], encoding="utf-8", newline="") as part:
                for row in part:
                    merged.write(LINE_FIELD.sub(
                        lambda m: f',"line":{int(m.group(1)) + shift}', row, count=1))
            first_line += split["lines"]
            end_byte = split["end_byte"]


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Checks `emit … format fit` against the same benchmark's JSON lines.

Loads FIT's NAME-qaa.json and the id maps, and checks that every instance
(the names its grounding gives s1.., r1.., its easy and hard answers) is
that of a line of the JSON file, the same number of times; prints each
formula with its number of instances.

    fit_export.py FOLDER NAME JSONL
"""
import collections
import json
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_check import tokenize  # noqa: E402


def main():
    folder, name, jsonl = sys.argv[1:4]
    with open(os.path.join(folder, f"{name}-qaa.json"), encoding="utf-8") as f:
        qaa = json.load(f)
    with open(os.path.join(folder, "id2ent.pkl"), "rb") as f:
        id2ent = pickle.load(f)
    with open(os.path.join(folder, "id2rel.pkl"), "rb") as f:
        id2rel = pickle.load(f)
    from_fit = collections.Counter()
    for formula, instances in sorted(qaa.items()):
        print(f"{formula}: {len(instances)}")
        for grounding, easy, hard in instances:
            names = tuple(sorted((id2rel if key[0] == "r" else id2ent)[value]
                                 for key, value in grounding.items()))
            from_fit[(names, frozenset(id2ent[e] for e in easy["f"]),
                      frozenset(id2ent[e] for e in hard["f"]))] += 1
    from_json = collections.Counter()
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            names = tuple(sorted(v for k, v in tokenize(record["query"]) if k == "string"))
            from_json[(names, frozenset(record["easy"]), frozenset(record["hard"]))] += 1
    same = from_fit == from_json
    print(f"{len(qaa)} formulas, {sum(from_fit.values())} instances, "
          f"{'the same as the JSON lines' if same else 'DIFFERENT from the JSON lines'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

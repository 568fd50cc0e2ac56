#!/usr/bin/env python3
"""Checks `emit … format betae` against the same benchmark's JSON lines.

Loads the pickles with Python's `pickle` (queries, easy and hard answers, id
maps) and the JSON lines of the same `emit`ted benchmark, and checks that
every structure of BetaE's 14 types holds COUNT queries and that the
instances agree: for each, the names of its anchors and relations (through
id2ent / id2rel) and its easy and hard answers are those of a line of the
JSON file of that type.

    betae_export.py FOLDER NAME JSONL COUNT
"""
import collections
import json
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_check import tokenize  # noqa: E402

STRUCTURES = {
    ('e', ('r',)): '1p', ('e', ('r', 'r')): '2p', ('e', ('r', 'r', 'r')): '3p',
    (('e', ('r',)), ('e', ('r',))): '2i', (('e', ('r',)), ('e', ('r',)), ('e', ('r',))): '3i',
    ((('e', ('r',)), ('e', ('r',))), ('r',)): 'ip', (('e', ('r', 'r')), ('e', ('r',))): 'pi',
    (('e', ('r',)), ('e', ('r',)), ('u',)): '2u', ((('e', ('r',)), ('e', ('r',)), ('u',)), ('r',)): 'up',
    (('e', ('r',)), ('e', ('r', 'n'))): '2in',
    (('e', ('r',)), ('e', ('r',)), ('e', ('r', 'n'))): '3in',
    ((('e', ('r',)), ('e', ('r', 'n'))), ('r',)): 'inp',
    (('e', ('r', 'r')), ('e', ('r', 'n'))): 'pin', (('e', ('r', 'r', 'n')), ('e', ('r',))): 'pni',
}


def leaves(structure, query, id2ent, id2rel):
    """The names of a query's anchors and relations, in structure order."""
    if isinstance(structure, str):
        if structure == 'e':
            return [id2ent[query]]
        if structure == 'r':
            return [id2rel[query]]
        assert query == {'n': -2, 'u': -1}[structure]
        return []
    names = []
    for s, q in zip(structure, query):
        names += leaves(s, q, id2ent, id2rel)
    return names


def main():
    folder, name, jsonl, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

    def load(file):
        with open(os.path.join(folder, file), "rb") as f:
            return pickle.load(f)
    queries, easy, hard = (load(f"{name}-{kind}.pkl")
                           for kind in ("queries", "easy-answers", "hard-answers"))
    id2ent, id2rel, ent2id = load("id2ent.pkl"), load("id2rel.pkl"), load("ent2id.pkl")
    assert all(ent2id[n] == i for i, n in id2ent.items()), "ent2id and id2ent disagree"

    from_pickle = collections.Counter()
    for structure, instances in queries.items():
        kind = STRUCTURES[structure]
        print(f"{kind}: {len(instances)} queries")
        for query in instances:
            names = tuple(sorted(leaves(structure, query, id2ent, id2rel)))
            from_pickle[(kind, names, frozenset(id2ent[e] for e in easy[query]),
                         frozenset(id2ent[e] for e in hard[query]))] += 1
    from_json = collections.Counter()
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            names = tuple(sorted(v for k, v in tokenize(record["query"]) if k == "string"))
            from_json[(record["type"], names, frozenset(record["easy"]),
                       frozenset(record["hard"]))] += 1
    same = from_pickle == from_json
    print(f"{len(queries)} structures, {sum(from_pickle.values())} queries, "
          f"{'the same instances as the JSON lines' if same else 'DIFFERENT from the JSON lines'}")
    counts_ok = all(len(v) == count for v in queries.values())
    return 0 if same and counts_ok and len(queries) == len(STRUCTURES) else 1


if __name__ == "__main__":
    sys.exit(main())

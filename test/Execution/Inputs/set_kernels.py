#!/usr/bin/env python3
"""Writes a random graph whose entities straddle the 64-bit words of the
projection kernels' bitmap, a program whose queries take every path of the
generated set kernels (merges with tails, the searched intersection of a
small set in a 32-times larger one, complements, chains, self loops,
guards), and the answers Python's own set algebra gives for them.

    set_kernels.py OUT_DIR   ->  OUT_DIR/g/{train,valid,test}.txt,
                                 OUT_DIR/kernels.kq, OUT_DIR/expected.jsonl
"""
import json
import os
import random
import sys

out = sys.argv[1]
rng = random.Random(20261201)
# Ids are given in order of first appearance: name the entities e0 .. e299
# in a shuffled order, so ids and names sort differently.
names = [f"e{i}" for i in range(300)]
order = names[:]
rng.shuffle(order)
triples = set()
for entity in order:  # every entity appears, in this order
    triples.add((entity, "seen", entity))
for relation, count in (("r", 1500), ("s", 900), ("hub", 0), ("t", 40)):
    for _ in range(count):
        triples.add((rng.choice(names), relation, rng.choice(names)))
# "hub": one entity with edges to almost all, for lopsided intersections.
for entity in names[:280]:
    triples.add(("e0", "hub", entity))
for entity in names[::7]:  # self loops
    triples.add((entity, "t", entity))
os.makedirs(os.path.join(out, "g"), exist_ok=True)
ordered = sorted(triples, key=lambda t: (order.index(t[0]) if t[1] == "seen" else 300, t))
with open(os.path.join(out, "g", "train.txt"), "w") as f:
    for h, r, t in ordered:
        f.write(f"{h}\t{r}\t{t}\n")
for split in ("valid", "test"):
    open(os.path.join(out, "g", f"{split}.txt"), "w").close()

entities = set(names)
def forward(r, sources):
    return {t for h, rel, t in triples if rel == r and h in sources}
def backward(r, targets):
    return {h for h, rel, t in triples if rel == r and t in targets}

queries = []  # (name, formula, answers)
def add(name, formula, answers):
    queries.append((name, formula, answers))

add("one_hop", "?y . r(e5, ?y)", forward("r", {"e5"}))
add("two_hops", "?y . exists ?x . r(e5, ?x) & s(?x, ?y)", forward("s", forward("r", {"e5"})))
add("chain_back", "?y . exists ?x, ?z . r(?x, e9) & s(?z, ?x) & r(?y, ?z)",
    backward("r", backward("s", backward("r", {"e9"}))))
hub = forward("hub", {"e0"})
add("lopsided", "?y . hub(e0, ?y) & r(e3, ?y)", hub & forward("r", {"e3"}))
add("lopsided_none", "?y . hub(e0, ?y) & r(e299, ?y) & s(e298, ?y)",
    hub & forward("r", {"e299"}) & forward("s", {"e298"}))
add("merge", "?y . (exists ?x . r(e1, ?x) & r(?x, ?y)) & (exists ?x . s(e2, ?x) & s(?x, ?y))",
    forward("r", forward("r", {"e1"})) & forward("s", forward("s", {"e2"})))
add("union_tails", "?y . r(e7, ?y) | s(e8, ?y) | hub(e0, ?y)",
    forward("r", {"e7"}) | forward("s", {"e8"}) | hub)
add("difference", "?y . (exists ?x . r(e4, ?x) & r(?x, ?y)) & !s(e6, ?y)",
    forward("r", forward("r", {"e4"})) - forward("s", {"e6"}))
add("complement", "?y . seen(?y, ?y) & !(exists ?x . r(?x, ?y))",
    entities - forward("r", entities))
add("self_loops", "?y . t(?y, ?y)", {h for h, rel, t in triples if rel == "t" and h == t})
# A disjunction and a negation between two variables enumerate ?x; the
# part about ?x alone becomes a guard for each binding.
loops = {h for h, rel, t in triples if rel == "t" and h == t}
s_e1 = forward("s", {"e1"})
add("guarded", "?y . exists ?x . r(?y, ?x) & (t(?x, ?x) | s(e1, ?y))",
    {y for y, rel, x in triples if rel == "r" and (x in loops or y in s_e1)})
add("guard_negated", "?y . exists ?x . r(?y, ?x) & !(t(?x, ?x) & s(e1, ?y))",
    {y for y, rel, x in triples if rel == "r" and not (x in loops and y in s_e1)})
add("cycle", "?y . exists ?x . r(e2, ?x) & s(?x, ?y) & r(?y, ?x)",
    {y for x in forward("r", {"e2"}) for y in forward("s", {x}) if x in forward("r", {y})})
add("nothing", "?y . r(?y, e0) & !r(?y, e0)", set())

with open(os.path.join(out, "kernels.kq"), "w") as f:
    f.write('graph g = load "g";\n')
    for name, formula, _ in queries:
        f.write(f"query {name} = {formula};\n")
    for name, _, _ in queries:
        f.write(f"answer {name} on g(train);\n")
with open(os.path.join(out, "expected.jsonl"), "w") as f:
    for name, _, answers in queries:
        f.write(json.dumps({"kind": "answer", "query": name, "graph": "g", "splits": ["train"],
                            "count": len(answers), "answers": sorted(answers)},
                           separators=(",", ":")) + "\n")

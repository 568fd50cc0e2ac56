#!/usr/bin/env python3
"""Random differential test of the generated set kernels.

For each of ROUNDS seeded rounds: a random graph (5 to 700 entities, so ids
fall in one to eleven bitmap words; relations from sparse to a hub with an
edge to most entities), QUERIES random formulas over the answer variable
(anchored atoms both ways, two-hop chains, and nested &, | and & !), kq's
answers (`kqc run`, every other round with every kq pass disabled), and
the same formulas evaluated here with Python's sets.

    random_sets.py --kqc KQC --work DIR [--rounds N] [--queries Q]
"""
import argparse
import json
import os
import random
import subprocess
import sys

PASSES_OFF = ("--kq-disable=kq-batch-templates,kq-normalize,kq-share,cse,kq-simplify,"
              "kq-fuse-projections,kq-order-intersections")


def make_graph(rng):
    entities = [f"e{i}" for i in range(rng.randint(5, 700))]
    relations = {f"r{i}": rng.choice([0.2, 1, 3, 8]) for i in range(5)}
    triples = set()
    for relation, degree in relations.items():
        for _ in range(int(degree * len(entities))):
            triples.add((rng.choice(entities), relation, rng.choice(entities)))
    for entity in rng.sample(entities, max(1, len(entities) * 9 // 10)):
        triples.add((entities[0], "hub", entity))
    return entities, sorted(triples)


class Formulas:
    def __init__(self, rng, entities, triples):
        self.rng, self.entities, self.fresh = rng, entities, 0
        self.out, self.into = {}, {}
        for h, r, t in triples:
            self.out.setdefault((h, r), set()).add(t)
            self.into.setdefault((t, r), set()).add(h)
        self.relations = sorted({r for _, r, _ in triples})

    def leaf(self):
        rng = self.rng
        a, r = rng.choice(self.entities), rng.choice(self.relations)
        kind = rng.choice(["forward", "backward", "chain"])
        if kind == "forward":
            return f'{r}({a}, ?y)', self.out.get((a, r), set())
        if kind == "backward":
            return f'{r}(?y, {a})', self.into.get((a, r), set())
        s = rng.choice(self.relations)
        self.fresh += 1
        x = f"?x{self.fresh}"
        middle = self.out.get((a, r), set())
        answers = set().union(*(self.out.get((m, s), set()) for m in middle)) if middle else set()
        return f"(exists {x} . {r}({a}, {x}) & {s}({x}, ?y))", answers

    def formula(self, depth):
        if depth == 0 or self.rng.random() < 0.3:
            return self.leaf()
        (a, sa), (b, sb) = self.formula(depth - 1), self.formula(depth - 1)
        kind = self.rng.choice(["and", "or", "andnot"])
        if kind == "and":
            return f"({a} & {b})", sa & sb
        if kind == "or":
            return f"({a} | {b})", sa | sb
        return f"({a} & !{b})", sa - sb


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args()
    same = total = nonempty = 0
    for round_ in range(args.rounds):
        rng = random.Random(1000 + round_)
        entities, triples = make_graph(rng)
        folder = os.path.join(args.work, f"round{round_}")
        os.makedirs(os.path.join(folder, "g"), exist_ok=True)
        with open(os.path.join(folder, "g", "train.txt"), "w") as f:
            f.writelines(f"{h}\t{r}\t{t}\n" for h, r, t in triples)
        for split in ("valid", "test"):
            open(os.path.join(folder, "g", f"{split}.txt"), "w").close()
        formulas = Formulas(rng, entities, triples)
        queries = [formulas.formula(3) for _ in range(args.queries)]
        lines = ['graph g = load "g";']
        for i, (text, _) in enumerate(queries):
            lines += [f"query q{i} = ?y . {text};", f"answer q{i} on g(train);"]
        program = os.path.join(folder, "random.kq")
        with open(program, "w") as f:
            f.write("\n".join(lines) + "\n")
        flags = [PASSES_OFF] if round_ % 2 else []
        run = subprocess.run([args.kqc, "run", *flags, program], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"round {round_}: kqc exited with {run.returncode}: {run.stderr}")
        for (text, expected), line in zip(queries, run.stdout.splitlines()):
            got = json.loads(line)["answers"]
            total += 1
            nonempty += bool(expected)
            if got == sorted(expected):
                same += 1
            else:
                print(f"round {round_}: {text}\n  kq {len(got)}, expected {len(expected)}")
    print(f"{same} of {total} answer sets identical ({nonempty} not empty)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Negations between two variables inside a join, kq against a join in Python.

A negated atom whose two ends are both bound by the rest of the query
(`!r(?z, ?x)` in `r(?x, ?y) & r'(?y, ?z) & !r(?z, ?x)`) is a membership test
per binding. This benchmark answers a family of such queries on NELL995's
training graph with `kqc run` (the compiled program's time, from
`--mlir-timing`) and with a join-based evaluator written here (hash indexes
per relation, bindings extended atom by atom, negated atoms tested as set
membership once both ends are bound), alternating the two, and checks that
both find the same answers for every query.

    /usr/bin/python3 bench/negation/bench_negation.py --kqc build/bin/kqc \\
        --data ../shared/data/NELL995 [--relations 6] [--repeat 3] [--cliff]

`--cliff` also times the query of the report that found the cliff with
kq-normalize (which restricts the negated leaf to its neighbours) disabled.
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "test", "E2E"))
from negation_check import chosen_relations, inverse  # noqa: E402
from reference_answers import read_triples  # noqa: E402


def family(relations):
    """(name, answer variable, atoms) for each query; an atom is
    (negated, relation, subject, object), variables start with '?'."""
    queries = []
    for r in relations:
        queries.append((f"triangle_{r}", "?y", [(False, r, "?x", "?y"),
                                                (False, inverse(r), "?y", "?z"),
                                                (True, r, "?z", "?x")]))
    for r, s in zip(relations, relations[1:] + relations[:1]):
        queries.append((f"square_{r}_{s}", "?y", [(False, r, "?x", "?y"),
                                                  (False, s, "?y", "?w"),
                                                  (False, inverse(s), "?w", "?z"),
                                                  (True, r, "?z", "?x")]))
        queries.append((f"edge_{r}_{s}", "?y", [(False, r, "?x", "?y"),
                                                (True, s, "?y", "?x")]))
    return queries


def kq_formula(answer, atoms):
    existential = sorted({t for _, _, h, o in atoms for t in (h, o)} - {answer})
    body = " & ".join(("!" if neg else "") + f'"{rel}"({h}, {o})' for neg, rel, h, o in atoms)
    return f"{answer} . exists {', '.join(existential)} . {body}"


class JoinEvaluator:
    """Conjunctive queries with negated atoms, by joins over hash indexes."""

    def __init__(self, triples):
        self.forward = collections.defaultdict(lambda: collections.defaultdict(set))
        self.pairs = collections.defaultdict(set)
        for h, r, t in triples:
            self.forward[r][h].add(t)
            self.pairs[r].add((h, t))
        self.backward = collections.defaultdict(lambda: collections.defaultdict(set))
        for r, index in self.forward.items():
            for h, tails in index.items():
                for t in tails:
                    self.backward[r][t].add(h)

    def answer(self, answer, atoms):
        positive = [a for a in atoms if not a[0]]
        negative = [a for a in atoms if a[0]]
        # The first atom's pairs start the bindings; each next atom shares a
        # bound variable with them and extends every binding along its index.
        first, rest = positive[0], positive[1:]
        bindings = [{first[2]: h, first[3]: t} for h, t in self.pairs[first[1]]]
        while rest:
            atom = next(a for a in rest if a[2] in bindings[0] or a[3] in bindings[0]) \
                if bindings else rest[0]
            rest.remove(atom)
            _, rel, subject, obj = atom
            extended = []
            for binding in bindings:
                if subject in binding and obj in binding:
                    if (binding[subject], binding[obj]) in self.pairs[rel]:
                        extended.append(binding)
                elif subject in binding:
                    for t in self.forward[rel].get(binding[subject], ()):
                        extended.append({**binding, obj: t})
                else:
                    for h in self.backward[rel].get(binding[obj], ()):
                        extended.append({**binding, subject: h})
            bindings = extended
        found = set()
        for binding in bindings:
            if all((binding[s], binding[o]) not in self.pairs[rel] for _, rel, s, o in negative):
                found.add(binding[answer])
        return found


def kq_run(kqc, program, extra=()):
    """(seconds running the compiled program, answers by query name)."""
    run = subprocess.run([kqc, "run", "--mlir-timing", *extra, program], check=True,
                         capture_output=True, text=True)
    executing = next(float(line.split()[0]) for line in run.stderr.splitlines()
                     if line.strip().endswith("running the program"))
    answers = {}
    for line in run.stdout.splitlines():
        record = json.loads(line)
        answers[record["query"]] = set(record["answers"])
    return executing, answers


def write_program(folder, data, queries):
    path = os.path.join(folder, "negation.kq")
    lines = [f"graph nell = load {json.dumps(os.path.abspath(data))};"]
    for name, answer, atoms in queries:
        lines.append(f"query {name} = {kq_formula(answer, atoms)};")
        lines.append(f"answer {name} on nell(train);")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--relations", type=int, default=6,
                        help="relations the family is built from (default 6)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cliff", action="store_true")
    args = parser.parse_args()

    train = read_triples(args.data, ("train",))
    chosen = chosen_relations(train, args.relations)
    queries = [("cliff", "?y", [(False, "0", "?x", "?y"), (False, "1", "?y", "?z"),
                                (True, "0", "?z", "?x")])] + family(chosen)
    evaluator = JoinEvaluator(train)

    with tempfile.TemporaryDirectory() as folder:
        program = write_program(folder, args.data, queries)
        kq_run(args.kqc, program)  # builds the graph cache outside the timings
        kq_times, python_times = [], []
        for _ in range(args.repeat):
            seconds, kq_answers = kq_run(args.kqc, program)
            kq_times.append(seconds)
            start = time.perf_counter()
            python_answers = {name: evaluator.answer(answer, atoms)
                              for name, answer, atoms in queries}
            python_times.append(time.perf_counter() - start)
        mismatched = [name for name, _, _ in queries
                      if kq_answers.get(name) != python_answers[name]]
        total = sum(len(a) for a in python_answers.values())
        kq_time, python_time = statistics.median(kq_times), statistics.median(python_times)
        print(f"NELL995 training graph, {len(queries)} queries with a negation between two "
              f"bound variables ({total} answers), median of {args.repeat} runs each")
        print(f"  relations: {', '.join(chosen)}")
        print(f"  kq (compiled program)      {kq_time:8.3f}s")
        print(f"  Python join                {python_time:8.3f}s")
        print(f"  speed-up                   {python_time / kq_time:8.1f}x")
        print(f"  answers identical: {'yes' if not mismatched else 'NO: ' + ', '.join(mismatched)}")
        if args.cliff:
            cliff = os.path.join(folder, "cliff.kq")
            with open(cliff, "w", encoding="utf-8") as f:
                f.write(f"graph nell = load {json.dumps(os.path.abspath(args.data))};\n"
                        f"query cliff = {kq_formula(*queries[0][1:])};\n"
                        "answer cliff on nell(train);\n")
            before, answers = kq_run(args.kqc, cliff, ["--kq-disable=kq-normalize"])
            after, _ = kq_run(args.kqc, cliff)
            print(f"  the reported query: {after:.3f}s, {before:.3f}s without kq-normalize "
                  f"({before / after:.0f}x), answers identical: "
                  f"{'yes' if answers['cliff'] == python_answers['cliff'] else 'NO'}")
        if mismatched:
            sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Negations between two bound variables inside a join, on a real graph,
against the join evaluator over binding tables of bench_check.py.

The query that had a cliff (`"0"(?x, ?y) & "1"(?y, ?z) & !"0"(?z, ?x)` on
NELL995) and a family like it, made from the relations of 1,000 to 5,000
training edges: triangles, a square and a single edge closed by a negated
atom. The program runs through the JIT and a `kqc build` executable; every
answer set must equal the evaluator's, and the optimised plan must hold no
complement (each negated leaf restricted to its bindings' neighbours).

    negation_check.py --kqc KQC --data NELL995 --work DIR [--relations N]
"""
import argparse
import collections
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_check import answers, edges_of  # noqa: E402
from reference_answers import read_triples, run_both_ways, write_program  # noqa: E402


def inverse(relation):
    """NELL995 lists relation 2k+1 as the inverse of 2k."""
    return str(int(relation) ^ 1)


def chosen_relations(triples, count):
    """The even one of each relation pair with 1,000 to 5,000 training
    edges, the most edges first: the family's relations."""
    counts = collections.Counter(r for _, r, _ in triples)
    return sorted((r for r, n in counts.items() if 1000 <= n <= 5000 and int(r) % 2 == 0),
                  key=lambda r: (-counts[r], int(r)))[:count]


def formulas(relations):
    yield "cliff", '?y . exists ?x, ?z . "0"(?x, ?y) & "1"(?y, ?z) & !"0"(?z, ?x)'
    for r, s in zip(relations, relations[1:] + relations[:1]):
        ri, si = json.dumps(r), json.dumps(s)
        yield (f"triangle_{r}", f'?y . exists ?x, ?z . {ri}(?x, ?y) & '
                                f'"{inverse(r)}"(?y, ?z) & !{ri}(?z, ?x)')
        yield (f"square_{r}_{s}", f'?y . exists ?x, ?z, ?w . {ri}(?x, ?y) & {si}(?y, ?w) & '
                                  f'"{inverse(s)}"(?w, ?z) & !{ri}(?z, ?x)')
        yield f"edge_{r}_{s}", f"?y . exists ?x . {ri}(?x, ?y) & !{si}(?y, ?x)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--relations", type=int, default=4)
    args = parser.parse_args()

    triples = read_triples(args.data, ("train",))
    queries = list(formulas(chosen_relations(triples, args.relations)))
    lines = [f"graph g = load {json.dumps(os.path.abspath(args.data))};"]
    for name, text in queries:
        lines.append(f"query {name} = {text};")
        lines.append(f"answer {name} on g(train);")
    os.makedirs(args.work, exist_ok=True)
    program = write_program(args.work, "negation.kq", lines)

    plan = subprocess.run([args.kqc, "--emit=mlir-opt", program], check=True,
                          capture_output=True, text=True).stdout
    print(f"complements in the plan: {plan.count('kq.complement')}")
    output = run_both_ways(args.kqc, program)
    records = {r["query"]: r for r in map(json.loads, output.splitlines())}
    edges = edges_of(triples)
    domain = {e for h, _, t in triples for e in (h, t)}
    same = with_answers = 0
    for name, text in queries:
        expected = sorted(answers(text, edges, domain), key=lambda s: s.encode("utf-8"))
        with_answers += bool(expected)
        if records[name]["answers"] == expected:
            same += 1
        else:
            print(f"{name}: {text}\n  kq {records[name]['count']}, expected {len(expected)}")
    print(f"{with_answers} of {len(queries)} queries have answers")
    print(f"{same} of {len(queries)} answer sets identical")


if __name__ == "__main__":
    main()

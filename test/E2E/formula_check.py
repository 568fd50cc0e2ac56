#!/usr/bin/env python3
"""The shapes beyond the BetaE and FIT types, on a real graph, against the
join evaluator over binding tables of bench_check.py.

Grounds PER_SHAPE instances of each shape below by random walks (so most
have answers), writes them as one program of `answer` statements on the
training graph, runs it through the JIT and a `kqc build` executable (with
--kqc-flag, e.g. every pass disabled), and compares every answer set with
the evaluator's, which parses the same formula text.

    formula_check.py --kqc KQC --data GRAPH --work DIR [--per-shape N]
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_check import answers, edges_of  # noqa: E402
from reference_answers import (read_triples, run_both_ways,  # noqa: E402
                               template_check_arguments, write_program)


def q(name):
    return json.dumps(name)


class Walker:
    def __init__(self, triples, rng):
        self.rng, self.triples = rng, triples
        self.out, self.into = {}, {}
        for h, r, t in triples:
            self.out.setdefault(h, []).append((r, t))
            self.into.setdefault(t, []).append((h, r))

    def edge(self):
        return self.rng.choice(self.triples)

    def path(self, hops):
        """An entity and `hops` relations followed from it, or None."""
        start = self.rng.choice(self.triples)[0]
        at, relations = start, []
        for _ in range(hops):
            if at not in self.out:
                return None
            r, at = self.rng.choice(self.out[at])
            relations.append(r)
        return start, relations


def chain(anchor, relations, answer="?y"):
    """exists ?x1 .. . r1(anchor, ?x1) & .. & rn(?x(n-1), answer)"""
    hops = len(relations)
    names = [f"?x{i}" for i in range(1, hops)]
    terms = [q(anchor)] + names + [answer]
    atoms = " & ".join(f"{q(r)}({terms[i]}, {terms[i + 1]})" for i, r in enumerate(relations))
    return (f"exists {', '.join(names)} . {atoms}" if names else atoms)


def shapes(w):
    """Each shape: a function giving one grounded formula text, or None."""
    def longer(hops):
        def make():
            walk = w.path(hops)
            return walk and f"?y . {chain(walk[0], walk[1])}"
        return make

    def dm_union():  # 2u as BetaE's De Morgan form
        (a, r1, _), (b, r2, _) = w.edge(), w.edge()
        return f"?y . !(!{q(r1)}({q(a)}, ?y) & !{q(r2)}({q(b)}, ?y))"

    def dm_union_path():  # up as De Morgan, then a projection
        (a, r1, x), (b, r2, _) = w.edge(), w.edge()
        if x not in w.out:
            return None
        r3, _ = w.rng.choice(w.out[x])
        return (f"?y . exists ?x . !(!{q(r1)}({q(a)}, ?x) & !{q(r2)}({q(b)}, ?x)) "
                f"& {q(r3)}(?x, ?y)")

    def negated_existential():  # a negation with its own quantifier inside
        walk = w.path(2)  # s -r2-> x -r3-> c
        if not walk:
            return None
        start, (r2, r3) = walk
        c = w.rng.choice([t for r, t in w.out[start] if r == r2])
        c = w.rng.choice([t for r, t in w.out.get(c, []) if r == r3] or [start])
        a, r1 = w.rng.choice(w.into[start])
        return (f"?y . {q(r1)}({q(a)}, ?y) & "
                f"!(exists ?x . {q(r2)}(?y, ?x) & {q(r3)}(?x, {q(c)}))")

    def two_hops(rest):
        """?y . exists ?x . r1(a, ?x) & REST, REST made by rest(r2, r) from
        the walk's second relation and another one; or None."""
        walk = w.path(2)
        if not walk:
            return None
        (_, other, _) = w.edge()
        return (f"?y . exists ?x . {chain(walk[0], walk[1][:1], '?x')} & "
                f"{rest(q(walk[1][1]), q(other))}")

    def negation_between_variables():  # the negated part joins ?x and ?y
        return two_hops(lambda r2, r3: f"{r2}(?x, ?y) & "
                                       f"!(exists ?z . {r3}(?z, ?y) & {r3}(?z, ?x))")

    def union_in_conjunction():
        (a, r1, y) = w.edge()
        (b, r2, _) = w.edge()
        c, r3 = w.rng.choice(w.into[y])
        return f"?y . ({q(r1)}({q(a)}, ?y) | {q(r2)}({q(b)}, ?y)) & {q(r3)}({q(c)}, ?y)"

    def negated_union():
        (c, r3, _), (a, r1, _), (b, r2, _) = w.edge(), w.edge(), w.edge()
        return f"?y . {q(r3)}({q(c)}, ?y) & !({q(r1)}({q(a)}, ?y) | {q(r2)}({q(b)}, ?y))"

    def double_negation():
        (a, r1, y) = w.edge()
        b, r2 = w.rng.choice(w.into[y])
        return f"?y . {q(r1)}({q(a)}, ?y) & !!{q(r2)}({q(b)}, ?y)"

    def disjunction_under_existential():
        return two_hops(lambda r2, r: f"({r2}(?x, ?y) | {r}(?x, ?y))")

    return {
        "4p": longer(4), "5p": longer(5), "2u-DM": dm_union, "up-DM": dm_union_path,
        "negated-exists": negated_existential, "negation-2-vars": negation_between_variables,
        "union-in-and": union_in_conjunction, "negated-union": negated_union,
        "double-negation": double_negation, "or-under-exists": disjunction_under_existential,
    }


def main():
    args = template_check_arguments(__doc__.split("\n\n")[0], per_type=3, seed=11)
    triples = read_triples(args.data, ("train",))
    rng = random.Random(args.seed)
    walker = Walker(triples, rng)
    instances = []
    for name, make in shapes(walker).items():
        made = 0
        while made < args.per_type:
            text = make()
            if text:
                instances.append((name, text))
                made += 1
    lines = [f"graph g = load {q(os.path.abspath(args.data))};"]
    for i, (_, text) in enumerate(instances):
        lines.append(f"query q{i} = {text};")
        lines.append(f"answer q{i} on g(train);")
    program = write_program(args.work, "formulas.kq", lines)
    output = run_both_ways(args.kqc, program, args.kqc_flag)
    records = [json.loads(line) for line in output.splitlines()]
    edges = edges_of(triples)
    domain = {e for h, _, t in triples for e in (h, t)}
    same, nonempty = 0, {}
    for (name, text), record in zip(instances, records):
        expected = sorted(answers(text, edges, domain), key=lambda s: s.encode("utf-8"))
        if record["answers"] == expected:
            same += 1
        else:
            print(f"{name}: {text}\n  kq {record['count']}, expected {len(expected)}")
        nonempty[name] = nonempty.get(name, 0) + bool(expected)
    for name in shapes(walker):
        print(f"{name}: {args.per_type} answer sets, {nonempty.get(name, 0)} with answers")
    print(f"{same} of {len(instances)} answer sets identical")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""FIT's 10 query types of std/fit.kq against a binding-table evaluator.

Grounds each type on a real graph (searching the training graph for the
multi-edges, cycles and leaves the type needs), answers the instances with
kqc through `import "std/fit.kq"`, and compares with an evaluation of FIT's
own formula strings by joins over binding tables: every positive atom joins
the table with the matching triples, every negated atom then filters it.
Nothing here shares an algorithm with kq's planner.

    fit_reference.py --kqc KQC --data DIR --work DIR [--per-type N]
"""
import json
import os
import random
import re
import subprocess
import sys

from reference_answers import (SPLITS, compare_templates, read_triples, run_both_ways,
                               template_check_arguments, write_program)

FORMULAS = {
    "pni": "r1(s1,e1)&!r2(e1,f)&r3(s2,f)",
    "2il": "r1(s1,f)&r2(e1,f)",
    "3il": "r1(s1,f)&r2(s2,f)&r3(e1,f)",
    "2m": "r1(s1,e1)&r2(e1,f)&r3(e1,f)",
    "2nm": "r1(s1,e1)&r2(e1,f)&!r3(e1,f)",
    "3mp": "r1(s1,e1)&r2(e1,e2)&r3(e2,f)&r4(e1,e2)",
    "3pm": "r1(s1,e1)&r2(e1,e2)&r3(e2,f)&r4(e2,f)",
    "im": "r1(s1,e1)&r2(s2,e1)&r3(e1,f)&r4(e1,f)",
    "3c": "r1(s1,e1)&r2(e1,f)&r3(s2,e2)&r4(e2,f)&r5(e1,e2)",
    "3cm": "r1(s1,e1)&r2(e1,f)&r3(s2,e2)&r4(e2,f)&r5(e1,e2)&r6(e1,f)",
}
ATOM = re.compile(r"(!?)r(\d+)\((\w+),(\w+)\)")


def literals(formula):
    """[(negated, relation index, head term, tail term)] of a conjunction."""
    return [(neg == "!", int(r), h, t) for neg, r, h, t in ATOM.findall(formula)]


# --- the independent evaluator: joins over binding tables --------------------

def evaluate(formula, anchors, relations, triples):
    by_relation = {}
    for h, r, t in triples:
        by_relation.setdefault(r, []).append((h, t))
    present = set(triples)
    lits = literals(formula)

    def value(term, binding):
        if term.startswith("s"):
            return anchors[int(term[1:])]
        return binding.get(term)

    table = [{}]
    # Positive atoms first, those sharing a bound term early.
    pending = [lit for lit in lits if not lit[0]]
    while pending:
        def bound_terms(lit):
            return sum(value(x, table[0]) is not None for x in lit[2:]) if table else 0
        pending.sort(key=lambda lit: -bound_terms(lit))
        _, r, h, t = pending.pop(0)
        joined = []
        for binding in table:
            hv, tv = value(h, binding), value(t, binding)
            for head, tail in by_relation.get(relations[r], ()):
                if (hv is None or hv == head) and (tv is None or tv == tail):
                    extended = dict(binding)
                    if h[0] != "s":
                        extended[h] = head
                    if t[0] != "s":
                        extended[t] = tail
                    joined.append(extended)
        table = joined
    for negated, r, h, t in lits:
        if negated:
            table = [b for b in table
                     if (value(h, b), relations[r], value(t, b)) not in present]
    return {b["f"] for b in table}


# --- grounding ---------------------------------------------------------------

class Graph:
    def __init__(self, triples, rng):
        self.rng = rng
        self.out, self.incoming, self.between = {}, {}, {}
        for h, r, t in triples:
            self.out.setdefault(h, []).append((r, t))
            self.incoming.setdefault(t, []).append((r, h))
            self.between.setdefault((h, t), []).append(r)
        for table in (self.out, self.incoming, self.between):
            for key in table:
                table[key].sort()
        self.nodes = sorted(self.out)
        self.multi = sorted(pair for pair, rels in self.between.items() if len(set(rels)) >= 2)
        self.relations = sorted({r for _, r, _ in triples})

    def pick(self, items):
        return self.rng.choice(items) if items else None

    def anchor_of(self, node):
        """(relation, anchor) with anchor -relation-> node."""
        return self.pick(self.incoming.get(node, []))

    def two_relations(self, pair):
        rels = sorted(set(self.between[pair]))
        return self.rng.sample(rels, 2)

    def ground(self, kind):
        """(anchors {index: name}, relations {index: name}) or None."""
        p = self.pick
        if kind == "pni":
            e1 = p(self.nodes)
            f = p([t for _, t in self.out[e1]])
            a1, a3 = self.anchor_of(e1), self.anchor_of(f)
            if not a1 or not a3:
                return None
            return {1: a1[1], 2: a3[1]}, {1: a1[0], 2: p(self.relations), 3: a3[0]}
        if kind in ("2il", "3il"):
            f = p(sorted(self.incoming))
            edges = self.incoming[f]
            if len(edges) < (2 if kind == "2il" else 3):
                return None
            chosen = self.rng.sample(edges, 2 if kind == "2il" else 3)
            anchors = {i + 1: chosen[i][1] for i in range(len(chosen) - 1)}
            return anchors, {i + 1: chosen[i][0] for i in range(len(chosen))}
        if kind in ("2m", "2nm"):
            e1, f = p(self.multi)
            r2, r3 = self.two_relations((e1, f))
            if kind == "2nm":
                r3 = p(self.relations)
            a = self.anchor_of(e1)
            return a and ({1: a[1]}, {1: a[0], 2: r2, 3: r3})
        if kind == "3mp":
            e1, e2 = p(self.multi)
            r2, r4 = self.two_relations((e1, e2))
            f, a = p(self.out.get(e2, [])), self.anchor_of(e1)
            return f and a and ({1: a[1]}, {1: a[0], 2: r2, 3: f[0], 4: r4})
        if kind == "3pm":
            e2, f = p(self.multi)
            r3, r4 = self.two_relations((e2, f))
            b = self.anchor_of(e2)
            a = b and self.anchor_of(b[1])
            return a and ({1: a[1]}, {1: a[0], 2: b[0], 3: r3, 4: r4})
        if kind == "im":
            e1, f = p(self.multi)
            r3, r4 = self.two_relations((e1, f))
            a, b = self.anchor_of(e1), self.anchor_of(e1)
            return a and ({1: a[1], 2: b[1]}, {1: a[0], 2: b[0], 3: r3, 4: r4})
        if kind in ("3c", "3cm"):
            if kind == "3cm":
                e1, f = p(self.multi)
                r2, r6 = self.two_relations((e1, f))
            else:
                e1 = p(self.nodes)
                r2, f = p(self.out[e1])
                r6 = None
            middles = [(r, e2) for r, e2 in self.out.get(e1, [])
                       if e2 != f and (e2, f) in self.between]
            if not middles:
                return None
            r5, e2 = p(middles)
            r4 = p(self.between[(e2, f)])
            a, b = self.anchor_of(e1), self.anchor_of(e2)
            if not a or not b:
                return None
            relations = {1: a[0], 2: r2, 3: b[0], 4: r4, 5: r5}
            if r6:
                relations[6] = r6
            return {1: a[1], 2: b[1]}, relations
        raise ValueError(kind)


def main():
    args = template_check_arguments(__doc__, per_type=4, seed=10)
    train = read_triples(args.data, ("train",))
    full = read_triples(args.data, SPLITS)
    graph = Graph(train, random.Random(args.seed))

    lines = ['import "std/fit.kq";',
             f"graph g = load {json.dumps(os.path.abspath(args.data))};"]
    expected = []
    for kind, formula in FORMULAS.items():
        made, tries = 0, 0
        while made < args.per_type:
            tries += 1
            if tries > 10000:
                sys.exit(f"could not ground {kind}")
            grounded = graph.ground(kind)
            if not grounded:
                continue
            anchors, relations = grounded
            names = [anchors[i] for i in sorted(anchors)] + [relations[i] for i in sorted(relations)]
            arguments = ", ".join(json.dumps(name) for name in names)
            for splits, triples in ((("train",), train), (SPLITS, full)):
                lines.append(f"answer {kind}({arguments}) on g({', '.join(splits)});")
                expected.append((kind, names, splits, evaluate(formula, anchors, relations, triples)))
            made += 1
    program = write_program(args.work, "fit.kq", lines)

    sys.exit(compare_templates(run_both_ways(args.kqc, program, args.kqc_flag), expected))


if __name__ == "__main__":
    main()

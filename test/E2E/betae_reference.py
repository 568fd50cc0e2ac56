#!/usr/bin/env python3
"""The 14 BetaE query types of std/betae.kq against BetaE's set semantics.

Grounds every type on a real graph by backward walks from a random answer
(negated branches from random entities), answers the instances with kqc
through `import "std/betae.kq"` and template arguments, and compares with
the set-algebra definition of each type from the BetaE paper, computed here
by scans over the triple list.

    betae_reference.py --kqc KQC --data DIR --work DIR [--per-type N]
"""
import json
import os
import random
import subprocess
import sys

from reference_answers import (SPLITS, compare_templates, heads_to_tails, read_triples,
                               run_both_ways, template_check_arguments, write_program)


def p(triples, relation, sources):
    return heads_to_tails(triples, relation, sources)


# Each type: its anchors, its relations, and BetaE's set-algebra definition.
DEFINITIONS = {
    "1p": (1, 1, lambda T, e, r: p(T, r[0], {e[0]})),
    "2p": (1, 2, lambda T, e, r: p(T, r[1], p(T, r[0], {e[0]}))),
    "3p": (1, 3, lambda T, e, r: p(T, r[2], p(T, r[1], p(T, r[0], {e[0]})))),
    "2i": (2, 2, lambda T, e, r: p(T, r[0], {e[0]}) & p(T, r[1], {e[1]})),
    "3i": (3, 3, lambda T, e, r: p(T, r[0], {e[0]}) & p(T, r[1], {e[1]}) & p(T, r[2], {e[2]})),
    "ip": (2, 3, lambda T, e, r: p(T, r[2], p(T, r[0], {e[0]}) & p(T, r[1], {e[1]}))),
    "pi": (2, 3, lambda T, e, r: p(T, r[1], p(T, r[0], {e[0]})) & p(T, r[2], {e[1]})),
    "2u": (2, 2, lambda T, e, r: p(T, r[0], {e[0]}) | p(T, r[1], {e[1]})),
    "up": (2, 3, lambda T, e, r: p(T, r[2], p(T, r[0], {e[0]}) | p(T, r[1], {e[1]}))),
    "2in": (2, 2, lambda T, e, r: p(T, r[0], {e[0]}) - p(T, r[1], {e[1]})),
    "3in": (3, 3, lambda T, e, r: (p(T, r[0], {e[0]}) & p(T, r[1], {e[1]})) - p(T, r[2], {e[2]})),
    "inp": (2, 3, lambda T, e, r: p(T, r[2], p(T, r[0], {e[0]}) - p(T, r[1], {e[1]}))),
    "pin": (2, 3, lambda T, e, r: p(T, r[1], p(T, r[0], {e[0]})) - p(T, r[2], {e[1]})),
    "pni": (2, 3, lambda T, e, r: p(T, r[2], {e[1]}) - p(T, r[1], p(T, r[0], {e[0]}))),
}


class Grounder:
    """Backward walks on the training graph."""

    def __init__(self, triples, rng):
        self.rng = rng
        self.incoming = {}
        for h, r, t in triples:
            self.incoming.setdefault(t, []).append((r, h))
        self.targets = sorted(self.incoming)

    def chain_to(self, target, hops):
        """(anchor, [r1..rk]) with anchor -r1-> ... -rk-> target, or None."""
        relations, node = [], target
        for _ in range(hops):
            if node not in self.incoming:
                return None
            r, node = self.rng.choice(sorted(self.incoming[node]))
            relations.insert(0, r)
        return node, relations

    def pred(self, target):
        return self.rng.choice(sorted(self.incoming[target]))

    def anywhere(self, hops):
        return self.chain_to(self.rng.choice(self.targets), hops)

    def ground(self, kind):
        """(anchors, relations) of one instance of `kind`, or None."""
        t = self.rng.choice(self.targets)
        c = self.chain_to
        if kind in ("1p", "2p", "3p"):
            branch = c(t, int(kind[0]))
            return branch and ([branch[0]], branch[1])
        if kind in ("2i", "3i", "2u"):
            branches = [c(t, 1) for _ in range(2 if kind != "3i" else 3)]
            return [b[0] for b in branches], [b[1][0] for b in branches]
        if kind in ("ip", "up"):
            r3, x = self.pred(t)
            if x not in self.incoming:
                return None
            b1, b2 = c(x, 1), c(x, 1)
            return [b1[0], b2[0]], [b1[1][0], b2[1][0], r3]
        if kind == "pi":
            b1, b2 = c(t, 2), c(t, 1)
            return b1 and ([b1[0], b2[0]], b1[1] + b2[1])
        if kind in ("2in", "3in"):
            positives = [c(t, 1) for _ in range(1 if kind == "2in" else 2)]
            negative = self.anywhere(1)
            return ([b[0] for b in positives] + [negative[0]],
                    [b[1][0] for b in positives] + negative[1])
        if kind == "inp":
            r3, x = self.pred(t)
            if x not in self.incoming:
                return None
            b1, negative = c(x, 1), self.anywhere(1)
            return [b1[0], negative[0]], [b1[1][0], negative[1][0], r3]
        if kind == "pin":
            b1, negative = c(t, 2), self.anywhere(1)
            return b1 and ([b1[0], negative[0]], b1[1] + negative[1])
        if kind == "pni":
            negative, b2 = self.anywhere(2), c(t, 1)
            return negative and ([negative[0], b2[0]], negative[1] + b2[1])
        raise ValueError(kind)


def main():
    args = template_check_arguments(__doc__, per_type=5, seed=14)
    train = read_triples(args.data, ("train",))
    full = read_triples(args.data, SPLITS)
    grounder = Grounder(train, random.Random(args.seed))

    lines = ['import "std/betae.kq";',
             f"graph g = load {json.dumps(os.path.abspath(args.data))};"]
    expected = []
    for kind, (num_anchors, num_relations, definition) in DEFINITIONS.items():
        made = 0
        while made < args.per_type:
            grounded = grounder.ground(kind)
            if not grounded:
                continue
            anchors, relations = grounded
            assert len(anchors) == num_anchors and len(relations) == num_relations
            arguments = ", ".join(json.dumps(name) for name in anchors + relations)
            for splits, triples in ((("train",), train), (SPLITS, full)):
                lines.append(f"answer {kind}({arguments}) on g({', '.join(splits)});")
                expected.append((kind, anchors + relations, splits,
                                 definition(triples, anchors, relations)))
            made += 1
    program = write_program(args.work, "betae.kq", lines)

    sys.exit(compare_templates(run_both_ways(args.kqc, program, args.kqc_flag), expected))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The dense baseline of bench/neural: neural query answering the way QTO and
FIT do it, in PyTorch (python3-torch, CPU, 2 threads).

For every relation a benchmark uses, the calibrated truth matrix of
LANGUAGE.md ("Neural query answering") is computed densely, a block of
heads at a time (scores by a matrix product with the entity table, softmax
in float32 with float64 sums, the observed tails' calibration, the threshold and the cap),
and kept sparse (CSR, float64 values); then each instance is evaluated on
those matrices by its type's formula (the 14 BetaE types and FIT's 10;
cycles and multi-edges by enumerating the first existential variable over
its non-zero candidates, as FIT's exact method allows), and its hard
answers are ranked (KGReasoning's metrics, ties realistic).

Prints one JSON line a type, then `all`, with count, answers, mrr,
hits@1/3/10; and a last line with the seconds of each phase.

    torch_qto.py GRAPH_DIR MODEL_DIR BENCH.jsonl [--threshold 0.005]
        [--logic product|godel] [--only-relations K]
"""
import argparse
import json
import os
import re
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "test", "E2E"))
from linkpred_reference import load_graph  # noqa: E402

CAP = 1.0 - 0.001
TERM = r'("(?:[^"\\]|\\.)*"|\?\w+)'
ATOM = re.compile(r'("(?:[^"\\]|\\.)*")\(\s*' + TERM + r'\s*,\s*' + TERM + r'\s*\)')


def atoms_of(query):
    """[(relation, subject, object)] in the order of the text; constants are
    decoded names, variables keep their '?'."""
    out = []
    for match in ATOM.finditer(query):
        rel, subj, obj = (json.loads(x) if x.startswith('"') else x for x in match.groups())
        out.append((rel, subj, obj))
    return out


class Matrices:
    """The calibrated truth of each relation, computed densely, kept sparse."""

    def __init__(self, entity, relation, observed, threshold, block=512):
        self.entity, self.relation = entity, relation
        self.n = entity.shape[0]
        self.observed, self.threshold, self.block = observed, threshold, block
        self.csr, self.column_max = {}, {}

    def query_vectors(self, heads, r):
        re_h, im_h = self.entity[heads].chunk(2, dim=1)
        re_r, im_r = self.relation[r].chunk(2)
        return torch.cat([re_h * re_r - im_h * im_r, re_h * im_r + im_h * re_r], dim=1)

    def build(self, r):
        rows, cols, vals = [], [], []
        tails = self.observed.get(r, {})
        for start in range(0, self.n, self.block):
            heads = torch.arange(start, min(start + self.block, self.n))
            # float32 like QTO's and FIT's code, the sums in float64.
            scores = self.query_vectors(heads, r) @ self.entity.T
            scores -= scores.max(dim=1, keepdim=True).values
            e = torch.exp(scores)
            known = torch.zeros_like(e, dtype=torch.bool)
            for i, h in enumerate(heads.tolist()):
                if h in tails:
                    known[i, tails[h]] = True
            count = known.sum(dim=1).double()
            mass = (e * known).sum(dim=1, dtype=torch.float64)
            total = e.sum(dim=1, dtype=torch.float64)
            scale = torch.where(count > 0, count / torch.where(mass > 0, mass, 1.0), 1.0 / total)
            v = e.double() * scale[:, None]
            v = torch.where(v > self.threshold, v.clamp(max=CAP), torch.zeros_like(v))
            v[known] = 1.0
            i, j = torch.nonzero(v, as_tuple=True)
            rows.append(i + start)
            cols.append(j)
            vals.append(v[i, j])
        rows, cols, vals = torch.cat(rows), torch.cat(cols), torch.cat(vals)
        crow = torch.zeros(self.n + 1, dtype=torch.int64)
        crow[1:] = torch.cumsum(torch.bincount(rows, minlength=self.n), 0)
        self.csr[r] = (crow, cols, vals)

    def get(self, r):
        if r not in self.csr:
            self.build(r)
        return self.csr[r]

    def dense_rows(self, r, heads):
        """[len(heads), N] dense truth of the heads' rows."""
        crow, cols, vals = self.get(r)
        out = torch.zeros(len(heads), self.n, dtype=torch.float64)
        for k, h in enumerate(heads.tolist()):
            a, b = crow[h].item(), crow[h + 1].item()
            out[k, cols[a:b]] = vals[a:b]
        return out

    def max_over_heads(self, r):
        if r not in self.column_max:
            _, cols, vals = self.get(r)
            out = torch.zeros(self.n, dtype=torch.float64)
            out.scatter_reduce_(0, cols, vals, reduce="amax")
            self.column_max[r] = out
        return self.column_max[r]

    def nbytes(self):
        return sum(c.numel() * 8 + j.numel() * 8 + v.numel() * 8 for c, j, v in self.csr.values())


class Types:
    """Each type's formula on the sparse matrices (atoms in template order)."""

    def __init__(self, matrices, logic):
        self.m, self.logic = matrices, logic

    def t(self, a, b):
        return torch.minimum(a, b) if self.logic == "godel" else a * b

    def s(self, a, b):
        return torch.maximum(a, b) if self.logic == "godel" else a + b - a * b

    def anchor(self, e):
        v = torch.zeros(self.m.n, dtype=torch.float64)
        v[e] = 1.0
        return v

    def project(self, vec, r):
        """max_x T(vec(x), truth(x, r, y)) over the support of vec."""
        crow, cols, vals = self.m.get(r)
        support = torch.nonzero(vec, as_tuple=True)[0]
        out = torch.zeros(self.m.n, dtype=torch.float64)
        if len(support) == 0:
            return out
        starts, ends = crow[support], crow[support + 1]
        lengths = ends - starts
        owner = torch.repeat_interleave(support, lengths)
        offsets = torch.repeat_interleave(starts - torch.cumsum(lengths, 0) + lengths, lengths)
        index = torch.arange(int(lengths.sum())) + offsets
        out.scatter_reduce_(0, cols[index], self.t(vec[owner], vals[index]), reduce="amax")
        return out

    def over(self, vec, rows_of):
        """max over x in the support of vec of T(vec(x), rows_of(xs)[x, :])."""
        support = torch.nonzero(vec, as_tuple=True)[0]
        if len(support) == 0:
            return torch.zeros(self.m.n, dtype=torch.float64)
        return self.t(vec[support, None], rows_of(support)).max(dim=0).values

    def evaluate(self, kind, atoms, ent, rel):
        a = [(rel[r], ent.get(s), ent.get(o)) for r, s, o in atoms]
        P = lambda vec, i: self.project(vec, a[i][0])  # noqa: E731
        A = lambda i: self.anchor(a[i][1])  # noqa: E731
        R = lambda i, xs: self.m.dense_rows(a[i][0], xs)  # noqa: E731
        t, s = self.t, self.s
        if kind == "1p":
            return P(A(0), 0)
        if kind == "2p":
            return P(P(A(0), 0), 1)
        if kind == "3p":
            return P(P(P(A(0), 0), 1), 2)
        if kind == "2i":
            return t(P(A(0), 0), P(A(1), 1))
        if kind == "3i":
            return t(t(P(A(0), 0), P(A(1), 1)), P(A(2), 2))
        if kind == "ip":
            return P(t(P(A(0), 0), P(A(1), 1)), 2)
        if kind == "pi":
            return t(P(P(A(0), 0), 1), P(A(2), 2))
        if kind == "2u":
            return s(P(A(0), 0), P(A(1), 1))
        if kind == "up":
            return P(s(P(A(0), 0), P(A(1), 1)), 2)
        if kind == "2in":
            return t(P(A(0), 0), 1 - P(A(1), 1))
        if kind == "3in":
            return t(t(P(A(0), 0), P(A(1), 1)), 1 - P(A(2), 2))
        if kind == "inp":
            return P(t(P(A(0), 0), 1 - P(A(1), 1)), 2)
        if kind == "pin":
            return t(P(P(A(0), 0), 1), 1 - P(A(2), 2))
        if kind == "pni":  # BetaE's: !(exists x . r1(s1,x) & r2(x,y)) & r3(s2,y)
            return t(1 - P(P(A(0), 0), 1), P(A(2), 2))
        if kind == "fit.pni":  # r1(s1,e1) & !r2(e1,f) & r3(s2,f)
            return t(self.over(P(A(0), 0), lambda xs: 1 - R(1, xs)), P(A(2), 2))
        if kind == "fit.2il":
            return t(P(A(0), 0), self.m.max_over_heads(a[1][0]))
        if kind == "fit.3il":
            return t(t(P(A(0), 0), P(A(1), 1)), self.m.max_over_heads(a[2][0]))
        if kind == "fit.2m":
            return self.over(P(A(0), 0), lambda xs: t(R(1, xs), R(2, xs)))
        if kind == "fit.2nm":
            return self.over(P(A(0), 0), lambda xs: t(R(1, xs), 1 - R(2, xs)))
        if kind == "fit.3mp":  # r1(s1,e1) & r2(e1,e2) & r3(e2,f) & r4(e1,e2)
            # e1 enumerated, as kq plans it: the same products in the same
            # order, so that exact ties stay ties.
            first = P(A(0), 0)
            out = torch.zeros(self.m.n, dtype=torch.float64)
            for e1 in torch.nonzero(first, as_tuple=True)[0].tolist():
                xs = torch.tensor([e1])
                out = torch.maximum(out, t(first[e1], P(t(R(1, xs)[0], R(3, xs)[0]), 2)))
            return out
        if kind == "fit.3pm":  # r1(s1,e1) & r2(e1,e2) & r3(e2,f) & r4(e2,f)
            return self.over(P(P(A(0), 0), 1), lambda xs: t(R(2, xs), R(3, xs)))
        if kind == "fit.im":  # r1(s1,e1) & r2(s2,e1) & r3(e1,f) & r4(e1,f)
            return self.over(t(P(A(0), 0), P(A(1), 1)), lambda xs: t(R(2, xs), R(3, xs)))
        if kind in ("fit.3c", "fit.3cm"):
            # r1(s1,e1) & r2(e1,f) & r3(s2,e2) & r4(e2,f) & r5(e1,e2) [& r6(e1,f)]:
            # the cut variable e1 enumerated over its candidates.
            first, second = P(A(0), 0), P(A(2), 2)
            out = torch.zeros(self.m.n, dtype=torch.float64)
            for e1 in torch.nonzero(first, as_tuple=True)[0].tolist():
                xs = torch.tensor([e1])
                through = P(t(second, R(4, xs)[0]), 3)
                value = t(R(1, xs)[0], through)
                if kind == "fit.3cm":
                    value = t(value, R(5, xs)[0])
                out = torch.maximum(out, t(first[e1], value))
            return out
        raise ValueError(f"no formula for type {kind!r}")


def ranks(scores, easy, hard):
    """Realistic ranks of the hard answers among the entities that are no answer."""
    excluded = torch.zeros(len(scores), dtype=torch.bool)
    excluded[easy + hard] = True
    others = scores[~excluded]
    out = []
    for h in hard:
        value = scores[h]
        out.append(1 + int((others > value).sum()) + int((others == value).sum()) / 2)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph")
    parser.add_argument("model")
    parser.add_argument("bench")
    parser.add_argument("--threshold", type=float, default=0.005)
    parser.add_argument("--logic", default="product", choices=["product", "godel"])
    parser.add_argument("--only-relations", type=int, default=0,
                        help="build the matrices of this many relations, time them, and stop")
    args = parser.parse_args()
    torch.set_num_threads(2)
    start = time.monotonic()
    entities, relations, triples = load_graph(args.graph)
    entity = torch.from_numpy(np.load(os.path.join(args.model, "entity_embedding.npy"))).float()
    relation = torch.from_numpy(np.load(os.path.join(args.model, "relation_embedding.npy"))).float()
    observed = {}
    for h, r, t in triples["train"].tolist():
        observed.setdefault(r, {}).setdefault(h, []).append(t)
    instances = [json.loads(line) for line in open(args.bench, encoding="utf-8")]
    parsed = [atoms_of(inst["query"]) for inst in instances]
    loaded = time.monotonic()

    matrices = Matrices(entity, relation, observed, args.threshold)
    used = sorted({relations[r] for atoms in parsed for r, _, _ in atoms})
    for r in used[:args.only_relations] if args.only_relations else used:
        matrices.build(r)
    built = time.monotonic()
    if args.only_relations:
        print(json.dumps({"relations": len(matrices.csr), "relations_used": len(used),
                          "matrix_bytes": matrices.nbytes(), "seconds_matrices": built - loaded}))
        return

    types = Types(matrices, args.logic)
    order, per_type = [], {}
    for inst, atoms in zip(instances, parsed):
        scores = types.evaluate(inst["type"], atoms, entities, relations)
        hard = [entities[e] for e in inst["hard"]]
        r = np.array(ranks(scores, [entities[e] for e in inst["easy"]], hard))
        if inst["type"] not in per_type:
            order.append(inst["type"])
            per_type[inst["type"]] = []
        per_type[inst["type"]].append((len(r), (1 / r).mean(), (r <= 1).mean(), (r <= 3).mean(),
                                       (r <= 10).mean()))
    answered = time.monotonic()
    means = []
    for kind in order + ["all"]:
        if kind == "all":
            figures = np.mean(means, axis=0)
            count = len(instances)
            answers = sum(row[0] for rows in per_type.values() for row in rows)
        else:
            rows = np.array(per_type[kind])
            figures = rows[:, 1:].mean(axis=0)
            means.append(figures)
            count, answers = len(rows), int(rows[:, 0].sum())
        print(json.dumps({"type": kind, "count": count, "answers": int(answers),
                          "mrr": figures[0], "hits@1": figures[1], "hits@3": figures[2],
                          "hits@10": figures[3]}))
    print(json.dumps({"relations": len(used), "relations_used": len(used), "matrix_bytes": matrices.nbytes(),
                      "seconds_load": loaded - start, "seconds_matrices": built - loaded,
                      "seconds_answering": answered - built}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Batched PyTorch filtered link-prediction evaluator, the benchmark baseline.

Evaluates a model folder in the KnowledgeGraphEmbedding (RotatE) layout on a
split of a graph the way the kbc / CQD code bases do: on the CPU in float32
with two threads, for each batch of queries (h, r, ?) and (?, r, t) it
computes the full [batch, entities] score matrix (a matrix product with the
entity matrix for ComplEx and DistMult, broadcast distances over chunks of
entities for RotatE and TransE), sets the other known answers (train, valid,
test) to -inf, and ranks the target as 1 + the number of entities scoring
strictly higher. Prints one JSON line with count, mrr, mr, hits@1/3/10,
seconds_total and seconds_scoring (the scoring and ranking loop alone).

    torch_eval.py GRAPH_DIR MODEL_DIR SPLIT [--batch 500]
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

from make_model import SPLITS, graph_ids

# float32 elements of one [batch, chunk, dim] intermediate of the distance models.
CHUNK_ELEMENTS = 1 << 24
PI = 3.14159265358979323846


class Model:
    """Embeddings and the scoring functions of the RotatE code base."""

    def __init__(self, model_dir):
        with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
            config = json.load(f)
        self.family = config["model"].lower()
        self.gamma = float(config["gamma"])
        self.embedding_range = (self.gamma + 2.0) / float(config["hidden_dim"])
        self.entity = torch.from_numpy(
            np.load(os.path.join(model_dir, "entity_embedding.npy")).astype(np.float32))
        self.relation = torch.from_numpy(
            np.load(os.path.join(model_dir, "relation_embedding.npy")).astype(np.float32))
        self.buffers = {}

    def buffer(self, name, shape):
        """Scratch tensor reused across chunks."""
        size = int(np.prod(shape))
        buf = self.buffers.get(name)
        if buf is None or buf.numel() < size:
            buf = self.buffers[name] = torch.empty(size)
        return buf[:size].view(shape)

    def scores(self, anchor, rel, tail_batch):
        """[B, entities] scores; anchor is the head (tail_batch) or the tail."""
        a, r, e = self.entity[anchor], self.relation[rel], self.entity
        if self.family == "distmult":
            return (a * r) @ e.t()
        if self.family == "complex":
            re_a, im_a = a.chunk(2, dim=1)
            re_r, im_r = r.chunk(2, dim=1)
            if tail_batch:
                q = torch.cat([re_a * re_r - im_a * im_r, re_a * im_r + im_a * re_r], dim=1)
            else:
                q = torch.cat([re_r * re_a + im_r * im_a, re_r * im_a - im_r * re_a], dim=1)
            return q @ e.t()
        if self.family == "transe":
            q = a + r if tail_batch else r - a
            return self.distances(q, None, tail_batch)
        if self.family == "rotate":
            phase = r / (self.embedding_range / PI)
            re_r, im_r = torch.cos(phase), torch.sin(phase)
            re_a, im_a = a.chunk(2, dim=1)
            if tail_batch:
                re_q, im_q = re_a * re_r - im_a * im_r, re_a * im_r + im_a * re_r
            else:
                re_q, im_q = re_r * re_a + im_r * im_a, re_r * im_a - im_r * re_a
            return self.distances(re_q, im_q, tail_batch)
        raise ValueError(f"unsupported model family {self.family!r}")

    def distances(self, re_q, im_q, tail_batch):
        """gamma - distance of every entity to the query, over entity chunks.

        TransE (im_q None): L1 of (q - e) for tails, (e + q) for heads.
        RotatE: sum of moduli of (q - e)."""
        n, b, d = self.entity.shape[0], re_q.shape[0], re_q.shape[1]
        out = torch.empty(b, n)
        chunk = max(1, CHUNK_ELEMENTS // (b * d))
        if im_q is None:
            for s in range(0, n, chunk):
                e = self.entity[s:s + chunk]
                x = self.buffer("re", (b, e.shape[0], d))
                if tail_batch:
                    torch.sub(re_q[:, None, :], e[None, :, :], out=x)
                else:
                    torch.add(e[None, :, :], re_q[:, None, :], out=x)
                out[:, s:s + chunk] = self.gamma - x.abs_().sum(dim=2)
            return out
        re_e, im_e = self.entity.chunk(2, dim=1)
        for s in range(0, n, chunk):
            c = min(chunk, n - s)
            x, y = self.buffer("re", (b, c, d)), self.buffer("im", (b, c, d))
            torch.sub(re_q[:, None, :], re_e[None, s:s + c, :], out=x)
            torch.sub(im_q[:, None, :], im_e[None, s:s + c, :], out=y)
            x.square_().add_(y.square_()).sqrt_()
            out[:, s:s + c] = self.gamma - x.sum(dim=2)
        return out


def filter_index(triples, split):
    """Per direction: (anchor, relation, target, offsets, known) where the
    known answers of query i (every true answer, target included) are
    known[offsets[i]:offsets[i + 1]]."""
    tails, heads = {}, {}
    for s in SPLITS:
        for h, r, t in triples[s].tolist():
            tails.setdefault((h, r), []).append(t)
            heads.setdefault((r, t), []).append(h)
    rows = triples[split]
    out = {}
    for tail_batch in (False, True):
        lists = [tails[(h, r)] if tail_batch else heads[(r, t)] for h, r, t in rows.tolist()]
        offsets = np.zeros(len(lists) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(x) for x in lists])
        known = np.fromiter((e for x in lists for e in x), dtype=np.int64, count=offsets[-1])
        anchor, target = (rows[:, 0], rows[:, 2]) if tail_batch else (rows[:, 2], rows[:, 0])
        out[tail_batch] = tuple(torch.from_numpy(np.ascontiguousarray(v))
                                for v in (anchor, rows[:, 1], target, offsets, known))
    return out


def rank_all(model, index, batch):
    """Filtered optimistic ranks of every query, both directions."""
    ranks = []
    for tail_batch, (anchor, rel, target, offsets, known) in index.items():
        for s in range(0, len(anchor), batch):
            e = min(s + batch, len(anchor))
            scores = model.scores(anchor[s:e], rel[s:e], tail_batch)
            rows = torch.arange(e - s)
            true = scores[rows, target[s:e]].clone()
            lengths = offsets[s + 1:e + 1] - offsets[s:e]
            scores[torch.repeat_interleave(rows, lengths), known[offsets[s]:offsets[e]]] = \
                float("-inf")
            scores[rows, target[s:e]] = true
            ranks.append(1 + (scores > true[:, None]).sum(dim=1))
    return torch.cat(ranks).double()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph_dir")
    parser.add_argument("model_dir")
    parser.add_argument("split", choices=SPLITS)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    torch.set_num_threads(2)
    start = time.perf_counter()
    _, _, triples = graph_ids(args.graph_dir)
    model = Model(args.model_dir)
    index = filter_index(triples, args.split)
    with torch.no_grad():
        scoring = time.perf_counter()
        ranks = rank_all(model, index, args.batch)
        end = time.perf_counter()
    print(json.dumps({
        "count": int(ranks.numel()),
        "mrr": float((1.0 / ranks).mean()),
        "mr": float(ranks.mean()),
        "hits@1": float((ranks <= 1).double().mean()),
        "hits@3": float((ranks <= 3).double().mean()),
        "hits@10": float((ranks <= 10).double().mean()),
        "seconds_total": end - start,
        "seconds_scoring": end - scoring,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Trains a ComplEx link predictor briefly, kbc-style, for benchmarks.

`eval`'s cost depends on how peaked the model's softmaxes are: a row keeps
the tails whose calibrated truth passes the threshold. A model with random
weights is no stand-in for a trained one there: its observed tails score no
higher than any other, so the calibration (observed tails scaled to sum to
their number) lifts about half of every row to the cap. A few epochs of the
kbc recipe (1-vs-all cross-entropy over every entity, both directions of
each training triple with one relation embedding, N3 weight 0.05, Adagrad
at 0.1, batch 1000, initial weights times 1e-3) give scores as peaked as the
trained FB15k-237 model's.

Writes OUT_DIR in the layout of the KnowledgeGraphEmbedding code base, as
../shared/data/FB15k-237/ComplEx_200 has it: config.json,
entity_embedding.npy (real half, then imaginary half) and
relation_embedding.npy, float32, rows in kq's order of the graph's ids.

    train_complex.py GRAPH_DIR OUT_DIR [--rank 200] [--epochs 3] [--max-batches N]
        [--seed 0]
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test",
                                "E2E"))
from linkpred_reference import load_graph  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--rank", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--max-batches", type=int, default=0,
                        help="stop after this many batches (0: whole epochs)")
    parser.add_argument("--regularization", type=float, default=0.05)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    entities, relations, triples = load_graph(args.graph_dir)
    train = torch.from_numpy(triples["train"])
    rank = args.rank
    entity = torch.nn.Parameter(torch.randn(len(entities), 2 * rank) * 1e-3)
    relation = torch.nn.Parameter(torch.randn(len(relations), 2 * rank) * 1e-3)
    optimizer = torch.optim.Adagrad([entity, relation], lr=args.learning_rate)

    def parts(x):
        return x[:, :rank], x[:, rank:]

    started = time.monotonic()
    batches = 0
    for epoch in range(args.epochs):
        order = torch.randperm(len(train))
        total = 0.0
        for first in range(0, len(train), args.batch):
            if args.max_batches and batches == args.max_batches:
                break
            batches += 1
            batch = train[order[first:first + args.batch]]
            h, r, t = entity[batch[:, 0]], relation[batch[:, 1]], entity[batch[:, 2]]
            (h_re, h_im), (r_re, r_im), (t_re, t_im) = parts(h), parts(r), parts(t)
            e_re, e_im = parts(entity)
            # Tails: Re(<h r, conj(e)>). Heads: Re(<e, r conj(t)>).
            q_re, q_im = h_re * r_re - h_im * r_im, h_re * r_im + h_im * r_re
            tails = q_re @ e_re.T + q_im @ e_im.T
            w_re, w_im = r_re * t_re + r_im * t_im, r_im * t_re - r_re * t_im
            heads = w_re @ e_re.T - w_im @ e_im.T
            loss = (torch.nn.functional.cross_entropy(tails, batch[:, 2])
                    + torch.nn.functional.cross_entropy(heads, batch[:, 0]))
            n3 = sum(torch.sum(torch.sqrt(a ** 2 + b ** 2) ** 3)
                     for a, b in (parts(h), parts(r), parts(t)))
            loss = loss + args.regularization * n3 / len(batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += float(loss) * len(batch)
        print(f"epoch {epoch + 1}: {batches} batches, loss {total / len(train):.4f} "
              f"({time.monotonic() - started:.0f} s)", file=sys.stderr)

    os.makedirs(args.out_dir, exist_ok=True)
    config = {"model": "ComplEx", "hidden_dim": rank, "gamma": 0.0,
              "double_entity_embedding": True, "double_relation_embedding": True,
              "trained_with": f"kbc-style ComplEx-N3, 1-vs-all, Adagrad, {batches} batches of "
                              f"{args.batch}",
              "nentity": len(entities), "nrelation": len(relations)}
    with open(os.path.join(args.out_dir, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=1)
        f.write("\n")
    np.save(os.path.join(args.out_dir, "entity_embedding.npy"),
            entity.detach().numpy().astype(np.float32))
    np.save(os.path.join(args.out_dir, "relation_embedding.npy"),
            relation.detach().numpy().astype(np.float32))


if __name__ == "__main__":
    main()

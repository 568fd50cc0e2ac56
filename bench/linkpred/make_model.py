#!/usr/bin/env python3
"""Writes a synthetic link-prediction model for a graph, for benchmarks.

The model folder has the layout of the KnowledgeGraphEmbedding (RotatE) code
base: config.json (model, hidden_dim, gamma, double_entity_embedding,
double_relation_embedding, nentity, nrelation), entity_embedding.npy and
relation_embedding.npy, drawn uniformly in [-embedding_range,
embedding_range] with embedding_range = (gamma + 2) / rank, as that code base
initialises them. Rows follow the graph's entities.dict / relations.dict, or
without them the order of first appearance in train, valid, test.

    make_model.py GRAPH_DIR OUT_DIR --family complex --rank 500 --seed 0
        [--gamma 12] [--dtype float32] [--scale 1]
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test",
                                "E2E"))
from linkpred_reference import SPLITS, load_graph  # noqa: E402

# family: (name as the RotatE code base spells it, double entity, double relation)
FAMILIES = {
    "transe": ("TransE", False, False),
    "distmult": ("DistMult", False, False),
    "complex": ("ComplEx", True, True),
    "rotate": ("RotatE", True, False),
}


# The ids of the graph's entities and relations, as kq numbers them: the
# test suite's reference evaluator reads graphs the same way.
graph_ids = load_graph


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--family", choices=sorted(FAMILIES), default="complex")
    parser.add_argument("--rank", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--gamma", type=float, default=12.0)
    parser.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply every weight (peaked softmaxes, as trained models have)")
    args = parser.parse_args()

    entities, relations, _ = graph_ids(args.graph_dir)
    name, double_entity, double_relation = FAMILIES[args.family]
    embedding_range = (args.gamma + 2.0) / args.rank
    rng = np.random.default_rng(args.seed)
    entity = rng.uniform(-embedding_range, embedding_range,
                         (len(entities), 2 * args.rank if double_entity else args.rank))
    relation = rng.uniform(-embedding_range, embedding_range,
                           (len(relations), 2 * args.rank if double_relation else args.rank))
    entity *= args.scale
    relation *= args.scale
    config = {
        "model": name,
        "hidden_dim": args.rank,
        "gamma": args.gamma,
        "double_entity_embedding": double_entity,
        "double_relation_embedding": double_relation,
        "nentity": len(entities),
        "nrelation": len(relations),
    }
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    np.save(os.path.join(args.out_dir, "entity_embedding.npy"), entity.astype(args.dtype))
    np.save(os.path.join(args.out_dir, "relation_embedding.npy"), relation.astype(args.dtype))
    print(f"{args.out_dir}: {name} rank {args.rank}, entity {entity.shape}, "
          f"relation {relation.shape}, {args.dtype}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

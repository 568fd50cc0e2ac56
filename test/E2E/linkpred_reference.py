#!/usr/bin/env python3
"""Independent float64 evaluator of filtered link prediction for tests.

Reads a graph folder (train/valid/test.txt, optional entities.dict and
relations.dict) and a model folder in the layout of the KnowledgeGraphEmbedding
(RotatE) code base (config.json, entity_embedding.npy, relation_embedding.npy),
scores every entity for both directions of every triple of a split in float64
numpy with the scoring functions of that code base (TransE, DistMult, ComplEx,
RotatE), leaves out the other true answers found in train, valid or test, and
prints count, MRR, MR and Hits@1/3/10 as JSON lines, overall first.

    linkpred_reference.py GRAPH_DIR MODEL_DIR SPLIT
        [--ties optimistic|pessimistic|realistic] [--by-relation] [--by-direction]

Every record also has "near_ties": the number of ranks for which some
non-filtered candidate scores within 1e-5 (relative) of the true answer, the
ranks that a float32 evaluation may legitimately get differently.
Importable: evaluate(graph_dir, model_dir, split, ties) and compare(...).
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_answers import read_triples  # noqa: E402

SPLITS = ("train", "valid", "test")
TIES = ("optimistic", "pessimistic", "realistic")
NEAR_TIE_RTOL = 1e-5
# Elements of the [queries, entities, dim] intermediates per batch.
BATCH_ELEMENTS = 1 << 20


def read_split(graph_dir, split):
    """[(head, relation, tail)] names of one split file."""
    return read_triples(graph_dir, [split])


def read_dict(path):
    """{name: id} of an `id<TAB>name` file."""
    ids = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line:
                i, name = line.split("\t")
                ids[name] = int(i)
    return ids


def load_graph(graph_dir):
    """Entity and relation ids ({name: id}) and the id triples of every split.

    Ids come from the .dict files when present, otherwise from the order of
    first appearance in train, valid, test (head then tail of each line)."""
    named = {split: read_split(graph_dir, split) for split in SPLITS}
    ent_dict = os.path.join(graph_dir, "entities.dict")
    rel_dict = os.path.join(graph_dir, "relations.dict")
    if os.path.exists(ent_dict) and os.path.exists(rel_dict):
        entities, relations = read_dict(ent_dict), read_dict(rel_dict)
    else:
        entities, relations = {}, {}
        for split in SPLITS:
            for h, r, t in named[split]:
                entities.setdefault(h, len(entities))
                entities.setdefault(t, len(entities))
                relations.setdefault(r, len(relations))
    triples = {
        split: np.array([(entities[h], relations[r], entities[t]) for h, r, t in rows],
                        dtype=np.int64).reshape(-1, 3)
        for split, rows in named.items()
    }
    return entities, relations, triples


def load_model(model_dir):
    """(family, config, entity matrix, relation matrix), matrices in float64."""
    with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    family = config["model"].lower()
    if family not in ("transe", "distmult", "complex", "rotate"):
        raise ValueError(f"unsupported model family {config['model']!r}")
    entity = np.load(os.path.join(model_dir, "entity_embedding.npy")).astype(np.float64)
    relation = np.load(os.path.join(model_dir, "relation_embedding.npy")).astype(np.float64)
    dim = int(config["hidden_dim"])
    want_e = 2 * dim if config.get("double_entity_embedding") else dim
    want_r = 2 * dim if config.get("double_relation_embedding") else dim
    if entity.shape[1] != want_e or relation.shape[1] != want_r:
        raise ValueError(f"embedding shapes {entity.shape} / {relation.shape} do not "
                         f"match hidden_dim {dim} and the double_* flags")
    return family, config, entity, relation


_BUFFERS = {}


def buffer(name, shape):
    """A reused scratch array (fresh large allocations are slow to touch)."""
    buf = _BUFFERS.get(name)
    if buf is None or buf.size < int(np.prod(shape)):
        buf = _BUFFERS[name] = np.empty(int(np.prod(shape)))
    return buf[:int(np.prod(shape))].reshape(shape)


def score(family, config, entity, relation, anchors, rels, mode):
    """[len(anchors), nentity] scores of every entity as the missing end.

    mode "tail-batch": anchors are heads and candidates are tails;
    "head-batch": anchors are tails and candidates are heads.
    Written after KnowledgeGraphEmbedding's codes/model.py; the bilinear
    families sum their products through a matrix product."""
    gamma = float(config["gamma"])
    a = entity[anchors]                      # [B, D]
    r = relation[rels]                       # [B, Dr]
    n = entity.shape[0]
    if family == "transe":
        # head-batch: c + (r - a); tail-batch: (a + r) - c, as |.| the same
        # up to the sign of every component.
        q = (r - a) if mode == "head-batch" else -(a + r)
        s = buffer("d", (len(a), n, entity.shape[1]))
        np.add(entity[None, :, :], q[:, None, :], out=s)
        np.abs(s, out=s)
        return gamma - s.sum(axis=2)
    if family == "distmult":
        q = r * a                            # h * (r * t) / (h * r) * t
        return q @ entity.T
    re_a, im_a = np.split(a, 2, axis=1)
    if family == "complex":
        re_r, im_r = np.split(r, 2, axis=1)
        if mode == "head-batch":
            re_s = re_r * re_a + im_r * im_a
            im_s = re_r * im_a - im_r * re_a
        else:
            re_s = re_a * re_r - im_a * im_r
            im_s = re_a * im_r + im_a * re_r
        return np.concatenate([re_s, im_s], axis=1) @ entity.T
    embedding_range = (gamma + 2.0) / float(config["hidden_dim"])
    phase = r / (embedding_range / np.pi)
    re_r, im_r = np.cos(phase), np.sin(phase)
    if mode == "head-batch":
        re_q = re_r * re_a + im_r * im_a
        im_q = re_r * im_a - im_r * re_a
    else:
        re_q = re_a * re_r - im_a * im_r
        im_q = re_a * im_r + im_a * re_r
    re_c, im_c = np.split(entity, 2, axis=1)
    shape = (len(a), n, re_q.shape[1])
    re_s, im_s = buffer("re", shape), buffer("im", shape)
    np.subtract(re_q[:, None, :], re_c[None, :, :], out=re_s)
    np.subtract(im_q[:, None, :], im_c[None, :, :], out=im_s)
    np.multiply(re_s, re_s, out=re_s)
    np.multiply(im_s, im_s, out=im_s)
    np.add(re_s, im_s, out=re_s)
    np.sqrt(re_s, out=re_s)
    return gamma - re_s.sum(axis=2)


def known_answers(triples):
    """({(h, r): [tails]}, {(r, t): [heads]}) over all splits."""
    tails, heads = {}, {}
    for split in SPLITS:
        for h, r, t in triples[split].tolist():
            tails.setdefault((h, r), []).append(t)
            heads.setdefault((r, t), []).append(h)
    return tails, heads


def rank_queries(graph_dir, model_dir, split):
    """Per-rank arrays over both directions of every triple of `split`.

    Returns a dict of equal-length arrays: relation, direction (0 head,
    1 tail), greater, equal (non-filtered candidates scoring strictly higher
    or exactly the same as the true answer) and near (whether some
    non-filtered candidate is within NEAR_TIE_RTOL of it)."""
    entities, relations, triples = load_graph(graph_dir)
    family, config, entity, relation = load_model(model_dir)
    if entity.shape[0] != len(entities) or relation.shape[0] != len(relations):
        raise ValueError(f"model has {entity.shape[0]} entities / {relation.shape[0]} "
                         f"relations, graph has {len(entities)} / {len(relations)}")
    tails, heads = known_answers(triples)
    test = triples[split]
    n = entity.shape[0]
    batch = max(1, BATCH_ELEMENTS // (n * entity.shape[1]))
    out = {key: [] for key in ("relation", "direction", "greater", "equal", "near")}
    for direction, mode in ((0, "head-batch"), (1, "tail-batch")):
        for start in range(0, len(test), batch):
            rows = test[start:start + batch]
            h, r, t = rows[:, 0], rows[:, 1], rows[:, 2]
            anchors, targets = (t, h) if direction == 0 else (h, t)
            scores = score(family, config, entity, relation, anchors, r, mode)
            drop = np.zeros(scores.shape, dtype=bool)
            for i, (hh, rr, tt) in enumerate(rows.tolist()):
                known = heads[(rr, tt)] if direction == 0 else tails[(hh, rr)]
                drop[i, known] = True     # includes the target itself
            true = scores[np.arange(len(rows)), targets][:, None]
            keep = ~drop
            out["greater"].append(((scores > true) & keep).sum(axis=1))
            out["equal"].append(((scores == true) & keep).sum(axis=1))
            close = np.abs(scores - true) <= NEAR_TIE_RTOL * np.maximum(np.abs(scores),
                                                                         np.abs(true))
            out["near"].append((close & keep).any(axis=1))
            out["relation"].append(r)
            out["direction"].append(np.full(len(rows), direction))
    result = {key: np.concatenate(v) if v else np.zeros(0, dtype=np.int64)
              for key, v in out.items()}
    result["relation_names"] = {i: name for name, i in relations.items()}
    return result


def ranks_for(ranked, ties):
    """Float ranks under a tie policy."""
    if ties not in TIES:
        raise ValueError(f"ties must be one of {TIES}")
    optimistic = 1.0 + ranked["greater"]
    pessimistic = optimistic + ranked["equal"]
    if ties == "optimistic":
        return optimistic
    if ties == "pessimistic":
        return pessimistic
    return (optimistic + pessimistic) / 2.0


def metrics(ranks, near):
    """The metric record of a set of ranks."""
    count = int(len(ranks))
    if count == 0:
        return {"count": 0, "mrr": 0.0, "mr": 0.0, "hits@1": 0.0, "hits@3": 0.0,
                "hits@10": 0.0, "near_ties": 0}
    return {
        "count": count,
        "mrr": float(np.mean(1.0 / ranks)),
        "mr": float(np.mean(ranks)),
        "hits@1": float(np.mean(ranks <= 1)),
        "hits@3": float(np.mean(ranks <= 3)),
        "hits@10": float(np.mean(ranks <= 10)),
        "near_ties": int(np.sum(near)),
    }


def evaluate(graph_dir, model_dir, split, ties="optimistic"):
    """Overall filtered metrics of a model on a split (a dict)."""
    ranked = rank_queries(graph_dir, model_dir, split)
    return metrics(ranks_for(ranked, ties), ranked["near"])


def compare(expected, actual, tolerance):
    """Differences between two metric records, as a list of messages.

    Checks count, mrr, mr and hits@1/3/10 where `expected` has them (never
    near_ties): count must be equal, the others may differ by `tolerance`
    times max(1, |expected|), i.e. absolutely for MRR and Hits, relatively
    for MR."""
    problems = []
    for key in ("count", "mrr", "mr", "hits@1", "hits@3", "hits@10"):
        if key not in expected:
            continue
        if key not in actual:
            problems.append(f"{key}: missing (expected {expected[key]})")
            continue
        e, a = expected[key], actual[key]
        if key == "count":
            if int(e) != int(a):
                problems.append(f"count: expected {e}, got {a}")
        elif not abs(float(a) - float(e)) <= tolerance * max(1.0, abs(float(e))):
            problems.append(f"{key}: expected {e}, got {a} (tolerance {tolerance})")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph_dir")
    parser.add_argument("model_dir")
    parser.add_argument("split", choices=SPLITS)
    parser.add_argument("--ties", choices=TIES, default="optimistic")
    parser.add_argument("--by-relation", action="store_true")
    parser.add_argument("--by-direction", action="store_true")
    args = parser.parse_args()

    ranked = rank_queries(args.graph_dir, args.model_dir, args.split)
    ranks = ranks_for(ranked, args.ties)
    print(json.dumps(metrics(ranks, ranked["near"])))
    if args.by_direction:
        for code, name in ((0, "head"), (1, "tail")):
            sel = ranked["direction"] == code
            print(json.dumps({"direction": name, **metrics(ranks[sel], ranked["near"][sel])}))
    if args.by_relation:
        names = ranked["relation_names"]
        for rel in sorted(set(ranked["relation"].tolist())):
            sel = ranked["relation"] == rel
            print(json.dumps({"relation": names[rel], **metrics(ranks[sel], ranked["near"][sel])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

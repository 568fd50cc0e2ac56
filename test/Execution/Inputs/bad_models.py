#!/usr/bin/env python3
"""Writes model folders for the graph in GRAPH_DIR that are wrong in one way
each, for the run-time error tests of `model` statements:

    bad_models.py MAKE_MODEL GRAPH_DIR OUT_DIR

good (a correct DistMult model to start from), missing (no
relation_embedding.npy), shape (one entity row short), truncated (the entity
file cut short), fortran (Fortran order), dtype (int32 values), mixed
(float32 entities, float64 relations), family (config.json says TransE),
json (config.json is not JSON), magic (not an .npy file), nan (a NaN weight).
"""
import json
import os
import shutil
import subprocess
import sys

import numpy as np

make_model, graph, out = sys.argv[1:4]


def variant(name):
    folder = os.path.join(out, name)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(os.path.join(out, "good"), folder)
    return folder


shutil.rmtree(os.path.join(out, "good"), ignore_errors=True)
subprocess.run([sys.executable, make_model, graph, os.path.join(out, "good"),
                "--family", "distmult", "--rank", "8", "--seed", "1"],
               check=True, stdout=subprocess.DEVNULL)
entities = np.load(os.path.join(out, "good", "entity_embedding.npy"))

os.remove(os.path.join(variant("missing"), "relation_embedding.npy"))
np.save(os.path.join(variant("shape"), "entity_embedding.npy"), entities[:-1])
path = os.path.join(variant("truncated"), "entity_embedding.npy")
with open(path, "rb") as f:
    data = f.read()
with open(path, "wb") as f:
    f.write(data[:-10])
np.save(os.path.join(variant("fortran"), "entity_embedding.npy"), np.asfortranarray(entities))
np.save(os.path.join(variant("dtype"), "entity_embedding.npy"), entities.astype(np.int32))
folder = variant("mixed")
np.save(os.path.join(folder, "relation_embedding.npy"),
        np.load(os.path.join(folder, "relation_embedding.npy")).astype(np.float64))
folder = variant("family")
with open(os.path.join(folder, "config.json")) as f:
    config = json.load(f)
config["model"] = "TransE"
with open(os.path.join(folder, "config.json"), "w") as f:
    json.dump(config, f)
with open(os.path.join(variant("json"), "config.json"), "w") as f:
    f.write('{"model": "DistMult", "hidden_dim": 8,')
with open(os.path.join(variant("magic"), "entity_embedding.npy"), "w") as f:
    f.write("entity\tvalues\n")
poisoned = entities.copy()
poisoned[3, 5] = np.nan
np.save(os.path.join(variant("nan"), "entity_embedding.npy"), poisoned)

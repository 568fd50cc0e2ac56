#!/usr/bin/env python3
"""Writes .npy score files for a 6-instance benchmark of a 70-entity graph
into FOLDER: one good and each way one can be wrong.

    eval_scores.py FOLDER
"""
import os
import sys

import numpy as np

folder = sys.argv[1]
rng = np.random.default_rng(5)
good = rng.random((6, 70)).astype(np.float32)
np.save(os.path.join(folder, "good.npy"), good)
np.save(os.path.join(folder, "rows.npy"), good[:5])
np.save(os.path.join(folder, "columns.npy"), good[:, :69])
np.save(os.path.join(folder, "dtype.npy"), (good * 100).astype(np.int32))
np.save(os.path.join(folder, "fortran.npy"), np.asfortranarray(good.astype(np.float64)))
nan = good.copy()
nan[2, 7] = np.nan
np.save(os.path.join(folder, "nan.npy"), nan)
np.save(os.path.join(folder, "vector.npy"), good[0])

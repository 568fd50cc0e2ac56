#!/usr/bin/env python3
"""What the kq passes buy on a batch of FB15k-237 queries.

Grounds a batch of BetaE-type instances (the 14 types of std/betae.kq) on
the training graph, writes them as one .kq program, and times `kqc run` on it
with the full pass pipeline and with every kq pass disabled, alternating the
two in the same run. Prints the operation counts of the optimised and
unoptimised modules and the median wall-clock times, and checks that both
runs print the same answers.

    python3 bench/passes/bench_passes.py --kqc build/bin/kqc \\
        --data ../shared/data/FB15k-237 [--instances 5000] [--repeat 5]
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# The instance grounding of the end-to-end tests: backward walks from a
# random answer, so every instance has answers.
sys.path.insert(0, os.path.join(HERE, "..", "..", "test", "E2E"))
from betae_reference import DEFINITIONS, Grounder  # noqa: E402
from reference_answers import read_triples  # noqa: E402

ALL_PASSES = "kq-batch-templates,kq-normalize,kq-share,cse,kq-simplify,kq-fuse-projections,kq-order-intersections"


def count_operations(kqc, program, stage):
    out = subprocess.run([kqc, f"--emit={stage}", program], check=True,
                         capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if " = kq." in line)


def timed_run(kqc, program, extra):
    """(whole-process seconds, seconds running the compiled program, output)."""
    start = time.perf_counter()
    run = subprocess.run([kqc, "run", "--mlir-timing", *extra, program], check=True,
                         capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    executing = next(float(line.split()[0]) for line in run.stderr.splitlines()
                     if line.strip().endswith("running the program"))
    return elapsed, executing, run.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--instances", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    train = read_triples(args.data, ("train",))
    grounder = Grounder(train, random.Random(args.seed))
    kinds = list(DEFINITIONS)
    lines = ['import "std/betae.kq";',
             f"graph fb = load {json.dumps(os.path.abspath(args.data))};"]
    made = 0
    while made < args.instances:
        kind = kinds[made % len(kinds)]
        grounded = grounder.ground(kind)
        if not grounded:
            continue
        anchors, relations = grounded
        arguments = ", ".join(json.dumps(n) for n in anchors + relations)
        lines.append(f"answer {kind}({arguments}) on fb(train);")
        made += 1

    with tempfile.TemporaryDirectory() as folder:
        program = os.path.join(folder, "batch.kq")
        with open(program, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        before = count_operations(args.kqc, program, "mlir")
        after = count_operations(args.kqc, program, "mlir-opt")
        runs = {"on": [], "off": []}
        outputs = set()
        for _ in range(args.repeat):
            for key, extra in (("on", []), ("off", [f"--kq-disable={ALL_PASSES}"])):
                elapsed, executing, out = timed_run(args.kqc, program, extra)
                runs[key].append((elapsed, executing))
                outputs.add(out)

    def median(key, field):
        return statistics.median(run[field] for run in runs[key])

    print(f"FB15k-237, {args.instances} instances of the 14 BetaE types, "
          f"median of {args.repeat} runs each")
    print(f"  kq operations:     {before} without the kq passes, {after} with them "
          f"({100 * (before - after) / before:.1f}% fewer)")
    print(f"  {'':28} {'passes off':>11} {'pipeline':>10} {'speed-up':>9}")
    for field, name in ((1, "answering (compiled program)"), (0, "whole process")):
        off, on = median("off", field), median("on", field)
        print(f"  {name:28} {off:10.3f}s {on:9.3f}s {off / on:8.2f}x")
    print(f"  answers identical: {'yes' if len(outputs) == 1 else 'NO'}")
    sys.exit(0 if len(outputs) == 1 else 1)


if __name__ == "__main__":
    main()

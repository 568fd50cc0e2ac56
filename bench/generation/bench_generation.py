#!/usr/bin/env python3
"""Generating a BetaE-sized benchmark of FB15k-237 with kq.

Writes the program BetaE's FB15k-237 data set would be (the 14 types of
std/betae.kq with BetaE's instance counts: 149,689 training instances of
each of 2p, 3p, 2i, 3i, 60,000 of 1p (see below) and 14,968 of each type
with negation, on the training graph; 5,000 validation and 5,000 test instances of every type,
with easy answers from the graph before the split and hard answers from the
split; like BetaE's, a test query may also be a training query, with more
answers), runs it with `kqc run`, and
prints the time, the instances and bytes written, and the peak memory.

    bench_generation.py --kqc build/bin/kqc --data ../shared/data/FB15k-237 \\
        --work /tmp/kq-bench-generation [--scale 1.0]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

POSITIVE = ["1p", "2p", "3p", "2i", "3i"]
NEGATIVE = ["2in", "3in", "inp", "pin", "pni"]
ALL = ["1p", "2p", "3p", "2i", "3i", "ip", "pi", "2u", "up"] + NEGATIVE


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="fraction of BetaE's instance counts")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    def count(n):
        return max(1, int(n * args.scale))

    data = os.path.abspath(args.data)
    program = os.path.join(args.work, "betae_fb15k237.kq")
    statements = [
        'import "std/betae.kq";',
        f"graph fb = load {json.dumps(data)};",
        # BetaE's graph adds a reciprocal of every relation (474 relations);
        # the 237 relations of FB15k-237 have 80,570 distinct (head,
        # relation) pairs in training, and drawing 1p at random finds 60,000
        # of them quickly.
        f"bench train_1p = sample 1p from fb observed(train) full(train) "
        f"count {count(60000)} seed 5;",
        f"bench train = sample {', '.join(POSITIVE[1:])} from fb observed(train) full(train) "
        f"count {count(149689)} seed 1;",
        f"bench train_negative = sample {', '.join(NEGATIVE)} from fb observed(train) "
        f"full(train) count {count(14968)} seed 2;",
        f"bench valid = sample {', '.join(ALL)} from fb observed(train) full(train, valid) "
        f"count {count(5000)} seed 3;",
        f"bench test = sample {', '.join(ALL)} from fb observed(train, valid) "
        f"full(train, valid, test) count {count(5000)} seed 4;",
    ]
    outputs = ["train_1p", "train", "train_negative", "valid", "test"]
    statements += [f'emit {name} to "{name}.jsonl";' for name in outputs]
    with open(program, "w", encoding="utf-8") as f:
        f.write("\n".join(statements) + "\n")

    start = time.monotonic()
    result = subprocess.run([args.kqc, "run", program], capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(result.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    total_lines = total_bytes = 0
    print(f"FB15k-237, BetaE's instance counts x {args.scale:g}")
    for name in outputs:
        path = os.path.join(args.work, f"{name}.jsonl")
        with open(path, "rb") as f:
            lines = sum(1 for _ in f)
        size = os.path.getsize(path)
        total_lines += lines
        total_bytes += size
        print(f"  {name:15} {lines:8} instances {size / 1e6:9.1f} MB")
    print(f"  generated {total_lines} instances with their answers in {elapsed:.1f} s "
          f"({total_lines / elapsed:,.0f} instances/s), {total_bytes / 1e6:.0f} MB, "
          f"peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

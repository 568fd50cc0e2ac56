#!/usr/bin/env python3
"""Exact answering of the 14 BetaE query types on FB15k-237: kq against
SuiteSparse:GraphBLAS, in the same run.

Grounds INSTANCES instances (the 14 types of std/betae.kq in turn, by the
backward walks of the end-to-end tests, so every instance has answers) on
the training graph, then answers them with
  kq         `kqc run` of one program of `answer` statements; the time is
             --mlir-timing's "running the program" (graph loaded, program
             compiled), and the whole process;
  GraphBLAS  graphblas_answer.c: Boolean matrices per relation, vxm over
             (LOR, LAND), eWiseMult, eWiseAdd, complemented-mask assignment;
             the time is its answering loop (matrices built, instances read),
             with GraphBLAS's own threads (both cores);
alternating, REPEAT times, and checks that both find the same number of
answers for every instance.

    bench_answering.py --kqc build/bin/kqc --data ../shared/data/FB15k-237 \\
        --work /tmp/kq-bench-answering [--instances 10010] [--repeat 3]
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "test", "E2E"))
from betae_reference import DEFINITIONS, Grounder  # noqa: E402
from reference_answers import read_triples  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--instances", type=int, default=10010)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    data = os.path.abspath(args.data)

    grounder = Grounder(read_triples(data, ("train",)), random.Random(args.seed))
    kinds = list(DEFINITIONS)
    program_lines = ['import "std/betae.kq";', f"graph fb = load {json.dumps(data)};"]
    instance_lines = []
    while len(instance_lines) < args.instances:
        kind = kinds[len(instance_lines) % len(kinds)]
        grounded = grounder.ground(kind)
        if not grounded:
            continue
        anchors, relations = grounded
        names = anchors + relations
        program_lines.append(f"answer {kind}({', '.join(json.dumps(n) for n in names)}) on fb(train);")
        instance_lines.append("\t".join([kind] + names))
    program = os.path.join(args.work, "answers.kq")
    instances = os.path.join(args.work, "instances.tsv")
    with open(program, "w", encoding="utf-8") as f:
        f.write("\n".join(program_lines) + "\n")
    with open(instances, "w", encoding="utf-8") as f:
        f.write("\n".join(instance_lines) + "\n")
    baseline = os.path.join(args.work, "graphblas_answer")
    subprocess.run(["clang-19", "-O2", os.path.join(HERE, "graphblas_answer.c"), "-lgraphblas",
                    "-o", baseline], check=True)

    kq_answering, kq_whole, graphblas = [], [], []
    kq_counts = graphblas_counts = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        run = subprocess.run([args.kqc, "run", "--mlir-timing", program], capture_output=True,
                             text=True, check=True)
        kq_whole.append(time.perf_counter() - start)
        kq_answering.append(next(float(line.split()[0]) for line in run.stderr.splitlines()
                                 if line.strip().endswith("running the program")))
        kq_counts = [json.loads(line)["count"] for line in run.stdout.splitlines()]
        run = subprocess.run([baseline, data, instances], capture_output=True, text=True,
                             check=True)
        graphblas.append(float(re.search(r"answered in ([0-9.]+) s", run.stderr).group(1)))
        graphblas_counts = [int(line) for line in run.stdout.split()]

    n = len(instance_lines)
    kq_time, gb_time = statistics.median(kq_answering), statistics.median(graphblas)
    print(f"FB15k-237 training graph, {n} instances of the 14 BetaE types, median of {args.repeat}")
    print(f"  GraphBLAS (vxm, eWise, masks)   {gb_time:8.3f} s  {n / gb_time:10,.0f} instances/s")
    print(f"  kq (compiled program)           {kq_time:8.3f} s  {n / kq_time:10,.0f} instances/s"
          f"  = {gb_time / kq_time:.2f}x GraphBLAS")
    print(f"  kq whole process (load, compile, answer, write) {statistics.median(kq_whole):.3f} s")
    same = kq_counts == graphblas_counts
    print(f"  answer counts identical for every instance: {'yes' if same else 'NO'} "
          f"({sum(kq_counts)} answers in all)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

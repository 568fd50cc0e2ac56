#!/usr/bin/env python3
"""Neural query answering (`eval`) on FB15k-237 with the trained ComplEx
model: kq against the dense PyTorch method of QTO and FIT, same run.

Writes a program that samples a test benchmark of the 14 BetaE types and
FIT's 10 (std/fit.kq imported as `fit`) from FB15k-237 (observed: train;
full: train, valid, test), emits it and evaluates the model on it (logic
product, threshold 0.005, ties realistic). Then measures, alternating,
--repeat times each:

  kq       `kqc run` of that program, whole process (it also samples the
           benchmark, which the baseline reads from the emitted file); peak
           resident memory;
  PyTorch  torch_qto.py on the emitted benchmark: every relation's
           calibrated matrix dense, thresholded and kept sparse, then the
           queries on those; whole process and its phases; peak memory.

Prints both sides' metrics a type and their largest difference, the times,
the speed-up and the memory. With --nell, also NELL995 with a ComplEx
model of rank 200 trained for a few epochs
(train_complex.py: a random one's calibration degenerates): kq's time and
memory for the whole benchmark, and the dense method's for
--nell-relations relations, extrapolated to those the benchmark uses.

    bench_neural.py --kqc build/bin/kqc --data ../shared/data \\
        --work /tmp/kq-bench-neural [--count 100] [--types all|betae] [--repeat 1]
        [--nell]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NUMPY_PYTHON = "/usr/bin/python3"  # Debian's, with python3-numpy and python3-torch

BETAE = "1p 2p 3p 2i 3i ip pi 2u up 2in 3in inp pin pni".split()
FIT = ["fit." + t for t in "pni 2il 3il 2m 2nm 3mp 3pm im 3c 3cm".split()]


def measured(command):
    """(stdout, wall seconds, peak resident MB) of a command, run as the
    only child of a fresh interpreter so that its peak is its own."""
    probe = ("import resource,subprocess,sys,time;"
             "t=time.monotonic();"
             "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
             "w=time.monotonic()-t;"
             "sys.stderr.write(p.stderr);"
             "print(p.returncode,w,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
             "print(p.stdout,end='')")
    result = subprocess.run([NUMPY_PYTHON, "-c", probe] + command, capture_output=True, text=True)
    first, _, out = result.stdout.partition("\n")
    code, wall, peak = first.split()
    if int(code) != 0:
        sys.exit(f"{' '.join(command)} failed ({code}):\n{result.stderr}")
    return out, float(wall), int(peak) / 1024.0


def program(path, graph, model, types, count, seed, emitted, fit):
    lines = ['import "std/betae.kq";']
    if fit:
        lines.append('import "std/fit.kq" as fit;')
    lines += [f'graph g = load "{graph}";',
              f'model cx = complex "{model}" on g;',
              f"bench b = sample {', '.join(types)} from g observed(train) "
              f"full(train, valid, test) count {count} seed {seed};",
              f'emit b to "{emitted}";',
              "eval cx on b;"]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def records(text, key="type"):
    out = {}
    for line in text.splitlines():
        record = json.loads(line)
        if key in record:
            out[record[key]] = record
    return out


def compare(kq, torch):
    worst = 0.0
    print(f"  {'type':9} {'count':>5} {'answers':>7} {'kq mrr':>9} {'torch mrr':>9} "
          f"{'kq h@10':>8} {'torch h@10':>10}")
    for kind, mine in kq.items():
        theirs = torch.get(kind)
        if theirs is None:
            print(f"  {kind}: missing in the baseline")
            continue
        difference = max(abs(mine[k] - theirs[k]) for k in ("mrr", "hits@1", "hits@3", "hits@10"))
        worst = max(worst, difference)
        print(f"  {kind:9} {mine['count']:5} {mine['answers']:7} {mine['mrr']:9.5f} "
              f"{theirs['mrr']:9.5f} {mine['hits@10']:8.5f} {theirs['hits@10']:10.5f}")
    print(f"  largest difference of a metric: {worst:.2e}")
    return worst


def fb15k(args, kqc):
    graph = os.path.join(args.data, "FB15k-237")
    model = os.path.join(graph, "ComplEx_200")
    emitted = os.path.join(args.work, "fb-bench.jsonl")
    path = os.path.join(args.work, "fb.kq")
    types = BETAE + FIT if args.types == "all" else BETAE
    program(path, graph, model, types, args.count, args.seed, emitted, fit=args.types == "all")
    kq_times, torch_times = [], []
    for _ in range(args.repeat):
        out, wall, kq_peak = measured([kqc, "run", path])
        kq_times.append(wall)
        kq_out = out
        tout, twall, torch_peak = measured([NUMPY_PYTHON, os.path.join(HERE, "torch_qto.py"),
                                            graph, model, emitted])
        torch_times.append(twall)
    phases = json.loads(tout.splitlines()[-1])
    print(f"FB15k-237, ComplEx rank 200 (trained), {len(types)} types x {args.count} "
          f"instances, product logic, threshold 0.005, ties realistic")
    worst = compare(records(kq_out), records(tout))
    kq_time, torch_time = statistics.median(kq_times), statistics.median(torch_times)
    print(f"  kq (kqc run, sampling included)  {kq_time:8.1f} s   peak {kq_peak:7.0f} MB")
    print(f"  PyTorch dense (QTO/FIT method)   {torch_time:8.1f} s   peak {torch_peak:7.0f} MB")
    print(f"    its matrices: {phases['relations']} relations, "
          f"{phases['matrix_bytes'] / 2**20:.0f} MB sparse, built in "
          f"{phases['seconds_matrices']:.1f} s; queries {phases['seconds_answering']:.1f} s")
    print(f"  speed-up {torch_time / kq_time:.1f}x, memory {torch_peak / kq_peak:.1f}x less")
    return worst


def nell(args, kqc):
    graph = os.path.join(args.data, "NELL995")
    model = os.path.join(args.work, "nell-complex200")
    if not os.path.exists(os.path.join(model, "entity_embedding.npy")):
        # Briefly trained, not random: a random model's calibration keeps
        # half of every row (see train_complex.py), which no trained model
        # does.
        subprocess.run([NUMPY_PYTHON, os.path.join(HERE, "train_complex.py"), graph, model,
                        "--rank", "200", "--epochs", "1", "--max-batches",
                        str(args.nell_batches)], check=True)
    emitted = os.path.join(args.work, "nell-bench.jsonl")
    path = os.path.join(args.work, "nell.kq")
    types = BETAE + FIT if args.types == "all" else BETAE
    program(path, graph, model, types, args.nell_count, args.seed, emitted,
            fit=args.types == "all")
    out, wall, peak = measured([kqc, "run", path])
    print(f"NELL995 (63,361 entities), ComplEx rank 200 trained {args.nell_batches} batches, "
          f"{len(types)} types x {args.nell_count} instances")
    for kind, record in records(out).items():
        print(f"  {kind:9} {record['count']:5} {record['answers']:7} mrr {record['mrr']:.5f} "
              f"h@10 {record['hits@10']:.5f}")
    print(f"  kq (kqc run, sampling included)  {wall:8.1f} s   peak {peak:7.0f} MB")
    tout, twall, tpeak = measured([NUMPY_PYTHON, os.path.join(HERE, "torch_qto.py"), graph, model,
                                   emitted, "--only-relations", str(args.nell_relations)])
    phases = json.loads(tout.splitlines()[-1])
    used = phases["relations_used"]
    per = phases["seconds_matrices"] / phases["relations"]
    per_bytes = phases["matrix_bytes"] / phases["relations"]
    print(f"  PyTorch dense: {phases['relations']} of the {used} relations used in "
          f"{phases['seconds_matrices']:.1f} s ({per:.1f} s each), peak {tpeak:.0f} MB;")
    print(f"    all {used}: about {per * used / 3600:.1f} h and "
          f"{per_bytes * used / 2**30:.1f} GB of sparse matrices")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True, help="the shared data folder")
    parser.add_argument("--work", required=True)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--types", choices=["all", "betae"], default="all",
                        help="the 14 BetaE types and FIT's 10, or BetaE's alone")
    parser.add_argument("--nell", action="store_true")
    parser.add_argument("--nell-only", action="store_true", help="skip FB15k-237")
    parser.add_argument("--nell-count", type=int, default=20)
    parser.add_argument("--nell-relations", type=int, default=2)
    parser.add_argument("--nell-batches", type=int, default=60,
                        help="how long the NELL995 model trains (batches of 1000 triples)")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    args.data = os.path.abspath(args.data)
    kqc = os.path.abspath(args.kqc)
    if not args.nell_only:
        fb15k(args, kqc)
    if args.nell or args.nell_only:
        nell(args, kqc)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Filtered link prediction of a ComplEx model on FB15k-237: kq against
OpenBLAS sgemm (the roofline) and a batched PyTorch evaluator, same run.

Writes a ComplEx model of rank 500 for the graph (make_model.py: trained
weights are not needed to time the protocol, and both evaluators read the
same files), then measures, alternating, --repeat times each:

  kq       `kqc run` of `linkpred cx on fb(test);` (and the `kqc build`
           executable), whole process, with KQ_STATS=1 for the rank kernel's
           own time and rate;
  PyTorch  torch_eval.py (python3-torch, 2 threads, float32): whole process
           and its scoring loop;
  sgemm    sgemm_roofline.c: OpenBLAS cblas_sgemm on the same shapes
           (queries x dim times dim x entities), 2 threads.

Prints the medians, GFLOP/s, kq's rank kernel as a fraction of the sgemm
rate, the speed-up over PyTorch, peak memory, and whether the metrics agree.

    bench_linkpred.py --kqc build/bin/kqc --data ../shared/data/FB15k-237 \\
        --work /tmp/kq-bench-linkpred [--rank 500] [--repeat 3]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NUMPY_PYTHON = "/usr/bin/python3"  # Debian's, with python3-numpy and python3-torch


def timed(command, env=None):
    """(stdout, stderr, wall seconds) of a command."""
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    out, err = process.communicate()
    wall = time.monotonic() - start
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{err}")
    return out, err, wall


def peak_megabytes(command, env=None):
    """Peak resident memory of a command, in MB, measured by a fresh
    interpreter whose only child it is."""
    result = subprocess.run(["/usr/bin/env", "python3", "-c",
                             "import resource,subprocess,sys;"
                             "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True);"
                             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"]
                            + command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    return int(result.stdout.strip()) / 1024.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True, help="the FB15k-237 folder")
    parser.add_argument("--work", required=True)
    parser.add_argument("--rank", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-torch", action="store_true", help="skip PyTorch")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    kqc = os.path.abspath(args.kqc)
    data = os.path.abspath(args.data)

    model = os.path.join(args.work, f"complex{args.rank}")
    if not os.path.exists(os.path.join(model, "config.json")):
        subprocess.run([NUMPY_PYTHON, os.path.join(HERE, "make_model.py"), data, model,
                        "--family", "complex", "--rank", str(args.rank), "--seed", "0"],
                       check=True)
    program = os.path.join(args.work, "linkpred.kq")
    with open(program, "w", encoding="utf-8") as f:
        f.write(f'graph fb = load "{data}";\nmodel cx = complex "{model}" on fb;\n'
                f"linkpred cx on fb(test);\n")
    executable = os.path.join(args.work, "linkpred.exe")
    subprocess.run([kqc, "build", program, "-o", executable], check=True)
    roofline = os.path.join(args.work, "sgemm_roofline")
    subprocess.run(["clang-19", "-O2", os.path.join(HERE, "sgemm_roofline.c"), "-lopenblas",
                    "-o", roofline], check=True)

    env = dict(os.environ, KQ_STATS="1")
    runs = {"kq": [], "kq aot": [], "kernel": [], "torch": [], "torch scoring": [], "sgemm": []}
    kq_record = torch_record = None
    queries = None
    for _ in range(args.repeat):
        out, err, wall = timed([kqc, "run", program], env)
        kq_record = json.loads(out.splitlines()[0])
        stats = re.search(r"(\d+) rankings x (\d+) candidates .* rank kernel ([0-9.]+) s", err)
        queries, entities = int(stats.group(1)), int(stats.group(2))
        runs["kq"].append(wall)
        runs["kernel"].append(float(stats.group(3)))
        aot_out, _, aot_wall = timed([executable], env)
        if aot_out != out:
            sys.exit("the kqc build executable does not print what kqc run prints")
        runs["kq aot"].append(aot_wall)
        if not args.no_torch:
            out, _, wall = timed([NUMPY_PYTHON, os.path.join(HERE, "torch_eval.py"), data, model,
                                  "test"])
            torch_record = json.loads(out)
            runs["torch"].append(wall)
            runs["torch scoring"].append(torch_record["seconds_scoring"])
        out, _, _ = timed([roofline, "--queries", str(queries), "--dim", str(2 * args.rank),
                           "--entities", str(entities)])
        runs["sgemm"].append(json.loads(out)["seconds"])

    median = {name: statistics.median(times) for name, times in runs.items() if times}
    flops = 2.0 * queries * entities * 2 * args.rank
    rate = {name: flops / median[name] / 1e9 for name in ("kernel", "sgemm")}
    peak = peak_megabytes([kqc, "run", program])
    print(f"FB15k-237 test, {queries} rankings x {entities} entities, ComplEx rank {args.rank} "
          f"(dim {2 * args.rank}), {flops / 1e12:.2f} TFLOP of scoring; median of {args.repeat}")
    print(f"  sgemm (OpenBLAS, 2 threads)       {median['sgemm']:8.3f} s  {rate['sgemm']:6.1f} GFLOP/s")
    print(f"  kq rank kernel (fused epilogue)   {median['kernel']:8.3f} s  {rate['kernel']:6.1f} GFLOP/s"
          f"  = {rate['kernel'] / rate['sgemm']:.0%} of sgemm")
    print(f"  kq whole process (kqc run, JIT)   {median['kq']:8.3f} s  peak {peak:.0f} MB")
    print(f"  kq whole process (kqc build exe)  {median['kq aot']:8.3f} s")
    if runs["torch"]:
        print(f"  PyTorch whole process             {median['torch']:8.3f} s")
        print(f"  PyTorch scoring loop              {median['torch scoring']:8.3f} s")
        print(f"  speed-up over PyTorch: whole process {median['torch'] / median['kq']:.2f}x, "
              f"scoring {median['torch scoring'] / median['kernel']:.2f}x")
        differences = {key: abs(kq_record[key] - torch_record[key])
                       for key in ("mrr", "mr", "hits@1", "hits@3", "hits@10")}
        same = kq_record["count"] == torch_record["count"] and all(
            difference <= 5e-4 * max(1.0, abs(torch_record[key]))
            for key, difference in differences.items())
        print(f"  metrics agree with PyTorch (5e-4): {'yes' if same else 'NO'} "
              f"(largest difference {max(differences.values()):.2g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

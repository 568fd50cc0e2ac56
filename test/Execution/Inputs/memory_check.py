#!/usr/bin/env python3
"""Runs kqc, and an executable it built, under address-space limits from
too small to enough (`ulimit -v`, and --memory-limit), and prints what every
run ended with: exit 0, or exit 2 with one "out of memory while ..." line,
and never a crash, an abort (134) or a file left behind.

    memory_check.py KQC GRAPH_FOLDER WORK_FOLDER
"""
import os
import re
import resource
import subprocess
import sys

kqc, graph, work = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
os.makedirs(work, exist_ok=True)
os.chdir(work)
program = os.path.join(work, "sample.kq")
with open(program, "w") as f:
    f.write(f'import "std/betae.kq";\ngraph g = load "{graph}";\n'
            'bench b = sample 1p, 2p, 2i from g observed(train) full(train) count 500 seed 1;\n'
            f'emit b to "{os.path.join(work, "emitted.jsonl")}";\n')


def limited(kilobytes):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (kilobytes * 1024, kilobytes * 1024))
    return apply


def outcome(command, kilobytes=None, env=None):
    for name in os.listdir(work):
        if name.endswith(".jsonl"):
            os.remove(name)
    done = subprocess.run(command, capture_output=True, text=True, env=env,
                          preexec_fn=limited(kilobytes) if kilobytes else None)
    lines = done.stderr.strip().splitlines()
    left = sorted(n for n in os.listdir(work) if ".kq-" in n or n.endswith(".jsonl"))
    if done.returncode == 0:
        return "ok", left
    if done.returncode == 127 and "error while loading shared libraries" in done.stderr:
        return "too small to start", left  # the dynamic loader's, before kqc runs
    if done.returncode == 2 and len(lines) == 1 and re.search(r"error: out of memory while", lines[0]):
        return "out of memory", left
    return f"BAD status {done.returncode}: {done.stderr[:300]!r}", left


def sweep(label, command, limits, env=None):
    seen, bad = {}, []
    for kilobytes in limits:
        result, left = outcome(command, kilobytes, env)
        seen[result] = seen.get(result, 0) + 1
        if result.startswith("BAD") or (result != "ok" and left):
            bad.append((kilobytes, result, left))
    print(f"{label}: out of memory {seen.get('out of memory', 0) > 0}, "
          f"completed {seen.get('ok', 0) > 0}, bad {bad}")


env = dict(os.environ, KQ_CACHE_DIR=os.path.join(work, "cache"))
limits = list(range(150_000, 450_001, 25_000))
sweep("kqc run", [kqc, "run", program, "-o", "out.jsonl"], limits, env)

result, _ = outcome([kqc, "build", program, "-o", "sample.exe"], None, env)
print(f"build: {result}")
sweep("executable", [os.path.join(work, "sample.exe"), "-o", "out.jsonl"],
      list(range(20_000, 200_001, 20_000)), env)

def budget(label, command, env):
    """A run stopped by the memory budget: its status and message."""
    for name in os.listdir(work):
        if name.endswith(".jsonl"):
            os.remove(name)
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    left = sorted(n for n in os.listdir(work) if ".kq-" in n or n.endswith(".jsonl"))
    print(f"{label}: status {done.returncode}: {done.stderr.strip()} | left {left}")


budget("--memory-limit=20M", [kqc, "run", "--memory-limit=20M", program, "-o", "out.jsonl"], env)
budget("KQ_MEMORY_LIMIT=20M", [kqc, "run", program, "-o", "out.jsonl"],
       dict(env, KQ_MEMORY_LIMIT="20M"))
budget("executable KQ_MEMORY_LIMIT=20M", [os.path.join(work, "sample.exe"), "-o", "out.jsonl"],
       dict(env, KQ_MEMORY_LIMIT="20M"))
model = os.path.join(os.path.dirname(graph), "FB15k-237", "ComplEx_200")
linkpred = os.path.join(work, "linkpred.kq")
with open(linkpred, "w") as f:
    f.write(f'graph g = load "{graph}";\nmodel m = complex "{model}" on g;\nlinkpred m on g(test);\n')
budget("linkpred 64 threads in 60M", [kqc, "run", "--memory-limit=60M", linkpred, "-o", "out.jsonl"],
       dict(env, KQ_THREADS="64"))
result, left = outcome([kqc, "run", "--memory-limit=1G", linkpred, "-o", "out.jsonl"], None,
                       dict(env, KQ_THREADS="64"))
print(f"linkpred 64 threads in 1G: {result}, left {left}")
done = subprocess.run([kqc, "run", "--memory-limit=lots", program], capture_output=True, text=True)
print(f"--memory-limit=lots: status {done.returncode}: {done.stderr.strip()}")

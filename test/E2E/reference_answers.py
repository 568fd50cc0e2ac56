#!/usr/bin/env python3
"""End-to-end check of `kqc run` against an independent evaluator.

Picks 1p, 2p, 2i (and their inverse and negated variants) query instances
from a real graph with a fixed seed, writes them as one .kq program, runs
kqc on it, and compares every answer set with one computed here by a
different method: linear scans and joins over the list of triples, with no
index, no CSR and no set algebra shared with kq.

    reference_answers.py --kqc KQC --data DIR --work DIR [--per-shape N]

Exits non-zero on any difference, printing the query and both answer sets.
"""
import argparse
import json
import os
import random
import subprocess
import sys

SPLITS = ("train", "valid", "test")


def read_triples(folder, splits):
    triples = []
    for split in splits:
        with open(os.path.join(folder, split + ".txt"), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if line:
                    h, r, t = line.split("\t")
                    triples.append((h, r, t))
    return triples


def run_both_ways(kqc, program, flags=()):
    """kqc's output for `program`, run through the JIT and through an
    executable built by `kqc build` (both with `flags`, e.g. --kq-disable);
    the two must be byte-identical."""
    jit = subprocess.run([kqc, "run", *flags, program], capture_output=True, text=True)
    if jit.returncode != 0:
        print(jit.stderr, file=sys.stderr)
        sys.exit(f"kqc run exited with {jit.returncode}")
    executable = os.path.splitext(program)[0] + ".exe"
    build = subprocess.run([kqc, "build", *flags, program, "-o", executable],
                           capture_output=True, text=True)
    if build.returncode != 0:
        print(build.stderr, file=sys.stderr)
        sys.exit(f"kqc build exited with {build.returncode}")
    aot = subprocess.run([executable], capture_output=True, text=True)
    if aot.returncode != 0 or aot.stdout != jit.stdout:
        print(aot.stderr, file=sys.stderr)
        sys.exit("the executable kqc build made does not print what kqc run prints")
    print("JIT and AOT outputs identical")
    return jit.stdout


def template_check_arguments(description, per_type, seed):
    """The command line the template checks share."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--per-type", type=int, default=per_type)
    parser.add_argument("--kqc-flag", action="append", default=[],
                        help="passed to kqc run and kqc build, e.g. --kq-disable=...")
    parser.add_argument("--seed", type=int, default=seed)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    return args


def run(command):
    """The standard output of `command`; exits with its standard error if it fails."""
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {result.returncode}:\n{result.stderr}")
    return result.stdout


def emitted_bytes(kqc, program, other, emitted):
    """The bytes `program` emits to the file `emitted`, run through the JIT;
    prints whether an executable `kqc build` made of it writes the same
    bytes, a second run the same bytes, and `other` (the same program with
    another seed) other bytes."""
    def read():
        with open(emitted, "rb") as f:
            return f.read()
    run([kqc, "run", program])
    first = read()
    run([kqc, "build", program, "-o", os.path.splitext(program)[0] + ".exe"])
    os.remove(emitted)
    run([os.path.splitext(program)[0] + ".exe"])
    print("JIT and AOT emit the same bytes" if read() == first else "JIT and AOT DIFFER")
    run([kqc, "run", program])
    print("same seed, same bytes" if read() == first else "same seed, OTHER BYTES")
    run([kqc, "run", other])
    print("another seed, other bytes" if read() != first else "another seed, SAME BYTES")
    return first


def write_program(work, name, lines):
    """Writes the .kq program made of `lines` into `work`; returns its path."""
    program = os.path.join(work, name)
    with open(program, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return program


def compare_templates(output, expected):
    """Compares kqc's records of template instances with `expected`, a list
    of (template, arguments, splits, answer set); prints a summary by
    template and returns the exit status (1 on any difference)."""
    records = [json.loads(line) for line in output.splitlines()]
    if len(records) != len(expected):
        print(f"expected {len(expected)} records, kqc wrote {len(records)}", file=sys.stderr)
        return 1
    failures, sizes = 0, {}
    for record, (kind, arguments, splits, answers) in zip(records, expected):
        want = sorted(answers, key=lambda n: n.encode("utf-8"))
        sizes.setdefault(kind, []).append(len(want))
        if (record["query"], record["arguments"], record["splits"], record["answers"]) != \
                (kind, arguments, list(splits), want):
            failures += 1
            print(f"MISMATCH {kind}{tuple(arguments)} on {splits}:\n  kqc:       "
                  f"{record['answers'][:20]}\n  reference: {want[:20]}", file=sys.stderr)
    for kind, counts in sizes.items():
        print(f"{kind}: {len(counts)} answer sets, {sum(1 for n in counts if n)} non-empty")
    print(f"{len(expected) - failures} of {len(expected)} answer sets identical")
    return 1 if failures else 0


# --- the independent evaluator: scans over the triple list -----------------

def heads_to_tails(triples, relation, heads):
    """{t | (h, relation, t) in triples, h in heads} by one scan."""
    return {t for (h, r, t) in triples if r == relation and h in heads}


def tails_to_heads(triples, relation, tails):
    return {h for (h, r, t) in triples if r == relation and t in tails}


def evaluate(shape, triples, q):
    if shape == "1p":
        return heads_to_tails(triples, q["r1"], {q["a1"]})
    if shape == "1p_inverse":
        return tails_to_heads(triples, q["r1"], {q["a1"]})
    if shape == "2p":
        middle = heads_to_tails(triples, q["r1"], {q["a1"]})
        return heads_to_tails(triples, q["r2"], middle)
    if shape == "3p":
        first = heads_to_tails(triples, q["r1"], {q["a1"]})
        second = heads_to_tails(triples, q["r2"], first)
        return heads_to_tails(triples, q["r3"], second)
    if shape == "2i":
        return (heads_to_tails(triples, q["r1"], {q["a1"]})
                & heads_to_tails(triples, q["r2"], {q["a2"]}))
    if shape == "2in":
        return (heads_to_tails(triples, q["r1"], {q["a1"]})
                - heads_to_tails(triples, q["r2"], {q["a2"]}))
    if shape == "2u":
        return (heads_to_tails(triples, q["r1"], {q["a1"]})
                | heads_to_tails(triples, q["r2"], {q["a2"]}))
    raise ValueError(shape)


def formula(shape, q):
    s = lambda name: json.dumps(name)  # names as .kq strings (JSON escapes)
    a1, r1 = s(q["a1"]), s(q["r1"])
    if shape == "1p":
        return f"?y . {r1}({a1}, ?y)"
    if shape == "1p_inverse":
        return f"?y . {r1}(?y, {a1})"
    if shape == "2p":
        return f"?y . exists ?x . {r1}({a1}, ?x) & {s(q['r2'])}(?x, ?y)"
    if shape == "3p":
        return (f"?y . exists ?x, ?z . {r1}({a1}, ?x) & {s(q['r2'])}(?x, ?z)"
                f" & {s(q['r3'])}(?z, ?y)")
    a2, r2 = s(q["a2"]), s(q["r2"])
    if shape == "2i":
        return f"?y . {r1}({a1}, ?y) & {r2}({a2}, ?y)"
    if shape == "2in":
        return f"?y . {r1}({a1}, ?y) & !{r2}({a2}, ?y)"
    if shape == "2u":
        return f"?y . {r1}({a1}, ?y) | {r2}({a2}, ?y)"
    raise ValueError(shape)


# --- instance sampling (walks on the training graph) -------------------------

def sample_instances(triples, per_shape, rng):
    out_edges, in_edges = {}, {}
    for h, r, t in triples:
        out_edges.setdefault(h, []).append((r, t))
        in_edges.setdefault(t, []).append((r, h))
    heads = sorted(out_edges)
    tails = sorted(in_edges)
    instances = []

    def walk(start, hops):
        relations, node = [], start
        for _ in range(hops):
            if node not in out_edges:
                return None
            r, node = rng.choice(sorted(out_edges[node]))
            relations.append(r)
        return relations

    for shape in ("1p", "1p_inverse", "2p", "3p", "2i", "2in", "2u"):
        made = 0
        while made < per_shape:
            if shape in ("1p", "2p", "3p"):
                a1 = rng.choice(heads)
                relations = walk(a1, {"1p": 1, "2p": 2, "3p": 3}[shape])
                if relations is None:
                    continue
                q = {"a1": a1, **{f"r{i + 1}": r for i, r in enumerate(relations)}}
            elif shape == "1p_inverse":
                a1 = rng.choice(tails)
                r1, _ = rng.choice(sorted(in_edges[a1]))
                q = {"a1": a1, "r1": r1}
            else:
                # Two anchors that share a target, so 2i has an answer.
                target = rng.choice(tails)
                if len(in_edges[target]) < 2:
                    continue
                (r1, a1), (r2, a2) = rng.sample(sorted(in_edges[target]), 2)
                q = {"a1": a1, "r1": r1, "a2": a2, "r2": r2}
            instances.append((shape, q))
            made += 1
    return instances


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--per-shape", type=int, default=12)
    parser.add_argument("--kqc-flag", action="append", default=[],
                        help="passed to kqc run and kqc build, e.g. --kq-disable=...")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    train = read_triples(args.data, ("train",))
    full = read_triples(args.data, SPLITS)
    rng = random.Random(args.seed)
    instances = sample_instances(train, args.per_shape, rng)

    # Every instance is answered on train, and every other one also on the
    # full graph, so both kinds of view are compared.
    lines = [f"graph g = load {json.dumps(os.path.abspath(args.data))};"]
    expected = []
    for i, (shape, q) in enumerate(instances):
        name = f"q{i}_{shape}"
        lines.append(f"query {name} = {formula(shape, q)};")
        lines.append(f"answer {name} on g(train);")
        expected.append((name, shape, q, ("train",), evaluate(shape, train, q)))
        if i % 2 == 0:
            lines.append(f"answer {name} on g(train, valid, test);")
            expected.append((name, shape, q, SPLITS, evaluate(shape, full, q)))
    program = write_program(args.work, "queries.kq", lines)

    records = [json.loads(line) for line in run_both_ways(args.kqc, program, args.kqc_flag).splitlines()]
    if len(records) != len(expected):
        sys.exit(f"expected {len(expected)} records, kqc wrote {len(records)}")

    failures = 0
    nonempty = 0
    for record, (name, shape, q, splits, answers) in zip(records, expected):
        want = sorted(answers, key=lambda n: n.encode("utf-8"))
        ok = (record["query"] == name and record["splits"] == list(splits)
              and record["answers"] == want and record["count"] == len(want))
        nonempty += bool(want)
        if not ok:
            failures += 1
            print(f"MISMATCH {name} {shape} {q} on {splits}:\n  kqc:       "
                  f"{record['answers']}\n  reference: {want}", file=sys.stderr)
    by_shape = {}
    for _, shape, _, _, answers in expected:
        by_shape.setdefault(shape, []).append(len(answers))
    for shape, sizes in by_shape.items():
        print(f"{shape}: {len(sizes)} answer sets, sizes {min(sizes)}..{max(sizes)}")
    print(f"{len(expected) - failures} of {len(expected)} answer sets identical "
          f"({nonempty} non-empty)")
    if failures or nonempty < len(expected) // 2:
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Checks kqc's `linkpred` against the independent float64 evaluator.

Writes one .kq program that evaluates each model directory given, with the
tie policies and breakdowns of the options, runs it through the JIT and
through a `kqc build` executable (outputs must be byte-identical), and
compares every record with linkpred_reference.py's metrics of the same
group. Overall records must agree within --tolerance (the issue's 5e-4); a
group's may differ further by the ranks that are near-ties in float64
(one flip moves a metric by at most 1/count).

    linkpred_check.py --kqc KQC --work DIR --graph NAME=DIR \\
        --model NAME=GRAPH:FAMILY:DIR[:OPTIONS] ...

OPTIONS are the statement's options, e.g. "ties realistic per direction".
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linkpred_reference as reference  # noqa: E402
from reference_answers import run_both_ways, write_program  # noqa: E402


def expected_records(graph_dir, model_dir, split, ties, per):
    """Reference records keyed like kqc's: (relation or None, direction or None)."""
    ranked = reference.rank_queries(graph_dir, model_dir, split)
    ranks = reference.ranks_for(ranked, ties)
    records = {(None, None): reference.metrics(ranks, ranked["near"])}
    if per:
        names = ranked["relation_names"]
        groups = {}
        for i in range(len(ranks)):
            relation = names[int(ranked["relation"][i])] if "relation" in per else None
            # The reference numbers directions 0 = head, 1 = tail.
            direction = ("head" if ranked["direction"][i] == 0 else "tail") \
                if "direction" in per else None
            groups.setdefault((relation, direction), []).append(i)
        for key, rows in groups.items():
            records[key] = reference.metrics(ranks[rows], ranked["near"][rows])
    return records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--graph", action="append", default=[], help="NAME=DIR")
    parser.add_argument("--model", action="append", default=[],
                        help="NAME=GRAPH:FAMILY:DIR[:OPTIONS]")
    parser.add_argument("--split", default="test")
    parser.add_argument("--tolerance", type=float, default=5e-4)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    graphs = dict(spec.split("=", 1) for spec in args.graph)
    lines = [f'graph {name} = load "{folder}";' for name, folder in graphs.items()]
    statements = []
    for spec in args.model:
        name, rest = spec.split("=", 1)
        graph, family, folder, *options = rest.split(":")
        options = options[0] if options else ""
        lines.append(f'model {name} = {family} "{folder}" on {graph};')
        statements.append((name, graph, folder, options))
    for name, graph, _, options in statements:
        lines.append(f"linkpred {name} on {graph}({args.split}) {options};")
    output = run_both_ways(args.kqc, write_program(args.work, "linkpred.kq", lines))

    records = [json.loads(line) for line in output.splitlines()]
    failures = 0
    checked = 0
    for name, graph, folder, options in statements:
        words = options.split()
        ties = words[words.index("ties") + 1] if "ties" in words else "optimistic"
        per = words[words.index("per") + 1:] if "per" in words else []
        per = [p.strip(",") for p in per]
        expected = expected_records(graphs[graph], folder, args.split, ties, per)
        mine = [r for r in records if r["model"] == name]
        if len(mine) != len(expected):
            print(f"{name}: {len(mine)} records, expected {len(expected)}")
            failures += 1
            continue
        for record in mine:
            key = (record.get("relation"), record.get("direction"))
            reference_record = expected.get(key)
            if reference_record is None:
                print(f"{name}: unexpected record {record}")
                failures += 1
                continue
            tolerance = args.tolerance
            if key != (None, None):
                tolerance += reference_record["near_ties"] / max(1, reference_record["count"])
            problems = reference.compare(reference_record, record, tolerance)
            checked += 1
            if problems:
                failures += 1
                print(f"{name} {key}: " + "; ".join(problems))
        overall = mine[0]
        print(f"{name}: count {overall['count']} mrr {overall['mrr']:.4f} "
              f"hits@10 {overall['hits@10']:.4f}, {len(mine)} records agree" if not failures
              else f"{name}: checked")
    print(f"{checked - failures} of {checked} records agree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks `quiz … = kgquiz` and `emit` against the graph's triples.

Writes a program that draws COUNT items of each of the five formats from
the facts of SPLITS (with the distractor strategy DISTRACTORS) and emits
them; runs it through the JIT and a `kqc build` executable (the files must
be byte-identical), again with the same seed (the same bytes) and with
another seed (other bytes). Then every item's key is confirmed from the
triples read here: true facts are in the source splits, false ones and
distractors' in no split; the blank's answer is not in its prompt; an
edit's path is true with its answer and false with its wrong entity; an
open item's facts are about its entity.

    quiz_check.py --kqc KQC --data GRAPH --work DIR [--splits test]
        [--count N] [--seed S] [--distractors random|range|neighbourhood]
"""
import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_answers import emitted_bytes, read_triples, write_program  # noqa: E402

FORMATS = ["tf", "mc", "blank", "edit", "open"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--splits", default="test")
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--distractors", default="random")
    parser.add_argument("--keys", default="all")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    splits = args.splits.split(",")

    def program(seed):
        return write_program(args.work, f"quiz{seed}.kq", [
            f"graph g = load {json.dumps(os.path.abspath(args.data))};",
            f"quiz z = kgquiz from g({', '.join(splits)}) formats {', '.join(FORMATS)} "
            f"count {args.count} seed {seed} distractors {args.distractors} keys {args.keys};",
            'emit z to "quiz.jsonl";'])

    emitted = emitted_bytes(args.kqc, program(args.seed), program(args.seed + 1),
                            os.path.join(args.work, "quiz.jsonl"))

    source = set(read_triples(args.data, splits))
    everywhere = set(read_triples(args.data, ("train", "valid", "test")))
    tails_of = collections.defaultdict(set)
    for h, r, t in source:
        tails_of[r].add(t)
    items = [json.loads(line) for line in emitted.decode("utf-8").splitlines()]
    counts = collections.Counter(item["format"] for item in items)
    print("formats:", ", ".join(f"{f} {counts[f]}" for f in FORMATS))
    order = [item["format"] for item in items]
    assert order == sorted(order, key=FORMATS.index), "items are not in format order"

    problems = []
    def check(ok, item, what):
        if not ok:
            problems.append(f"{what}: {json.dumps(item)}")

    answers, ranged = collections.Counter(), collections.Counter()
    accepted, several = collections.Counter(), collections.Counter()
    tails_from, tails_of_head = collections.defaultdict(set), collections.defaultdict(set)
    for (h, r, t) in everywhere:
        tails_from[(h, r)].add(t)
        tails_of_head[h].add(t)
    prompts = [item["prompt"] for item in items]
    check(len(prompts) == len(set(prompts)), {"prompts": len(prompts)}, "no prompt twice")
    for item in items:
        kind, facts = item["format"], [tuple(f) for f in item["facts"]]
        if kind == "tf":
            check(len(facts) == 1, item, "tf rests on one fact")
            fact = facts[0]
            answers[item["answer"]] += 1
            if item["answer"] is True:
                check(fact in source, item, "a true statement's fact is in the source splits")
            else:
                check(item["answer"] is False and fact not in everywhere, item,
                      "a false statement's fact is in no split")
            check(fact[0] in item["prompt"] and fact[2] in item["prompt"], item,
                  "the statement names its fact's entities")
        elif kind == "mc":
            (h, r, t), = facts
            options = item["options"]
            check(len(options) >= 3 and len(set(options)) == len(options), item,
                  "at least 3 distinct options")
            check(item["answer"] == t and t in options and (h, r, t) in source, item,
                  "the answer completes a fact of the source splits")
            # The range's entities that make no fact: the distractors come from
            # them while there are enough.
            in_range = {e for e in tails_of[r] if e != t and (h, r, e) not in everywhere}
            for option in options:
                if option != t:
                    check((h, r, option) not in everywhere, item, "a distractor makes no fact")
                    if args.distractors == "range" and len(in_range) >= len(options) - 1:
                        check(option in in_range, item, "a distractor is in the range")
            if args.distractors == "range":
                ranged["items"] += 1
                ranged["in range"] += all(o in in_range for o in options if o != t)
        elif kind == "blank":
            (h, r, t), = facts
            check((h, r, t) in source and item["answer"] == t, item, "the blank is a fact's tail")
            check(t not in item["prompt"], item, "the prompt does not show the answer")
            # Every tail any split has for the blank is accepted, and only those.
            right = sorted(e for e in tails_from[(h, r)])
            check(item.get("answers") == right, item, "answers are every tail the graph has")
            check(args.keys != "unique" or len(right) == 1, item, "keys unique: one right answer")
            accepted["blank"] += len(item.get("answers", []))
            several["blank"] += len(item.get("answers", [])) > 1
        elif kind == "edit":
            check(len(facts) == 2, item, "an edit rests on a path of 2 facts")
            (h, r1, m), (m2, r2, t) = facts
            wrong, answer = item["wrong"], item["answer"]
            check(m == m2 == answer and all(f in source for f in facts), item,
                  "the path is true with the answer")
            check(wrong != answer and (h, r1, wrong) not in everywhere and
                  (wrong, r2, t) not in everywhere, item, "the path is false with the wrong entity")
            check(wrong in item["prompt"] and answer not in item["prompt"], item,
                  "the prompt shows the wrong entity, not the answer")
            # Every entity that makes both facts true is accepted, and only those.
            right = sorted(e for e in tails_from[(h, r1)] if e != wrong and (e, r2, t) in everywhere)
            check(item.get("answers") == right and answer in right, item,
                  "answers are every entity that makes the path true")
            check(args.keys != "unique" or len(right) == 1, item, "keys unique: one right answer")
            accepted["edit"] += len(item.get("answers", []))
            several["edit"] += len(item.get("answers", [])) > 1
        else:
            about = [tuple(f) for f in item["answer"]]
            check(about and about == facts and all(f in source for f in about), item,
                  "open answers are facts of the source splits")
            check(len({f[0] for f in about}) == 1 and about[0][0] in item["prompt"], item,
                  "open facts are about the entity the prompt names")
            # Claims are supported by any tail the entity has in the graph.
            head = about[0][0] if about else None
            right = sorted(tails_of_head[head])
            check(item.get("answers") == right, item, "open answers are every tail of the entity")
            accepted["open"] += len(item.get("answers", []))
            several["open"] += len(item.get("answers", [])) > len(about)
    print(f"true/false statements: {answers[True]} true, {answers[False]} false")
    for kind in ("blank", "edit", "open"):
        print(f"{kind}: {accepted[kind]} accepted answers confirmed by the triples, "
              f"{several[kind]} items with more than one")
    if args.distractors == "range":
        print(f"multiple choice with every distractor in the range: "
              f"{ranged['in range']} of {ranged['items']}")
    for problem in problems[:10]:
        print(problem)
    print(f"{len(items) - len(set(p.split(': ', 1)[1] for p in problems))} of {len(items)} "
          "items confirmed by the graph")


if __name__ == "__main__":
    main()

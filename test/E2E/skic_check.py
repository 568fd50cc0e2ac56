#!/usr/bin/env python3
"""Checks `prompt … = skic` prompts against the graph, independently of kq.

Writes a program that samples COUNT instances of each template on a graph,
renders their Skills-in-Context prompts with K worked examples and emits
them; runs it through the JIT and a `kqc build` executable (the files must
be byte-identical), again with the same seed (the same bytes) and with
another seed (other bytes). Then, for every line:
  - each template appears COUNT times;
  - `answers` is exactly the answer set of `query` on the full graph, as
    joins over binding tables compute it (bench_check.py), sorted;
  - the question names every constant of the query: each entity by its
    label (a labels file the checker writes gives every entity one) and
    each relation by its readable phrase (the labels are numbered against
    the names' order, so listing by name would show);
  - the skills shown are exactly the operations the query's BetaE type is
    answered by (a table read off the structures);
  - each skill's own example is right (where every set of it is shown in
    full): a follow gives what the relation gives, a combination the set
    operation of its two inputs;
  - there are K worked examples, other groundings of the same template
    (`examples`), each answered correctly on its Answer line (the answers'
    labels in their order, the first max_shown of them and how many more),
    and each of their steps names a skill shown.

    skic_check.py --kqc KQC --data GRAPH --work DIR --templates 2p,2i,... \\
        --count N --examples K --seed S
"""
import argparse
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_check import answers, edges_of, tokenize  # noqa: E402
from reference_answers import emitted_bytes, read_triples, write_program  # noqa: E402

MAX_SHOWN = 8


LABELS = {}


def label_of(name):
    """The checker's own label of an entity: unlike its name, and numbered
    against the names' order, so that sets listed by name would be out of
    the labels' order."""
    return LABELS[name]


def phrase(relation):
    """A relation's readable phrase: its words, without path separators."""
    words = []
    for word in re.split(r"[/._ ]", relation):
        if word and (not words or words[-1] != word):
            words.append(word)
    return " ".join(words) or relation


def constants(query):
    """The entities and relations a grounded query names."""
    tokens = tokenize(query)
    entities, relations = set(), set()
    for i, (kind, value) in enumerate(tokens):
        if kind == "string":
            followed_by_paren = i + 1 < len(tokens) and tokens[i + 1] == ("punct", "(")
            (relations if followed_by_paren else entities).add(value)
    return entities, relations


# The operations each BetaE type is answered by, read off its structure:
# every branch follows relations; branches that meet intersect, unite, or
# one excludes another.
NEEDED_SKILLS = {
    "1p": {"follow"}, "2p": {"follow"}, "3p": {"follow"},
    "2i": {"follow", "intersect"}, "3i": {"follow", "intersect"},
    "ip": {"follow", "intersect"}, "pi": {"follow", "intersect"},
    "2u": {"follow", "unite"}, "up": {"follow", "unite"},
    "2in": {"follow", "exclude"}, "3in": {"follow", "intersect", "exclude"},
    "inp": {"follow", "exclude"}, "pin": {"follow", "exclude"}, "pni": {"follow", "exclude"},
}


def shown_list(text):
    """The texts listed in an Answer line, in order, and how many more it
    says there are."""
    more = re.search(r"; and (\d+) more$", text)
    if more:
        text = text[:more.start()]
    return [t for t in text.split("; ") if t], int(more.group(1)) if more else 0


# The worked examples of std/skills.kq's skills, as their step texts read.
SET = r"\{([^{}]*)\}"
SKILL_EXAMPLES = {
    "follow": re.compile(rf'^following "X (.+) Y" from X in {SET} gives Y in {SET}$'),
    "follow_back": re.compile(rf'^following "X (.+) Y" back from Y in {SET} gives X in {SET}$'),
    "intersect": re.compile(rf"^the entities in all of {SET} and {SET} are {SET}$"),
    "unite": re.compile(rf"^the entities in any of {SET} and {SET} are {SET}$"),
    "exclude": re.compile(rf"^the entities of {SET} that are not in {SET} are {SET}$"),
}


def skill_example_problem(skill, example, edges, entity_of):
    """Whether a skill's worked example could be checked (not when a set of
    it is shown only in part), and what is wrong with it, or None: a
    follow's result must be what the relation (one with that phrase) gives,
    a combination's the set operation of its two inputs."""
    match = SKILL_EXAMPLES[skill].match(example)
    if not match:
        return True, f"unreadable example {example!r}"
    *fields, = match.groups()
    sets = []
    for field in fields[-3:] if skill not in ("follow", "follow_back") else fields[1:]:
        listed, more = shown_list(field)
        if more:
            return False, None
        sets.append({entity_of[text] for text in listed})
    if skill in ("follow", "follow_back"):
        (start,), result = sets
        back = skill == "follow_back"
        for relation in (r for r in edges if phrase(r) == fields[0]):
            if result == {t if not back else h for h, t in edges[relation]
                          if (h if not back else t) == start}:
                return True, None
        return True, f"no relation read {fields[0]!r} gives {example!r}"
    a, b, result = sets
    expected = {"intersect": a & b, "unite": a | b, "exclude": a - b}[skill]
    return True, None if result == expected else f"the {skill} example is wrong: {example!r}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--templates", required=True)
    parser.add_argument("--count", type=int, default=4)
    parser.add_argument("--examples", type=int, default=2)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    kqc, templates = args.kqc, args.templates.split(",")
    full = read_triples(args.data, ["train", "valid", "test"])
    domain = {e for h, _, t in full for e in (h, t)}
    labels = os.path.join(args.work, "labels.tsv")
    by_name = sorted(domain, key=lambda s: s.encode())
    for rank, entity in enumerate(by_name):
        LABELS[entity] = f"Entity {len(by_name) - rank:06d} {entity.replace('_', ' ')}"
    with open(labels, "w", encoding="utf-8") as f:
        for entity in by_name:
            f.write(f"{entity}\t{label_of(entity)}\n")

    def program(seed, name):
        return write_program(args.work, name, [
            'import "std/betae.kq";',
            f'graph g = load "{os.path.abspath(args.data)}" labels "{labels}";',
            f"bench b = sample {', '.join(templates)} from g observed(train) "
            f"full(train, valid, test) count {args.count} seed {seed} max_answers 40;",
            f"prompt p = skic over b examples {args.examples} seed {seed};",
            'emit p to "skic.jsonl";'])

    jit = emitted_bytes(kqc, program(args.seed, "skic.kq"), program(args.seed + 1, "other.kq"),
                        os.path.join(args.work, "skic.jsonl"))

    edges = edges_of(full)
    lines = [json.loads(line) for line in jit.decode("utf-8").splitlines()]
    per_type = collections.Counter(line["type"] for line in lines)
    problems = []
    for name in templates:
        if per_type[name] != args.count:
            problems.append(f"{name}: {per_type[name]} prompts, expected {args.count}")
    checked_examples = checked_skills = 0
    entity_of = {label_of(e): e for e in domain}
    for line in lines:
        query, prompt = line["query"], line["prompt"]
        expected = sorted(answers(query, edges, domain), key=lambda s: s.encode())
        if line["answers"] != expected:
            problems.append(f"{query}: {len(line['answers'])} answers, the graph has "
                            f"{len(expected)}")
        question = prompt[prompt.rindex("\nQuestion: "):]
        entities, relations = constants(query)
        for entity in entities:
            if label_of(entity) not in question:
                problems.append(f"{query}: the question does not name {entity}")
        for relation in relations:
            if phrase(relation) not in question:
                problems.append(f"{query}: the question does not name {relation}")
        shown = set(re.findall(r"^Skill (\w+): ", prompt, re.M))
        for skill, example in re.findall(r"^Skill (\w+): .*\nExample: (.*)$", prompt, re.M):
            checked, problem = skill_example_problem(skill, example, edges, entity_of)
            if problem:
                problems.append(f"{query}: {problem}")
            checked_skills += checked
        if shown != NEEDED_SKILLS[line["type"]]:
            problems.append(f"{query}: skills {sorted(shown)}, expected "
                            f"{sorted(NEEDED_SKILLS[line['type']])}")
        blocks = re.split(r"^Worked example \d+:\n", prompt, flags=re.M)[1:]
        if len(blocks) != args.examples or len(line["examples"]) != args.examples:
            problems.append(f"{query}: {len(blocks)} worked examples, expected {args.examples}")
            continue
        for block, example in zip(blocks, line["examples"]):
            if example == query:
                problems.append(f"{query}: a worked example is the question itself")
            steps = re.findall(r"^Step \d+ \((\w+)\): ", block, re.M)
            if not steps or not set(steps) <= shown:
                problems.append(f"{example}: steps {steps} name skills not shown")
            answer_line = re.search(r"^Answer: (.*)$", block, re.M).group(1)
            listed, more = shown_list(answer_line)
            # The first answers in the order of their texts, and the count of
            # the rest.
            truth = sorted((label_of(e) for e in answers(example, edges, domain)),
                           key=lambda s: s.encode())
            if listed != truth[:len(listed)] or len(listed) + more != len(truth) or \
                    (more and len(listed) != MAX_SHOWN):
                problems.append(f"{example}: the worked example answers {answer_line!r}")
            checked_examples += 1
    for problem in problems[:10]:
        print(problem)
    print(f"{len(lines)} prompts, {checked_skills} skill examples and {checked_examples} "
          f"worked examples checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

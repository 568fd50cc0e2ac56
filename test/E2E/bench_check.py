#!/usr/bin/env python3
"""Checks `bench … = sample` and `emit` against an independent evaluator.

Writes a program that samples COUNT instances of each template of a
standard-library module on a graph (observed: train; full: train, valid,
test) and emits them; runs it through the JIT and a `kqc build` executable
(the emitted files must be byte-identical), again with the same seed (the
same bytes) and with another seed (other bytes). Then, for every emitted
line: the type appears COUNT times; the query text is parsed here and
evaluated by joins over binding tables on the observed and on the full
graph, and the easy answers must be exactly those of the observed graph,
the hard ones those of the full graph that are not easy, at least one, both
sorted. Finally the first instance of each type is compiled back by kqc
(`query q = TEXT; answer q on g(train);`) and must answer its easy set.

    bench_check.py --kqc KQC --data GRAPH --work DIR --module std/betae.kq \\
        --templates 1p,2p,... --count N --seed S
"""
import argparse
import collections
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_answers import emitted_bytes, read_triples, run, write_program  # noqa: E402

TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<var>\?[A-Za-z0-9_]+)|'
                   r'(?P<word>exists)\b|(?P<punct>[().,&|!]))')


def tokenize(text):
    tokens, at = [], 0
    while at < len(text):
        if text[at:].strip() == "":
            break
        match = TOKEN.match(text, at)
        if not match:
            raise ValueError(f"cannot read {text[at:]!r}")
        kind = match.lastgroup
        value = match.group(kind)
        tokens.append((kind, json.loads(value) if kind == "string" else value))
        at = match.end()
    return tokens


class Parser:
    """query := ?v '.' formula, with kq's precedence: exists < | < & < !."""

    def __init__(self, text):
        self.tokens, self.at = tokenize(text), 0

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else (None, None)

    def take(self, value=None):
        token = self.tokens[self.at]
        if value is not None and token[1] != value:
            raise ValueError(f"expected {value}, got {token}")
        self.at += 1
        return token

    def query(self):
        answer = self.take()[1]
        self.take(".")
        formula = self.formula()
        if self.at != len(self.tokens):
            raise ValueError("text after the formula")
        return answer, formula

    def formula(self):
        if self.peek()[1] == "exists":
            self.take()
            variables = [self.take()[1]]
            while self.peek()[1] == ",":
                self.take()
                variables.append(self.take()[1])
            self.take(".")
            return ("exists", variables, self.formula())
        operands = [self.conjunction()]
        while self.peek()[1] == "|":
            self.take()
            operands.append(self.conjunction())
        return operands[0] if len(operands) == 1 else ("or", operands)

    def conjunction(self):
        operands = [self.unary()]
        while self.peek()[1] == "&":
            self.take()
            operands.append(self.unary())
        return operands[0] if len(operands) == 1 else ("and", operands)

    def unary(self):
        if self.peek()[1] == "!":
            self.take()
            return ("not", self.unary())
        if self.peek()[1] == "(":
            self.take()
            inner = self.formula()
            self.take(")")
            return inner
        if self.peek()[1] == "exists":
            return self.formula()
        relation = self.take()[1]
        self.take("(")
        subject = self.take()
        self.take(",")
        obj = self.take()
        self.take(")")
        return ("atom", relation, subject, obj)


class Table:
    """Rows of bindings of `variables` (a tuple of names)."""

    def __init__(self, variables, rows):
        self.variables, self.rows = tuple(variables), set(rows)

    def join(self, other):
        shared = [v for v in self.variables if v in other.variables]
        extra = [v for v in other.variables if v not in self.variables]
        index = collections.defaultdict(list)
        for row in other.rows:
            key = tuple(row[other.variables.index(v)] for v in shared)
            index[key].append(tuple(row[other.variables.index(v)] for v in extra))
        rows = set()
        for row in self.rows:
            key = tuple(row[self.variables.index(v)] for v in shared)
            for rest in index.get(key, ()):
                rows.add(row + rest)
        return Table(self.variables + tuple(extra), rows)

    def without(self, other):
        positions = [self.variables.index(v) for v in other.variables]
        return Table(self.variables, {row for row in self.rows
                                      if tuple(row[p] for p in positions) not in other.rows})

    def project(self, variables):
        positions = [self.variables.index(v) for v in variables]
        return Table(variables, {tuple(row[p] for p in positions) for row in self.rows})


def evaluate(formula, edges, domain):
    kind = formula[0]
    if kind == "atom":
        _, relation, subject, obj = formula
        variables, rows = [], set()
        for head, tail in edges.get(relation, ()):
            values, binding, ok = [], {}, True
            for (term_kind, term), value in ((subject, head), (obj, tail)):
                if term_kind == "string":
                    ok &= term == value
                elif term in binding:
                    ok &= binding[term] == value
                else:
                    binding[term] = value
            if ok:
                rows.add(tuple(binding.values()))
                variables = list(binding.keys())
        if not variables:
            variables = [t for k, t in (subject, obj) if k == "var"]
            variables = list(dict.fromkeys(variables))
        return Table(variables, rows)
    if kind == "domain":
        return Table((formula[1],), {(e,) for e in domain})
    if kind == "exists":
        inner = evaluate(formula[2], edges, domain)
        return inner.project(tuple(v for v in inner.variables if v not in formula[1]))
    if kind == "or":
        tables = [evaluate(operand, edges, domain) for operand in formula[1]]
        variables = tables[0].variables
        rows = set()
        for table in tables:
            rows |= table.project(variables).rows
        return Table(variables, rows)
    if kind == "not":
        inner = evaluate(formula[1], edges, domain)
        assert len(inner.variables) == 1, "a negation on its own binds one variable"
        return Table(inner.variables, {(e,) for e in domain} - inner.rows)
    positives = [o for o in formula[1] if o[0] != "not"]
    negatives = [o[1] for o in formula[1] if o[0] == "not"]
    if not positives:  # !a & !b: the domain without either
        first = evaluate(negatives[0], edges, domain)
        assert len(first.variables) == 1, "negations on their own bind one variable"
        positives = [("domain", first.variables[0])]
    table = evaluate(positives[0], edges, domain)
    for operand in positives[1:]:
        table = table.join(evaluate(operand, edges, domain))
    for operand in negatives:
        table = table.without(evaluate(operand, edges, domain))
    return table


def answers(text, edges, domain):
    answer, formula = Parser(text).query()
    return {row[0] for row in evaluate(formula, edges, domain).project((answer,)).rows}


def edges_of(triples):
    edges = collections.defaultdict(set)
    for head, relation, tail in triples:
        edges[relation].add((head, tail))
    return edges


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--templates", required=True)
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    kqc, templates = args.kqc, args.templates.split(",")

    def program(seed, name):
        return write_program(args.work, name, [
            f'import "{args.module}";',
            f'graph g = load "{os.path.abspath(args.data)}";',
            f"bench b = sample {', '.join(templates)} from g observed(train) "
            f"full(train, valid, test) count {args.count} seed {seed};",
            'emit b to "b.jsonl";'])

    jit = emitted_bytes(kqc, program(args.seed, "bench.kq"), program(args.seed + 1, "other.kq"),
                        os.path.join(args.work, "b.jsonl"))

    observed = read_triples(args.data, ["train"])
    full = read_triples(args.data, ["train", "valid", "test"])
    domain = {e for h, _, t in full for e in (h, t)}
    observed_edges, full_edges = edges_of(observed), edges_of(full)
    lines = [json.loads(line) for line in jit.decode("utf-8").splitlines()]
    per_type = collections.Counter(line["type"] for line in lines)
    problems = []
    for name in templates:
        if per_type[name] != args.count:
            problems.append(f"{name}: {per_type[name]} instances, expected {args.count}")
    for line in lines:
        easy = answers(line["query"], observed_edges, domain)
        hard = answers(line["query"], full_edges, domain) - easy
        if line["easy"] != sorted(easy, key=lambda s: s.encode()) or \
                line["hard"] != sorted(hard, key=lambda s: s.encode()) or not hard:
            problems.append(f"{line['query']}: easy/hard differ from the evaluator's "
                            f"({len(easy)}/{len(hard)} vs {len(line['easy'])}/{len(line['hard'])})")
    for problem in problems[:10]:
        print(problem)
    print(f"{len(lines) - len(problems)} of {len(lines)} instances exact, each with a hard answer")

    # The text parses back and means the same.
    firsts = {}
    for line in lines:
        firsts.setdefault(line["type"], line)
    statements = [f'graph g = load "{os.path.abspath(args.data)}";']
    for i, line in enumerate(firsts.values()):
        statements.append(f"query q{i} = {line['query']};")
        statements.append(f"answer q{i} on g(train);")
    output = run([kqc, "run", write_program(args.work, "back.kq", statements)])
    records = [json.loads(r) for r in output.splitlines()]
    back = sum(r["answers"] == line["easy"] for r, line in zip(records, firsts.values()))
    print(f"{back} of {len(firsts)} instances compiled back answer their easy set")
    return 1 if problems or back != len(firsts) else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Counts the quiz items whose wrong parts read like true ones under the
labels: a false statement whose tail reads like a true tail of (h, r), a
multiple-choice option other than the answer that does, two options that
read alike, or an edit whose wrong entity reads like a true tail of its
first fact.

    quiz_labels_check.py GRAPH_DIR LABELS QUIZ_JSONL
"""
import json
import os
import sys

graph, labels_path, quiz = sys.argv[1:4]
triples = set()
for split in ("train", "valid", "test"):
    with open(os.path.join(graph, split + ".txt"), encoding="utf-8") as f:
        triples |= {tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()}
labels = dict(line.rstrip("\n").split("\t", 1) for line in open(labels_path, encoding="utf-8")
              if line.strip())
text = lambda entity: labels.get(entity, entity)  # noqa: E731

def true_texts(h, r):
    return {text(t) for (hh, rr, t) in triples if hh == h and rr == r}

items = [json.loads(line) for line in open(quiz, encoding="utf-8")]
ambiguous = 0
for item in items:
    if item["format"] == "tf" and item["answer"] is False:
        (h, r, t), = item["facts"]
        ambiguous += text(t) in true_texts(h, r)
    elif item["format"] == "mc":
        (h, r, t), = item["facts"]
        others = [o for o in item["options"] if o != item["answer"]]
        shown = [text(o) for o in item["options"]]
        ambiguous += (any(text(o) in true_texts(h, r) for o in others) or
                      len(set(shown)) != len(shown))
    elif item["format"] == "edit":
        (h, r, _), _ = item["facts"]
        ambiguous += text(item["wrong"]) in true_texts(h, r)
print(f"{len(items)} items, {ambiguous} read ambiguously")

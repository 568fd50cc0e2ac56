#!/usr/bin/env python3
"""Asks a small OpenAI-compatible server on 127.0.0.1, started here, the
prompts of a quiz and of a skic prompt set through `kqc`, and checks what
comes back.

The server answers POST /v1/chat/completions in one of several modes:
  oracle   the key of every item, worded as a model would (the items are
           read from the files `kqc` emitted before)
  half     the key of every second item, a wrong reply to the others
  flaky    status 500 to the first try of every prompt, then as oracle
  slow     sleeps longer than the client waits
  garbage  status 200 with a body that is not JSON
  empty    status 200 with a chat completion that has no choices
  huge     status 200 with a 5 MiB reply
The scores `kqc` reports are checked against the ones computed here from
the replies file, by this script's own scoring.

    ask_check.py --kqc KQC --graph DIR --work DIR --mode MODE [--expect-fail]
"""
import argparse
import http.server
import json
import os
import re
import shutil
import string
import subprocess
import sys
import threading
import time

MODES = ("oracle", "half", "flaky", "slow", "garbage", "empty", "huge")


def program(graph, port, timeout, retries, replies):
    return f'''
import "std/betae.kq";
graph w = load "{graph}";
quiz z = kgquiz from w(train) formats tf, mc, blank, edit, open count 3 seed 5;
bench b = sample 1p, 2p, 2i, 2in from w observed(train) full(train, valid, test) count 2 seed 3;
prompt p = skic over b examples 1 seed 2;
emit z to "quiz.jsonl";
emit p to "skic.jsonl";
llm m = openai "http://127.0.0.1:{port}/v1" model "test-model" timeout {timeout} retries {retries} concurrency 3;
ask m on z replies "{replies}-quiz.jsonl";
ask m on p replies "{replies}-skic.jsonl";
'''


def key_reply(item):
    """What a model that knows the answer would reply."""
    fmt = item.get("format")
    if fmt == "tf":
        return "True." if item["answer"] else "False."
    if fmt in ("mc", "blank", "edit"):
        return item["answer"].replace("_", " ")
    if fmt == "open":
        return "\n".join(f"{h} {r} {t}" for h, r, t in item["answer"])
    return "Step 1 (follow): ...\nAnswer: " + "; ".join(item["answers"])


def wrong_reply(item):
    fmt = item.get("format")
    if fmt == "tf":
        return "False" if item["answer"] else "True"
    if fmt == "open":
        return "Nothing is known about it."
    return "Answer: no idea"


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mode, items):
        super().__init__(("127.0.0.1", 0), Handler)
        self.mode, self.items, self.tries, self.requests = mode, items, {}, 0
        self.lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        server = self.server
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        prompt = body["messages"][0]["content"]
        assert self.path == "/v1/chat/completions" and body["model"] == "test-model"
        with server.lock:
            server.requests += 1
            tries = server.tries[prompt] = server.tries.get(prompt, 0) + 1
        if server.mode == "slow":
            time.sleep(3)
        if server.mode == "flaky" and tries == 1:
            return self.reply(500, b'{"error": "overloaded"}')
        if server.mode == "garbage":
            return self.reply(200, b"<html>this is not JSON</html>")
        if server.mode == "huge":
            content = "true " * (1 << 20)
            return self.reply(200, json.dumps(
                {"choices": [{"message": {"role": "assistant", "content": content}}]}).encode())
        if server.mode == "empty":
            return self.reply(200, b'{"id": "x", "object": "chat.completion", "choices": []}')
        index, item = server.items.get(prompt, (0, None))
        if item is None:
            content = "I was not asked this."
        elif server.mode == "half" and index % 2 == 1:
            content = wrong_reply(item)
        else:
            content = key_reply(item)
        reply = {"id": "x", "object": "chat.completion",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                              "finish_reason": "stop"}]}
        self.reply(200, json.dumps(reply).encode())

    def reply(self, status, data):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up waiting


# This script's own scoring, written from the metrics' definitions.
def normal(text):
    text = "".join(" " if c in string.punctuation else c for c in text.lower())
    return " ".join(w for w in text.split() if w not in ("a", "an", "the"))


def f1(prediction, truth):
    p, t = normal(prediction).split(), normal(truth).split()
    if not p or not t:
        return float(p == t)
    common = sum(min(p.count(w), t.count(w)) for w in set(p))
    if common == 0:
        return 0.0
    precision, recall = common / len(p), common / len(t)
    return 2 * precision * recall / (precision + recall)


def contains(text, phrase):
    words, target = normal(text).split(), normal(phrase).split()
    return bool(target) and any(words[i:i + len(target)] == target
                                for i in range(len(words) - len(target) + 1))


def score(item, reply):
    fmt = item.get("format", "query")
    if fmt == "tf":
        first = (normal(reply).split() or [""])[0]
        said = True if first in ("true", "yes") else False if first in ("false", "no") else None
        return fmt, {"accuracy": float(said == item["answer"])}
    if fmt == "mc":
        positions = []
        for option in item["options"]:
            words, target = normal(reply).split(), normal(option).split()
            for i in range(len(words) - len(target) + 1):
                if words[i:i + len(target)] == target:
                    positions.append((i, -len(target), option))
                    break
        chosen = min(positions)[2] if positions else None
        return fmt, {"accuracy": float(chosen == item["answer"])}
    if fmt in ("blank", "edit"):
        # Any of the right answers counts; the best match is the score.
        right = [item["answer"]] + item.get("answers", [])
        return fmt, {"exact_match": max(float(normal(reply) == normal(t)) for t in right),
                     "f1": max(f1(reply, t) for t in right)}
    if fmt == "open":
        tails = [t for _, _, t in item["answer"]]
        supporting = tails + item.get("answers", [])
        parts = [p for p in re.split(r"[\n;]", reply) if normal(p)]
        return fmt, {"recall": sum(contains(reply, t) for t in tails) / len(tails),
                     "precision": (sum(any(contains(p, t) for t in supporting) for p in parts)
                                   / len(parts)) if parts else 0.0}
    line = reply[reply.rindex("Answer:") + 7:].split("\n")[0] if "Answer:" in reply else reply
    listed = [normal(x) for x in line.split(";") if normal(x)]
    gold = {normal(a) for a in item["answers"]}
    metrics = {f"hits@{k}": float(any(x in gold for x in listed[:k])) for k in (1, 3, 10)}
    metrics["exact"] = float(set(listed) == gold)
    return "query", metrics


def expected_record(items, replies):
    totals = {}
    for item, reply in zip(items, replies):
        fmt, metrics = score(item, reply["reply"])
        count, sums = totals.setdefault(fmt, [0, {}])
        totals[fmt][0] += 1
        for name, value in metrics.items():
            sums[name] = sums.get(name, 0.0) + value
    return {fmt: {"count": count, **{k: v / count for k, v in sums.items()}}
            for fmt, (count, sums) in totals.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kqc", required=True)
    parser.add_argument("--graph", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--mode", choices=MODES, required=True)
    parser.add_argument("--timeout", default="5")
    parser.add_argument("--retries", default="2")
    args = parser.parse_args()
    args.graph = os.path.abspath(args.graph)
    args.kqc = os.path.abspath(args.kqc) if os.sep in args.kqc else shutil.which(args.kqc)
    os.makedirs(args.work, exist_ok=True)
    os.chdir(args.work)
    env = dict(os.environ, KQ_CACHE_DIR=os.path.join(args.work, "cache"),
               KQ_REPLY_CACHE_DIR=os.path.join(args.work, "cache", "llm"))

    # The items first (no model is asked: the program stops before asking).
    source = program(os.path.abspath(args.graph), 1, args.timeout, args.retries, "replies")
    with open("items.kq", "w") as f:
        f.write(source.split("llm m")[0])
    subprocess.run([args.kqc, "run", "items.kq"], check=True, env=env)
    items = {}
    lines = []
    for name in ("quiz.jsonl", "skic.jsonl"):
        with open(name) as f:
            lines.append([json.loads(line) for line in f])
    for group in lines:
        for index, item in enumerate(group):
            items[item["prompt"]] = (index, item)

    server = Server(args.mode, items)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with open("ask.kq", "w") as f:
        f.write(program(os.path.abspath(args.graph), server.server_address[1], args.timeout,
                        args.retries, "replies"))

    def ask():
        started = time.monotonic()
        result = subprocess.run([args.kqc, "run", "ask.kq"], capture_output=True, text=True,
                                env=env)
        return result, time.monotonic() - started

    result, _ = ask()
    print(f"exit status {result.returncode}, {server.requests} requests")
    cache = os.path.join(args.work, "cache", "llm")
    cached = [n for n in os.listdir(cache) if n.endswith(".json")] if os.path.isdir(cache) else []
    print(f"cached replies: {len(cached)}")
    if result.returncode != 0:
        print(result.stderr.strip())
        print("replies files written:",
              any(os.path.exists(f"replies-{n}.jsonl") for n in ("quiz", "skic")))
        return 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    scores = [r for r in records if r["kind"] == "score"]
    for record, group, name in zip(scores, lines, ("quiz", "skic")):
        with open(f"replies-{name}.jsonl") as f:
            replies = [json.loads(line) for line in f]
        expected = expected_record(group, replies)
        reported = {k: v for k, v in record.items() if isinstance(v, dict)}
        same = reported.keys() == expected.keys() and all(
            reported[f].keys() == expected[f].keys() and
            all(abs(reported[f][m] - expected[f][m]) < 1e-12 for m in expected[f])
            for f in expected)
        print(f"{record['source']}: {record['count']} items, asked {record['asked']}, "
              f"cached {record['cached']}; scores agree with this script's: {same}")
        for fmt in sorted(reported):
            print(f"  {fmt}: " + ", ".join(f"{m} {v:.4g}" for m, v in sorted(reported[fmt].items())))

    # A rerun asks nothing: every reply comes from the cache.
    before = server.requests
    again, _ = ask()
    print(f"rerun: exit status {again.returncode}, {server.requests - before} requests, "
          f"same scores: {same_but_counts(again.stdout, result.stdout)}")
    server.shutdown()
    return 0


def same_but_counts(first, second):
    """Whether two runs' records agree but for how many replies came from
    the cache."""
    def strip(text):
        records = [json.loads(line) for line in text.splitlines()]
        for r in records:
            r.pop("asked", None)
            r.pop("cached", None)
        return records
    return strip(first) == strip(second)


if __name__ == "__main__":
    sys.exit(main())

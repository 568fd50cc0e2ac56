#!/usr/bin/env python3
"""Runs every ```kq and ```sh block of README.md, in the order written, and
compares what they print with what the README shows.

    readme_check.py --root CHECKOUT --shared SHARED --work DIR

The blocks run as a reader who follows the README from the repository root
would run them, in a copy of that layout that keeps the checkout clean:

    DIR/shared          a link to SHARED (the real ../shared of the checkout)
    DIR/repo            where every block runs
    DIR/repo/build/bin  a link to the folder of the kqc (and kq-opt) on PATH
    DIR/repo/examples   a copy of CHECKOUT/examples
    DIR/repo/FILE.kq    the README's first ```kq block: the sh blocks' FILE.kq
                        placeholder stands for it

A ```kq block is written to DIR/repo/readme-LINE.kq (LINE: its line in the
README) and run with `build/bin/kqc run readme-LINE.kq`; a ```sh block runs
in `bash -e -u -o pipefail`. Each must exit with status 0. The blocks share
DIR/repo, so a block sees what the ones above it wrote (`mkdir -p out`).

A ```json or ```text block is the output of the nearest ```kq or ```sh block
above it (prose may stand between them), compared with what that block
printed on standard output, all of it, under these rules:
  - a line that is only `...` stands for any number of lines, none included;
  - `...` inside a line stands for any text on that line (with the spaces
    next to it);
  - every other character must be the same.
Where the shown block is not standard output but part of a file the block
wrote, FILE_OUTPUTS says which (keyed by the start of the shown block's
first line):
  - "lines": every shown line is a line of the file (`...` inside a line
    as above);
  - "first prompt": the `prompt` of the file's first JSON line, compared as
    standard output is.

Blocks that are not run as written, keyed by the start of their first line
(SPECIAL; any entry that matches no block is an error, so the list stays
current):
  - `make run` / `make check`: make installs Debian packages and rebuilds the
    compiler under test, and `make check` runs this test among all others.
    Instead, the Makefile's `run` recipe (without its `build` prerequisite)
    runs, and its output is compared with the block shown after.
  - `llm m = openai ...` / `ask`: it needs an OpenAI-compatible server at
    127.0.0.1:8000 serving that model, and the scores shown depend on the
    model. Instead the block is compiled (`kqc --emit=llvm`) after the ```kq
    block that declares the quiz or prompt set it asks about, and the score
    record shown after it is not compared.

Afterwards every file the blocks wrote in DIR/repo must be under out/, and
git must ignore out/ in the checkout (.gitignore), so the README's examples
leave nothing to commit when run from the repository root.
"""
import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys

RUNNABLE = ("kq", "sh")
OUTPUTS = ("json", "text")

# Shown blocks that are part of a file, not standard output:
# (start of the shown block's first line, file under DIR/repo, rule).
FILE_OUTPUTS = [
    ('{"type":', "out/test.jsonl", "lines"),
    ('{"format":', "out/quiz.jsonl", "lines"),
    ("Answer the question using these skills.", "out/skic.jsonl", "first prompt"),
]

# Blocks not run as written: start of the first line -> how they are checked.
SPECIAL = {
    "make run": "make-run",
    "llm m = openai": "compile-only",
}

TIMEOUT = 600


class Block:
    def __init__(self, line, lang, text):
        self.line, self.lang, self.text = line, lang, text
        self.first = text.split("\n", 1)[0]
        self.output = None  # the shown block after a runnable one

    def where(self):
        return f"README.md:{self.line}"


def blocks_of(readme):
    blocks, current = [], None
    with open(readme, encoding="utf-8-sig") as f:
        lines = f.read().split("\n")
    for number, line in enumerate(lines, 1):
        if current is None:
            m = re.match(r"^```\s*(\S*)\s*$", line)
            if m:
                current = (number + 1, m.group(1), [])
        elif line.rstrip() == "```":
            blocks.append(Block(current[0], current[1], "\n".join(current[2]) + "\n"))
            current = None
        else:
            current[2].append(line)
    if current is not None:
        raise SystemExit(f"README.md:{current[0] - 1}: a block that is never closed")
    return blocks


def pattern(shown):
    """The regular expression a shown block stands for (see the rules above)."""
    parts = []
    for line in shown.rstrip("\n").split("\n"):
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            pieces = re.split(r" *\.\.\. *", line)
            parts.append("[^\n]*".join(re.escape(p) for p in pieces) + r"\n")
    return re.compile("".join(parts))


def normal(text):
    return text.rstrip("\n") + "\n" if text.strip("\n") else ""


def show(text, limit=40, width=300):
    lines = text.rstrip("\n").split("\n")
    out = [(l if len(l) <= width else l[:width] + f" [{len(l) - width} more characters]")
           for l in lines[:limit]]
    if len(lines) > limit:
        out.append(f"[{len(lines) - limit} more lines]")
    return "\n".join("    | " + l for l in out)


def compare(shown, actual, what):
    """None when the shown block matches, else why not."""
    if pattern(shown.text).fullmatch(normal(actual)):
        return None
    diff = "\n".join(difflib.unified_diff(shown.text.rstrip("\n").split("\n"),
                                          normal(actual).rstrip("\n").split("\n"),
                                          "README", what, lineterm="", n=1))
    return (f"{shown.where()}: the {shown.lang} block is not what {what} is\n"
            f"  shown:\n{show(shown.text)}\n  {what}:\n{show(actual)}\n"
            f"  difference (README lines with ... may differ from the output and still match):\n"
            f"{show(diff, 60)}")


def compare_file(shown, path, rule):
    if not os.path.isfile(path):
        return f"{shown.where()}: the block above did not write {os.path.basename(path)}"
    with open(path, encoding="utf-8") as f:
        content = f.read()
    if rule == "first prompt":
        first = content.split("\n", 1)[0]
        return compare(shown, json.loads(first)["prompt"], "the first prompt of " + path)
    lines = content.split("\n")
    for line in shown.text.rstrip("\n").split("\n"):
        if line.strip() == "...":
            return f"{shown.where()}: a `...` line where each line shown is one of a file's"
        regex = pattern(line)
        if not any(regex.fullmatch(l + "\n") for l in lines):
            return (f"{shown.where()}: this line is no line of {path}:\n{show(line)}\n"
                    f"  its first lines:\n{show(content, 5)}")
    return None


def run(command, cwd, what):
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                                timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"{what}: no end after {TIMEOUT} s"
    if result.returncode != 0:
        return None, (f"{what}: exit status {result.returncode}\n"
                      f"  standard error:\n{show(result.stderr)}\n"
                      f"  standard output:\n{show(result.stdout)}")
    return result.stdout, None


def make_run_recipe(root):
    """The commands of the Makefile's `run` target, $(BUILD_DIR) as build."""
    with open(os.path.join(root, "Makefile")) as f:
        lines = f.read().split("\n")
    start = next(i for i, l in enumerate(lines) if re.match(r"^run\s*:", l))
    recipe = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        recipe.append(line[1:].replace("$(BUILD_DIR)", "build"))
    if not recipe or any("$(" in l for l in recipe):
        raise SystemExit(f"Makefile: the run recipe is not one this test can run: {recipe}")
    return "\n".join(recipe)


def snapshot(top):
    files = {}
    for folder, dirs, names in os.walk(top):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            files[os.path.relpath(path, top)] = (st.st_size, st.st_mtime_ns)
    return files


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True, help="the checkout")
    parser.add_argument("--shared", required=True, help="the checkout's ../shared")
    parser.add_argument("--work", required=True)
    parser.add_argument("--readme", help="default: ROOT/README.md")
    args = parser.parse_args()
    root = os.path.realpath(args.root)
    readme = args.readme or os.path.join(root, "README.md")

    blocks = blocks_of(readme)
    runnable = []
    problems = []
    for block in blocks:
        if block.lang in RUNNABLE:
            runnable.append(block)
        elif block.lang in OUTPUTS:
            if not runnable:
                problems.append(f"{block.where()}: an output block with no block above it")
            elif runnable[-1].output is not None:
                problems.append(f"{block.where()}: a second output block for "
                                f"{runnable[-1].where()}")
            else:
                runnable[-1].output = block
        else:
            problems.append(f"{block.where()}: a block of language '{block.lang}'; this test "
                            f"runs kq and sh blocks and compares json and text ones")
    for key in SPECIAL:
        if not any(b.first.startswith(key) for b in runnable):
            problems.append(f"SPECIAL: '{key}' is the start of no block of the README")
    for key, _, _ in FILE_OUTPUTS:
        if not any(b.output and b.output.first.startswith(key) for b in runnable):
            problems.append(f"FILE_OUTPUTS: '{key}' is the start of no shown block")
    kq_blocks = [b for b in runnable if b.lang == "kq"]
    if not kq_blocks:
        problems.append("README.md: no kq block")
    if problems:
        print("\n".join(problems))
        return 1

    # The layout: DIR/repo beside DIR/shared.
    kqc = shutil.which("kqc")
    if kqc is None:
        print("kqc is not on PATH")
        return 1
    bin_dir = os.path.dirname(os.path.realpath(kqc))
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    repo = os.path.join(work, "repo")
    os.makedirs(os.path.join(repo, "build"))
    os.symlink(os.path.realpath(args.shared), os.path.join(work, "shared"))
    os.symlink(bin_dir, os.path.join(repo, "build", "bin"))
    shutil.copytree(os.path.join(root, "examples"), os.path.join(repo, "examples"))
    placed = {"FILE.kq"}
    with open(os.path.join(repo, "FILE.kq"), "w") as f:
        f.write(kq_blocks[0].text)
    before = snapshot(repo)

    ran = compared = 0
    for block in runnable:
        special = next((v for k, v in SPECIAL.items() if block.first.startswith(k)), None)
        label = f"{block.where()} {block.lang} `{block.first.strip()[:50]}`"
        shown = block.output
        if special == "make-run":
            recipe = make_run_recipe(root)
            print(f"{label}: not run (make installs packages and rebuilds); "
                  f"the Makefile's run recipe instead: {recipe}")
            stdout, problem = run(["bash", "-e", "-u", "-o", "pipefail", "-c", recipe], repo, label)
        elif special == "compile-only":
            m = re.search(r"\bask\s+\w+\s+on\s+(\w+)", block.text)
            declares = m and next(
                (b for b in reversed(kq_blocks[:kq_blocks.index(block)])
                 if re.search(rf"\b(quiz|prompt)\s+{m.group(1)}\s*=", b.text)), None)
            if not declares:
                problems.append(f"{label}: no kq block above declares what it asks about")
                continue
            name = f"readme-{block.line}.kq"
            with open(os.path.join(repo, name), "w") as f:
                f.write(declares.text + block.text)
            placed.add(name)
            _, problem = run([os.path.join("build", "bin", "kqc"), "--emit=llvm", name], repo,
                             label)
            print(f"{label}: compiled after {declares.where()}'s block, not run (it needs a "
                  f"server at its endpoint; scores depend on the model)" +
                  (f"; output at README.md:{shown.line} not compared" if shown else ""))
            if problem:
                problems.append(problem)
            continue
        elif block.lang == "kq":
            name = f"readme-{block.line}.kq"
            with open(os.path.join(repo, name), "w") as f:
                f.write(block.text)
            placed.add(name)
            stdout, problem = run([os.path.join("build", "bin", "kqc"), "run", name], repo, label)
        else:
            stdout, problem = run(["bash", "-e", "-u", "-o", "pipefail", "-c", block.text],
                                  repo, label)
        ran += 1
        if problem:
            problems.append(problem)
            print(f"{label}: FAILED")
            continue
        if shown is None:
            print(f"{label}: ran")
            continue
        source = next(((f, r) for k, f, r in FILE_OUTPUTS if shown.first.startswith(k)), None)
        if source:
            problem = compare_file(shown, os.path.join(repo, source[0]), source[1])
            what = f"{source[0]} ({source[1]})"
        else:
            problem = compare(shown, stdout, "standard output")
            what = "standard output"
        compared += 1
        if problem:
            problems.append(problem)
            print(f"{label}: output at README.md:{shown.line} DIFFERS")
        else:
            print(f"{label}: ran; {what} matches README.md:{shown.line}")

    # What the blocks wrote: only under out/, which git ignores.
    after = snapshot(repo)
    written = sorted(p for p, st in after.items()
                     if p not in placed and before.get(p) != st)
    outside = [p for p in written if not p.startswith("out" + os.sep)]
    if outside:
        problems.append("files written outside out/: " + ", ".join(outside))
    if not written:
        problems.append("no block wrote anything under out/")
    if subprocess.run(["git", "-C", root, "rev-parse", "--is-inside-work-tree"],
                      capture_output=True).returncode == 0:
        unignored = [p for p in written if p.startswith("out" + os.sep) and subprocess.run(
            ["git", "-C", root, "check-ignore", "-q", "--", p]).returncode != 0]
        if unignored:
            problems.append("git does not ignore: " + ", ".join(unignored))
    else:
        print("not a git checkout: whether git ignores out/ is not checked")

    if problems:
        print("\n".join(["", "FAILED:"] + problems))
        return 1
    print(f"{ran} blocks ran, {compared} outputs matched; {len(written)} files written, "
          f"all under out/, which git ignores")
    print("README: every block ran as written")
    return 0


if __name__ == "__main__":
    sys.exit(main())

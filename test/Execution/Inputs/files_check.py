#!/usr/bin/env python3
"""Tries kqc's files as a new user and as an attacker would, and prints one
line a case for FileCheck: the exit status, the message, and what is left
in the folder afterwards (temporaries included).

    files_check.py KQC WORLD_FOLDER WORK_FOLDER
"""
import http.server
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time

kqc, world, work = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
os.makedirs(work, exist_ok=True)
os.chdir(work)
env = dict(os.environ, KQ_CACHE_DIR=os.path.join(work, "cache"),
           KQ_REPLY_CACHE_DIR=os.path.join(work, "replies"))

PROGRAM = f'graph w = load "{world}";\nquery q = ?c . city_in(?c, france);\nanswer q on w(train);\n'


def write(name, text):
    with open(name, "w") as f:
        f.write(text)
    return os.path.join(work, name)


def run(*args, timeout=120, program=kqc):
    """kqc's (or a built program's) status and the first line of its
    standard error."""
    try:
        done = subprocess.run([program, *args], capture_output=True, text=True, timeout=timeout,
                              env=env)
    except subprocess.TimeoutExpired:
        return "hung", ""
    lines = done.stderr.strip().splitlines()
    return done.returncode, (lines[0] if lines else "") + (f" (+{len(lines) - 1} lines)"
                                                          if len(lines) > 1 else "")


def run_jit_and_built(source, executable):
    """(how, status, message) of `kqc run source`, then of the executable
    `kqc build` makes of it (or of the build, when that fails)."""
    yield ("", *run("run", source))
    built = run("build", source, "-o", executable)
    yield (", built", *(run(program="./" + executable) if built[0] == 0 else built))


def leftovers(folder="."):
    return sorted(n for n in os.listdir(folder) if ".kq-" in n)


def kind(path):
    mode = os.lstat(path).st_mode
    return ("fifo" if stat.S_ISFIFO(mode) else "char" if stat.S_ISCHR(mode)
            else "file" if stat.S_ISREG(mode) else "other")


def report(case, status, message, extra=""):
    print(f"{case}: status={status} {message}{' | ' + extra if extra else ''}"
          f" | temporaries={leftovers()}")


program = write("r.kq", PROGRAM)
source_before = open(program).read()

# Outputs that are not regular files are refused, never replaced.
os.mkfifo("out.fifo")
for mode in (["run"], ["build"], ["--emit=mlir"], ["--emit=obj"]):
    status, message = run(*mode, program, "-o", "out.fifo")
    report("fifo-out " + mode[0], status, message, "still " + kind("out.fifo"))
for stage in ("obj", "mlir", "llvm"):
    status, message = run(f"--emit={stage}", program, "-o", "/dev/full")
    report("dev-full " + stage, status, message, "still " + kind("/dev/full"))

# A read-only target is refused unless --force.
readonly = write("readonly.jsonl", "keep me\n")
os.chmod(readonly, 0o444)
status, message = run("run", program, "-o", readonly)
report("read-only", status, message, "kept " + repr(open(readonly).read()))
status, message = run("run", "--force", program, "-o", readonly)
report("read-only --force", status, message,
       "replaced " + str(open(readonly).read().startswith('{"kind":"answer"')))

# The program's own source, as -o and as an emit target.
status, message = run("run", program, "-o", program)
report("own source -o", status, message, "unchanged " + str(open(program).read() == source_before))
status, message = run("build", program, "-o", program)
report("own source build -o", status, message,
       "unchanged " + str(open(program).read() == source_before))
selfish = write("self.kq", f'graph w = load "{world}";\n'
                'quiz z = kgquiz from w(train) formats tf count 2 seed 1;\n'
                f'emit z to "{os.path.join(work, "self.kq")}";\n')
selfish_before = open(selfish).read()
status, message = run("run", selfish)
report("own source emit", status, message, "unchanged " + str(open(selfish).read() == selfish_before))

# Two outputs of one run on one path.
both = os.path.join(work, "both.jsonl")
twice = write("twice.kq", f'graph w = load "{world}";\n'
              'quiz z = kgquiz from w(train) formats tf count 2 seed 1;\n'
              f'emit z to "{both}";\nemit z to "{both}";\n')
status, message = run("run", twice)
report("two emits", status, message, "exists " + str(os.path.exists(both)))
once = write("once.kq", f'graph w = load "{world}";\n'
             'quiz z = kgquiz from w(train) formats tf count 2 seed 1;\n'
             f'emit z to "{both}";\n')
status, message = run("run", once, "-o", both)
report("emit and -o", status, message, "exists " + str(os.path.exists(both)))

# Two BetaE emits into one folder share its id maps.
shared = os.path.join(work, "betae")
status, message = run("run", write("betae.kq", f'import "std/betae.kq";\ngraph w = load "{world}";\n'
                                   'bench a = sample 1p from w observed(train) full(train) count 2 seed 1;\n'
                                   'bench b = sample 1p from w observed(train) full(train) count 2 seed 2;\n'
                                   f'emit a to "{shared}" format betae;\nemit b to "{shared}" format betae;\n'))
report("two betae emits, one folder", status, message,
       " ".join(sorted(n for n in os.listdir(shared) if n.startswith(("a-", "b-", "ent2id")))))

# A symbolic link another user owns is not written through (as the
# kernel's protected_symlinks would have it); this user's own link is.
victim = write("victim.txt", "precious\n")
os.symlink(victim, "planted.jsonl")
if os.geteuid() == 0:
    os.lchown("planted.jsonl", 65534, 65534)
    status, message = run("run", program, "-o", "planted.jsonl")
    report("another user's link", status, message, "victim kept " + str(open(victim).read() == "precious\n"))
else:
    # Only root can give a link away; files.test expects this line only
    # when not run as root.
    print("another user's link: skipped (needs root)")
mine = write("mine.txt", "old\n")
os.symlink(mine, "mine.jsonl")
status, message = run("run", program, "-o", "mine.jsonl")
replaced = open(mine).read().startswith('{"kind":"answer"')
report("own link", status, message,
       f"still link {os.path.islink('mine.jsonl')}, target replaced {replaced}")

# Stage outputs never replace the data the program names.
shutil.copytree(world, "world-copy")
graph_program = write("graph.kq", PROGRAM.replace(world, os.path.join(work, "world-copy")))
train_before = open("world-copy/train.txt").read()
status, message = run("--emit=mlir", graph_program, "-o", "world-copy/train.txt")
report("stage over a graph file", status, message,
       "unchanged " + str(open("world-copy/train.txt").read() == train_before))

# A cache folder others may write is neither read nor written.
os.makedirs("open-cache", exist_ok=True)
os.chmod("open-cache", 0o777)
done = subprocess.run([kqc, "run", program], capture_output=True, text=True,
                      env=dict(env, KQ_CACHE_DIR=os.path.join(work, "open-cache")))
print(f"open cache folder: status={done.returncode} cached={os.listdir('open-cache')}")

# An emit aimed at a split or a labels file the program reads, in kqc
# (which knows the program's data before it runs) and in a built
# executable (which learns it as it loads).
train_bytes = open("world-copy/train.txt", "rb").read()
labels = write("labels.tsv", "paris\tParis\ncity_in\t{h} is a city in {t}\n")
labels_bytes = open(labels, "rb").read()
copy = os.path.join(work, "world-copy")
for name, target in (("emit over a graph file", os.path.join(copy, "train.txt")),
                     ("emit over a labels file", labels)):
    source = write(name.replace(" ", "-") + ".kq", f'graph w = load "{copy}" labels "{labels}";\n'
                   'quiz z = kgquiz from w(train) formats tf count 2 seed 1;\n'
                   f'emit z to "{target}";\n')
    for how, status, message in run_jit_and_built(source, "emit.exe"):
        report(name + how, status, message,
               "unchanged " + str(open("world-copy/train.txt", "rb").read() == train_bytes
                                  and open(labels, "rb").read() == labels_bytes)
               + f" | beside={leftovers(copy)}")
# The split is an input before the statement that loads it runs, in kqc
# and in a built executable (the program declares its data up front).
late = write("emit-before-load.kq", f'graph a = load "{world}";\n'
             'quiz z = kgquiz from a(train) formats tf count 2 seed 1;\n'
             f'emit z to "{os.path.join(copy, "train.txt")}";\n'
             f'graph b = load "{copy}";\n'
             'query q = ?c . city_in(?c, france);\nanswer q on b(train);\n')
for how, status, message in run_jit_and_built(late, "late.exe"):
    report("emit before its graph's load" + how, status, message,
           "unchanged " + str(open("world-copy/train.txt", "rb").read() == train_bytes))

# Inputs that are not regular files: an error at once, not a hang.
os.makedirs("fifo-graph", exist_ok=True)
for name in ("valid.txt", "test.txt"):
    write(os.path.join("fifo-graph", name), "")
os.mkfifo(os.path.join("fifo-graph", "train.txt"))
status, message = run("run", write("fifo-graph.kq", PROGRAM.replace(world, os.path.join(work, "fifo-graph"))), timeout=60)
report("fifo split", status, message)
# A device never ends (/dev/zero) or is empty (/dev/null): either is
# refused before it is read, by kqc and by a built executable.
for device in ("zero", "null"):
    folder = f"{device}-graph"
    os.makedirs(folder, exist_ok=True)
    for name in ("valid.txt", "test.txt"):
        write(os.path.join(folder, name), "")
    os.symlink(f"/dev/{device}", os.path.join(folder, "train.txt"))
    status, message = run("run", write(f"{folder}.kq", PROGRAM.replace(world, os.path.join(work, folder))),
                          timeout=60)
    report(f"/dev/{device} split", status, message)
# Built over a regular copy, then run with the split swapped for /dev/zero.
shutil.copytree(world, "swapped-graph")
built = run("build", write("swapped.kq", PROGRAM.replace(world, os.path.join(work, "swapped-graph"))),
            "-o", "swapped.exe")
os.remove("swapped-graph/train.txt")
os.symlink("/dev/zero", "swapped-graph/train.txt")
status, message = run(program="./swapped.exe", timeout=60) if built[0] == 0 else built
report("/dev/zero split, built", status, message)
os.symlink("/dev/zero", "zero-labels.tsv")
status, message = run("run", write("zero-labels.kq", f'graph w = load "{world}" labels "{os.path.join(work, "zero-labels.tsv")}";\n'
                                   'quiz z = kgquiz from w(train) formats tf count 2 seed 1;\n'), timeout=60)
report("/dev/zero labels", status, message)
os.mkfifo("source.kq")
status, message = run("run", "source.kq", timeout=60)
report("fifo source", status, message)
os.makedirs("folder.kq", exist_ok=True)
status, message = run("run", "folder.kq")
report("folder source", status, message)
os.symlink("loop.kq", "loop.kq")
status, message = run("run", "loop.kq")
report("symlink loop", status, message)
os.makedirs("model", exist_ok=True)
write("model/config.json", '{"model": "TransE", "hidden_dim": 4, "gamma": 12.0, '
      '"double_entity_embedding": false, "double_relation_embedding": false}')
os.mkfifo("model/entity_embedding.npy")
os.mkfifo("model/relation_embedding.npy")
status, message = run("run", write("npy.kq", f'graph w = load "{world}";\n'
                                   f'model m = transe "{os.path.join(work, "model")}" on w;\n'
                                   'linkpred m on w(test);\n'), timeout=60)
report("fifo npy", status, message)
os.makedirs("zero-model", exist_ok=True)
shutil.copy("model/config.json", "zero-model/config.json")
for name in ("entity_embedding.npy", "relation_embedding.npy"):
    os.symlink("/dev/zero", os.path.join("zero-model", name))
status, message = run("run", write("zero-npy.kq", f'graph w = load "{world}";\n'
                                   f'model m = transe "{os.path.join(work, "zero-model")}" on w;\n'
                                   'linkpred m on w(test);\n'), timeout=60)
report("/dev/zero npy", status, message)

# Signals mid-write: the output's temporary exists while the program waits
# for a language model that never answers; the signal leaves nothing.
silent = socket.socket()
silent.bind(("127.0.0.1", 0))
silent.listen(16)
port = silent.getsockname()[1]
hang = write("hang.kq", f'graph w = load "{world}";\n'
             'quiz z = kgquiz from w(train) formats tf count 1 seed 1;\n'
             f'llm m = openai "http://127.0.0.1:{port}/v1" model "x" timeout 100 retries 0;\n'
             'ask m on z;\n')
for name, number in (("SIGINT", signal.SIGINT), ("SIGTERM", signal.SIGTERM),
                     ("SIGHUP", signal.SIGHUP)):
    out = os.path.join(work, f"signal-{name}.jsonl")
    # As from a terminal: a test runner may start us with SIGINT ignored.
    process = subprocess.Popen([kqc, "run", hang, "-o", out], env=env, stderr=subprocess.DEVNULL,
                               preexec_fn=lambda: [signal.signal(s, signal.SIG_DFL)
                                                   for s in (signal.SIGINT, signal.SIGTERM,
                                                             signal.SIGHUP)])
    deadline = time.time() + 100
    while time.time() < deadline and not leftovers() and process.poll() is None:
        time.sleep(0.02)
    seen = leftovers()
    time.sleep(0.2)
    process.send_signal(number)
    try:
        status = process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        status = process.wait()
    print(f"{name}: temporary seen {bool(seen)}, ended by signal {-status == number}, "
          f"output exists {os.path.exists(out)} | temporaries={leftovers()}")
silent.close()

# Credentials in the endpoint are neither cached nor printed.
class Completions(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b'{"choices":[{"message":{"content":"true"}}]}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Completions)
threading.Thread(target=server.serve_forever, daemon=True).start()
secret = write("secret.kq", f'graph w = load "{world}";\n'
               'quiz z = kgquiz from w(train) formats tf count 2 seed 1;\n'
               f'llm m = openai "http://user:hunter2@127.0.0.1:{server.server_port}/v1" model "x";\n'
               'ask m on z;\n')
status, message = run("run", secret)
cached = [os.path.join("replies", n) for n in os.listdir("replies")] if os.path.isdir("replies") else []
leaked = [p for p in cached if "hunter2" in open(p).read()]
modes = sorted({oct(os.stat(p).st_mode & 0o777) for p in cached})
print(f"credentials: status={status} cached={len(cached)} leaked={len(leaked)} modes={modes} "
      f"folder={oct(os.stat('replies').st_mode & 0o777) if cached else None}")
server.shutdown()
closed = socket.socket()
closed.bind(("127.0.0.1", 0))
closed_port = closed.getsockname()[1]
closed.close()
refused = write("refused.kq", f'graph w = load "{world}";\n'
                'quiz z = kgquiz from w(train) formats tf count 1 seed 1;\n'
                f'llm m = openai "http://user:hunter2@127.0.0.1:{closed_port}/v1" model "y" retries 0;\n'
                'ask m on z;\n')
status, message = run("run", refused)
print(f"credentials in messages: status={status} leaked={'hunter2' in message}")

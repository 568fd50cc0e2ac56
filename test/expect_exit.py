#!/usr/bin/env python3
"""Runs a command and succeeds only when it exits with the given status.

    expect_exit.py STATUS COMMAND [ARGS...]

Lit's `not` accepts any non-zero status; the exit statuses of kqc are part of
its interface (1: wrong program, 2: run-time failure), so tests check them
exactly. Standard output and error pass through.
"""
import subprocess
import sys

expected = int(sys.argv[1])
status = subprocess.run(sys.argv[2:]).returncode
if status != expected:
    print(f"expect_exit: expected exit status {expected}, got {status}", file=sys.stderr)
    sys.exit(1)

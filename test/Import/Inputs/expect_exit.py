#!/usr/bin/python3
"""Runs a command and succeeds only if it exits with the expected status.

Usage: expect_exit.py STATUS COMMAND [ARGS...]

Like LLVM's `not`, but exact: `not` accepts any non-zero status, while Kiln's
tools promise status 1 on bad input. A command killed by a signal (a crash or
an assertion) never matches. The command's stdout and stderr pass through
unchanged, so the output can still be piped into FileCheck.
"""

import subprocess
import sys


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: expect_exit.py STATUS COMMAND [ARGS...]\n")
        return 2
    expected = int(argv[1])
    status = subprocess.call(argv[2:])
    if status == expected:
        return 0
    sys.stdout.flush()
    if status < 0:
        sys.stderr.write("expect_exit.py: '%s' was killed by signal %d, expected "
                         "exit status %d\n" % (argv[2], -status, expected))
    else:
        sys.stderr.write("expect_exit.py: '%s' exited with status %d, expected %d\n"
                         % (argv[2], status, expected))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

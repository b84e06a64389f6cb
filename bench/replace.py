#!/usr/bin/python3
"""What it costs to put a new file in place of an old one, as ptest's
atomic writes do (the cache, --trace, --html), by three means
(bench/README.md):

    bench/replace.py [DIR] [KB] [ROUNDS]

In DIR (default: bench/build), ROUNDS times (default 60), 30 ms apart as
successive test runs are: write KB kilobytes (default 660, W1's trace) to
a temporary file, then time only the replacement:

  rename     rename() over the old file (ptest before, and off Linux)
  exchange   renameat2(RENAME_EXCHANGE), then unlink the old file (Linux)
  unlink     unlink the old file, then rename() (for reference: it leaves
             a moment with no file at all, which ptest never does)

Prints the median and min of each, in microseconds.
"""
import ctypes
import os
import statistics
import sys
import time

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def main():
    where = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "build")
    size = int(sys.argv[2]) * 1000 if len(sys.argv) > 2 else 660000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 60
    libc = ctypes.CDLL(None, use_errno=True)
    data = b"x" * size
    target = os.path.join(where, "replace.out")
    tmp = target + ".tmp"

    def write(path):
        with open(path, "wb") as f:
            f.write(data)

    def by_rename():
        os.rename(tmp, target)

    def by_exchange():
        if libc.renameat2(AT_FDCWD, tmp.encode(), AT_FDCWD, target.encode(),
                          RENAME_EXCHANGE) != 0:
            raise OSError(ctypes.get_errno(), "renameat2")
        os.unlink(tmp)

    def by_unlink():
        os.unlink(target)
        os.rename(tmp, target)

    means = [("rename", by_rename), ("exchange", by_exchange), ("unlink", by_unlink)]
    os.makedirs(where, exist_ok=True)
    for name, replace in means:
        write(target)
        took = []
        for _ in range(rounds):
            write(tmp)
            start = time.perf_counter()
            replace()
            took.append(time.perf_counter() - start)
            time.sleep(0.03)
        print("%-9s median %7.0f us  min %7.0f us  (%d KB, %d rounds, in %s)" %
              (name, statistics.median(took) * 1e6, min(took) * 1e6, size // 1000,
               rounds, where))
    os.unlink(target)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Side-by-side timing of a few commands, alternating, for differences
that separate runs measure too noisily (bench/README.md).

    bench/alternate.py ROUNDS NAME=DIR::COMMAND [NAME=DIR::COMMAND ...]

Each round runs every command once (in DIR, output discarded), the order
rotated each round; two warm-up rounds are not counted. Prints, for each
command, the median and min wall-clock time and the median over rounds
of its time divided by the first command's in the same round.
"""
import statistics
import subprocess
import sys
import time


def main():
    rounds = int(sys.argv[1])
    variants = []
    for spec in sys.argv[2:]:
        name, rest = spec.split("=", 1)
        cwd, cmd = rest.split("::", 1)
        variants.append((name, cwd, cmd.split()))
    first = variants[0][0]
    times = {name: [] for name, _, _ in variants}
    ratios = {name: [] for name, _, _ in variants}
    for r in range(rounds + 2):
        k = r % len(variants)
        got = {}
        for name, cwd, argv in variants[k:] + variants[:k]:
            start = time.perf_counter()
            subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            got[name] = time.perf_counter() - start
        if r < 2:
            continue
        for name, t in got.items():
            times[name].append(t)
            ratios[name].append(t / got[first])
    for name, _, _ in variants:
        print("%-28s median %8.2f ms  min %8.2f ms  / %s: %.3f" % (
            name, 1e3 * statistics.median(times[name]),
            1e3 * min(times[name]), first, statistics.median(ratios[name])))


if __name__ == "__main__":
    main()

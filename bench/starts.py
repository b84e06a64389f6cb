#!/usr/bin/python3
"""When a run's workers got going, read from its --trace file (bench/README.md).

    bench/starts.py TRACE.json [-v]

Prints, in milliseconds from the start of the run: the mean and the last
time a worker started its first test, when the last test ended, and when
the run ended. With -v, also one line a worker: its start-up slice, its
first test, its last test's end, how many tests it ran and the sum of
the gaps between them.

A run of equal tests on W workers ends near (total work) / W plus the mean
first start: each millisecond the workers take to start, on average, is a
millisecond at the end. That is what this measures.
"""
import json
import statistics
import sys


def load(path):
    with open(path) as f:
        data = json.load(f)
    return data["traceEvents"] if isinstance(data, dict) else data


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip())
    events = load(sys.argv[1])
    run = next(e for e in events if e.get("cat") == "run")
    tracks = {}
    for e in events:
        if e.get("ph") == "X" and e.get("cat") in ("test", "worker"):
            tracks.setdefault(e["tid"], []).append(e)
    firsts, ends = [], []
    for tid in sorted(tracks):
        slices = sorted(tracks[tid], key=lambda e: e["ts"])
        tests = [e for e in slices if e["cat"] == "test"]
        if not tests:
            continue
        spawn = next((e for e in slices if e["cat"] == "worker"), None)
        gaps = sum(b["ts"] - a["ts"] - a["dur"] for a, b in zip(tests, tests[1:]))
        firsts.append(tests[0]["ts"] / 1000)
        ends.append((tests[-1]["ts"] + tests[-1]["dur"]) / 1000)
        if "-v" in sys.argv:
            up = ("start-up %6.2f +%5.2f" % (spawn["ts"] / 1000, spawn["dur"] / 1000)
                  if spawn else "start-up %13s" % "-")
            print("worker %2d  %s  first %6.2f  last end %7.2f  %3d tests  gaps %5.2f"
                  % (tid, up, firsts[-1], ends[-1], len(tests), gaps / 1000))
    print("first test: mean %.1f, last %.1f; last test ended %.1f; run %.1f ms"
          % (statistics.mean(firsts), max(firsts), max(ends), run["dur"] / 1000))


if __name__ == "__main__":
    main()

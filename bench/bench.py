#!/usr/bin/env python3
"""Runs the benchmark cases that gen.py wrote and the Makefile built, and
prints one table of medians and ratios. Called by run.sh; see README.md.

Each case is first run once, checked (exit status and test counts) and
timed; a case that fails that check, hangs or is not built is reported, never
timed, and never makes this script fail. Then hyperfine (or a plain loop
when hyperfine is missing) times it again: the slower the case, the fewer
the runs, so that the whole suite stays within a few minutes.

Environment:
    BENCH_RUNS=N    timed runs for a fast case (default: as many as fit in
                    ~10 s, 3 to 10); slow cases get fewer whatever N is
    BENCH_FULL=1    Criterion's W1 on all 5,000 tests (~3 min here) instead
                    of 500 of them, the time scaled to 5,000
    BENCH_TIMEOUT=S seconds before a case counts as hung (default 120)
    BENCH_ONLY=RE   only the cases whose name matches RE (e.g. 'W2|D ')
    BENCH_NO_HYPERFINE=1  time with the plain loop even if hyperfine is there
"""
import json
import os
import platform
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = os.path.join(HERE, "build")
LOGS = os.path.join(BUILD, "logs")
SYS_PY = "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else None

TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "120"))
FULL = os.environ.get("BENCH_FULL") == "1"
RUNS = int(os.environ["BENCH_RUNS"]) if os.environ.get("BENCH_RUNS") else None
HYPERFINE = (None if os.environ.get("BENCH_NO_HYPERFINE") == "1"
             else shutil.which("hyperfine"))
ONLY = os.environ.get("BENCH_ONLY")

ENV = dict(os.environ)
ENV.update({"NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1", "LC_ALL": "C"})
for k in ("PYTHONPATH", "PYTHONHOME", "PTEST_JOBS", "PTEST_TIMEOUT",
          "GTEST_TOTAL_SHARDS", "GTEST_SHARD_INDEX", "TEST_TOTAL_SHARDS",
          "TEST_SHARD_INDEX", "PYTEST_ADDOPTS", "PTEST_CACHE_DIR"):
    ENV.pop(k, None)


# --------------------------------------------------------------------------
# Checking what a run printed.
# --------------------------------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def check_ptest(n):
    def check(out):
        m = re.findall(r"ptest: (\d+) passed, (\d+) failed, (\d+) skipped", out)
        if not m:
            return "no 'ptest: P passed, F failed, S skipped' line"
        p, f, s = map(int, m[-1])
        if (p, f, s) != (n, 0, 0):
            return "expected %d passed, 0 failed, 0 skipped; got %d, %d, %d" % (
                n, p, f, s)
        return None
    return check


def check_ids(n):
    def check(out):
        got = len(re.findall(r"^\S*t\d{6}\S*$", out, re.M))
        return None if got == n else "expected %d test ids, got %d" % (n, got)
    return check


def check_criterion(n):
    def check(out):
        m = re.findall(r"Tested: (\d+) \| Passing: (\d+) \| Failing: (\d+) "
                       r"\| Crashing: (\d+)", out)
        if not m:
            return "no Criterion synthesis line"
        t, p, f, c = map(int, m[-1])
        if (t, p, f, c) != (n, n, 0, 0):
            return "expected %d tested and passing; got %s" % (n, m[-1])
        return None
    return check


def check_pytest(n):
    def check(out):
        m = re.findall(r"(\d+) passed", out)
        if not m or int(m[-1]) != n or re.search(r"\d+ (failed|error)", out):
            return "expected '%d passed' and no failures" % n
        return None
    return check


def check_gtest(n):
    def check(out):
        m = re.findall(r"\[  PASSED  \] (\d+) tests?", out)
        if not m or int(m[-1]) != n or "FAILED" in out:
            return "expected '[  PASSED  ] %d tests'" % n
        return None
    return check


def check_none(out):
    return None


def list_schedule(durations, workers):
    """Makespan of the durations (seconds) run in the given order, each on
    the first worker to be free, with no overhead: what a dispatcher that
    knows nothing of the durations achieves in that order."""
    free = [0.0] * workers
    for d in durations:
        i = free.index(min(free))
        free[i] += d
    return max(free)


# --------------------------------------------------------------------------
# Running and timing one case.
# --------------------------------------------------------------------------

class Case:
    def __init__(self, key, argv, cwd, check, prepare=None, env=None,
                 needs=None, missing="not built (see build/build.log)"):
        self.key = key
        self.missing = missing
        self.argv = argv
        self.cwd = cwd
        self.check = check
        self.prepare = prepare      # argv run before each timed run
        self.env = dict(ENV, **(env or {}))
        self.needs = needs          # a file that must exist, else n/a
        self.status = None          # ok, n/a, FAIL, HANG
        self.why = ""
        self.samples = []
        self.output = ""

    @property
    def cmd(self):
        return " ".join(shlex.quote(a) for a in self.argv)

    @property
    def median(self):
        if self.status != "ok" or not self.samples:
            return None
        s = sorted(self.samples)
        n = len(s)
        return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def run_once(case):
    """Runs the case with its output captured; returns (seconds, rc, out),
    rc None when it ran past the timeout (its process group is killed)."""
    if case.prepare:
        subprocess.run(case.prepare, cwd=case.cwd, env=case.env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(case.argv, cwd=case.cwd, env=case.env,
                                stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            rc = proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            rc = None
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    pass
                time.sleep(0.5)
            proc.wait()
        elapsed = time.perf_counter() - t0
        out.seek(0)
        text = ANSI.sub("", out.read().decode("utf-8", "replace"))
    return elapsed, rc, text


def how_many_runs(t):
    """Timed runs after the checked one, by how long that one took."""
    if t >= 20:
        return 0, 0          # the checked run is the only sample
    if t >= 5:
        return 0, 1          # no warm-up (the checked run was one), 1 run
    runs = RUNS or max(3, min(10, int(10 / max(t, 1e-3))))
    return (1 if t < 2 else 0), runs


def time_runs(case, warmup, runs):
    if runs == 0:
        return []
    if HYPERFINE:
        fd, path = tempfile.mkstemp(suffix=".json", dir=BUILD)
        os.close(fd)
        cmd = [HYPERFINE, "-N", "--style", "none", "--warmup", str(warmup),
               "--runs", str(runs), "--export-json", path]
        if case.prepare:
            cmd += ["--prepare", " ".join(map(shlex.quote, case.prepare))]
        cmd.append(case.cmd)
        r = subprocess.run(cmd, cwd=case.cwd, env=case.env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=TIMEOUT * (
                               warmup + runs + 1))
        try:
            if r.returncode != 0:
                raise RuntimeError(r.stdout.decode("utf-8", "replace"))
            with open(path) as f:
                return json.load(f)["results"][0]["times"]
        finally:
            os.unlink(path)
    samples = []
    for i in range(warmup + runs):
        t, rc, out = run_once(case)
        if rc != 0:
            raise RuntimeError("exit status %s\n%s" % (rc, out[-2000:]))
        if i >= warmup:
            samples.append(t)
    return samples


def measure(case):
    label = "%-34s" % case.key
    print("  %s " % label, end="", flush=True)
    if ONLY and not re.search(ONLY, case.key):
        case.status, case.why = "n/a", "not selected (BENCH_ONLY)"
        print(case.why)
        return case
    if case.needs and not os.path.exists(case.needs):
        case.status, case.why = "n/a", case.missing
        print(case.why)
        return case
    exe = case.argv[0]
    if os.sep not in exe and not shutil.which(exe):
        case.status, case.why = "n/a", "%s not installed" % exe
        print(case.why)
        return case
    t, rc, out = run_once(case)
    case.output = out
    with open(os.path.join(LOGS, case.key.replace(" ", "_") + ".log"),
              "w") as f:
        f.write("$ cd %s && %s\n%s\nexit status: %s, %.3f s\n" % (
            case.cwd, case.cmd, out, rc, t))
    if rc is None:
        case.status = "HANG"
        case.why = "still running after %g s, killed" % TIMEOUT
    elif rc != 0:
        case.status, case.why = "FAIL", "exit status %d" % rc
    else:
        err = case.check(out)
        if err:
            case.status, case.why = "FAIL", err
    if case.status:
        print("%s: %s" % (case.status, case.why))
        return case
    warmup, runs = how_many_runs(t)
    try:
        extra = time_runs(case, warmup, runs)
    except Exception as e:  # a run that failed the second time round
        case.status = "FAIL"
        case.why = "failed while timed: %s" % str(e).strip()[-300:]
        print(case.why)
        return case
    case.samples = [t] if runs == 0 or t >= 5 else []
    case.samples += extra
    case.status = "ok"
    print("%s  (%d run%s)" % (fmt_time(case.median), len(case.samples),
                               "" if len(case.samples) == 1 else "s"))
    return case


# --------------------------------------------------------------------------
# The table.
# --------------------------------------------------------------------------

def fmt_time(s):
    if s is None:
        return "n/a"
    if s < 1e-3:
        return "%.1f us" % (s * 1e6)
    if s < 1:
        return "%.1f ms" % (s * 1e3)
    return "%.2f s" % s


def fmt_ratio(r):
    if r is None:
        return ""
    if r >= 100:
        return "%.0fx" % r
    if r >= 10:
        return "%.1fx" % r
    return "%.2fx" % r


def cell(case):
    if case is None:
        return "n/a"
    if case.status != "ok":
        return case.status if case.status == "n/a" else "%s*" % case.status
    return fmt_time(case.median)


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%d CPUs (nproc), %s, %s %s %s" % (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
        else os.cpu_count(), model, platform.system(), platform.release(),
        platform.machine())


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return "?"


LOAD_AT_START = loadavg()


def version(argv, pattern, cwd=BUILD):
    try:
        r = subprocess.run(argv, cwd=cwd, env=ENV, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=30)
        m = re.search(pattern, ANSI.sub("", r.stdout.decode("utf-8", "replace")))
        return m.group(1) if m else None
    except (OSError, subprocess.SubprocessError):
        return None


def dpkg_version(pkg):
    return version(["dpkg-query", "-W", "-f", "${Version}", pkg], r"(\S+)")


def main():
    os.makedirs(LOGS, exist_ok=True)
    with open(os.path.join(BUILD, "workloads.json")) as f:
        W = json.load(f)
    b = lambda *p: os.path.join(BUILD, *p)
    cc = os.environ.get("CC", "cc")
    cxx = os.environ.get("CXX", "c++")
    py = [SYS_PY or "python3", "-m", "pytest", "-q", "-p", "no:cacheprovider",
          "-c", os.devnull, "--rootdir", "."]
    have_xdist = SYS_PY and subprocess.run(
        [SYS_PY, "-c", "import pytest, xdist"], env=ENV,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
    pyneeds = None if have_xdist else "/nonexistent/pytest-xdist"
    pymissing = "no pytest-xdist for /usr/bin/python3"
    n1 = W["w1_tests"]
    crit_w1_n = n1 if FULL else 500
    crit_w1_filter = [] if FULL else ["--filter", "w/t000[0-4]*"]

    # Every run starts without a cache; each case's checked run writes one
    # (ptest's default), so its timed runs are the same on every bench run.
    for d in ("w1", "w2", "w3", "w5", "d", "w6", "r1", "r2"):
        shutil.rmtree(b(d, ".ptest_cache"), ignore_errors=True)
        shutil.rmtree(b(d, "cache"), ignore_errors=True)

    cases = {}

    def add(c):
        cases[c.key] = c
        return c

    # Is --no-cache there (cold runs), and where does the cache go?
    w3cache = b("w3", "cache")
    no_cache = os.path.exists(b("w3", "ptest")) and subprocess.run(
        [b("w3", "ptest"), "--no-cache", "--collect-only", "-q"],
        cwd=b("w3"), env=ENV, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL).returncode == 0
    forget = ["rm", "-rf", w3cache, b("w3", ".ptest_cache")]
    cold = (["--no-cache"] if no_cache else [])

    print("W1: %d trivial tests (load average %s)" % (n1, loadavg()))
    add(Case("W1 ptest -j 2", ["./ptest", "-j", "2", "-q"], b("w1"),
             check_ptest(n1), needs=b("w1", "ptest")))
    add(Case("W1 ptest -j 0", ["./ptest", "-j", "0", "-q"], b("w1"),
             check_ptest(n1), needs=b("w1", "ptest")))
    add(Case("W1 GoogleTest", ["./gtest", "--gtest_brief=1"], b("w1"),
             check_gtest(n1), needs=b("w1", "gtest")))
    add(Case("W1 pytest-xdist -n 2", py + ["-n", "2", "test_w1.py"], b("w1"),
             check_pytest(n1), needs=pyneeds, missing=pymissing))
    add(Case("W1 Criterion", ["./criterion"] + crit_w1_filter, b("w1"),
             check_criterion(crit_w1_n), needs=b("w1", "criterion")))
    # What the timeline and the HTML report cost (issue 19: under 5%).
    add(Case("W1 ptest -j 2 --trace",
             ["./ptest", "-j", "2", "-q", "--trace=" + b("w1", "trace.json")],
             b("w1"), check_ptest(n1), needs=b("w1", "ptest")))
    add(Case("W1 ptest -j 2 --html",
             ["./ptest", "-j", "2", "-q", "--html=" + b("w1", "report.html")],
             b("w1"), check_ptest(n1), needs=b("w1", "ptest")))
    for k in ("W1 ptest -j 2", "W1 ptest -j 2 --trace", "W1 ptest -j 2 --html",
              "W1 ptest -j 0", "W1 GoogleTest", "W1 pytest-xdist -n 2",
              "W1 Criterion"):
        measure(cases[k])

    n2 = W["w2_tests"]
    print("W2: %d tests of %d ms at 16 workers (load average %s)" % (
        n2, W["w2_sleep_ms"], loadavg()))
    for c in (Case("W2 floor", [b("floor"), "sleep", "16", str(n2),
                                str(W["w2_sleep_ms"])], b("w2"), check_none,
                   needs=b("floor")),
              Case("W2 ptest -j 16", ["./ptest", "-j", "16", "-q"], b("w2"),
                   check_ptest(n2), needs=b("w2", "ptest")),
              Case("W2 ptest -j 16 --pool=thread",
                   ["./ptest", "-j", "16", "--pool=thread", "-q"], b("w2"),
                   check_ptest(n2), needs=b("w2", "ptest")),
              Case("W2 Criterion -j16", ["./criterion", "-j16"], b("w2"),
                   check_criterion(n2), needs=b("w2", "criterion")),
              Case("W2 pytest-xdist -n 16", py + ["-n", "16", "test_w2.py"],
                   b("w2"), check_pytest(n2), needs=pyneeds, missing=pymissing)):
        measure(add(c))

    d3 = W["w3_durations_ms"]
    n3 = len(d3)
    print("W3: %d uneven CPU-bound tests at 2 workers (load average %s)" % (
        n3, loadavg()))
    for c in (Case("W3 ptest -j 1 (serial)", ["./ptest", "-j", "1", "-q"] + cold,
                   b("w3"), check_ptest(n3), needs=b("w3", "ptest"),
                   prepare=None if no_cache else forget,
                   env={"PTEST_CACHE_DIR": w3cache}),
              Case("W3 ptest -j 2 cold", ["./ptest", "-j", "2", "-q"] + cold,
                   b("w3"), check_ptest(n3), needs=b("w3", "ptest"),
                   prepare=None if no_cache else forget,
                   env={"PTEST_CACHE_DIR": w3cache})):
        measure(add(c))
    warm = add(Case("W3 ptest -j 2 warm", ["./ptest", "-j", "2", "-q"],
                    b("w3"), check_ptest(n3), needs=b("w3", "ptest"),
                    env={"PTEST_CACHE_DIR": w3cache}))
    if os.path.exists(b("w3", "ptest")) and not (
            ONLY and not re.search(ONLY, warm.key)):
        subprocess.run(forget)
        run_once(warm)  # writes the cache the timed runs read
    if not (os.path.isdir(w3cache) or os.path.isdir(b("w3", ".ptest_cache"))):
        warm.status = "n/a"
        warm.why = ("no cache written (--no-cache %s)" %
                    ("accepted" if no_cache else "rejected"))
        print("  %-34s %s" % (warm.key, warm.why))
    else:
        measure(warm)
    for c in (Case("W3 Criterion -j2", ["./criterion", "-j2"], b("w3"),
                   check_criterion(n3), needs=b("w3", "criterion")),
              Case("W3 pytest-xdist -n 2", py + ["-n", "2", "test_w3.py"],
                   b("w3"), check_pytest(n3), needs=pyneeds, missing=pymissing)):
        measure(add(c))

    print("W4: compiling one file of %d tests at -O0 -c" % W["w4_tests"])
    inc = ["-I", ROOT]
    for c in (Case("W4 ptest + PTEST_MAIN",
                   [cc, "-O0", "-c", "ptest_main.c", "-o", "ptest_main.o"]
                   + inc, b("w4"), check_none),
              Case("W4 ptest (API only)",
                   [cc, "-O0", "-c", "ptest.c", "-o", "ptest.o"] + inc,
                   b("w4"), check_none),
              Case("W4 Criterion",
                   [cc, "-O0", "-c", "criterion.c", "-o", "criterion.o"],
                   b("w4"), check_none,
                   needs="/usr/include/criterion/criterion.h"),
              Case("W4 GoogleTest",
                   [cxx, "-O0", "-c", "gtest.cc", "-o", "gtest.o"], b("w4"),
                   check_none, needs="/usr/include/gtest/gtest.h")):
        measure(add(c))

    n5 = W["w5_tests"]
    print("W5: %d trivial tests (ptest only)" % n5)
    for c in (Case("W5 ptest --collect-only -q",
                   ["./ptest", "--collect-only", "-q"] + cold, b("w5"),
                   check_ids(n5), needs=b("w5", "ptest")),
              Case("W5 ptest -j 2", ["./ptest", "-j", "2", "-q"], b("w5"),
                   check_ptest(n5), needs=b("w5", "ptest")),
              Case("W5 ptest --collect-only -q, cache",
                   ["./ptest", "--collect-only", "-q"], b("w5"),
                   check_ids(n5), needs=b("w5", "ptest")),
              Case("W5 ptest --version", ["./ptest", "--version"], b("w5"),
                   check_none, needs=b("w5", "ptest")),
              # The same objects linked -no-pie: what relocating a
              # position-independent executable costs at every start.
              Case("W5 ptest -no-pie --collect-only -q",
                   ["./ptest-nopie", "--collect-only", "-q"] + cold, b("w5"),
                   check_ids(n5), needs=b("w5", "ptest-nopie")),
              Case("W5 ptest -no-pie --version", ["./ptest-nopie", "--version"],
                   b("w5"), check_none, needs=b("w5", "ptest-nopie"))):
        measure(add(c))

    nd = W["d_tests"]
    print("D: dispatch")
    for c in (Case("D ptest 1 test -j 2", ["./one", "-j", "2", "-q"], b("d"),
                   check_ptest(1), needs=b("d", "one")),
              Case("D ptest 64x50ms -j 1", ["./sleep64", "-j", "1", "-q"],
                   b("d"), check_ptest(nd), needs=b("d", "sleep64")),
              Case("D ptest 64x50ms -j 16", ["./sleep64", "-j", "16", "-q"],
                   b("d"), check_ptest(nd), needs=b("d", "sleep64"))):
        measure(add(c))

    def cold_warm(prefix, argv, cwd, n, cachedir, needs, missing, jobs):
        """Two cases of one ptest program: cold (--no-cache; without it,
        the cache removed before each run) and warm (the durations a
        previous run cached)."""
        forget_c = ["rm", "-rf", cachedir, os.path.join(cwd, ".ptest_cache")]
        env = {"PTEST_CACHE_DIR": cachedir}
        j = ["-j", str(jobs), "-q"]
        measure(add(Case("%s -j %d cold" % (prefix, jobs), argv + j + cold,
                         cwd, check_ptest(n), env=env, needs=needs,
                         missing=missing,
                         prepare=None if no_cache else forget_c)))
        warm_c = add(Case("%s -j %d warm" % (prefix, jobs), argv + j, cwd,
                          check_ptest(n), env=env, needs=needs,
                          missing=missing))
        if os.path.exists(needs) and not (
                ONLY and not re.search(ONLY, warm_c.key)):
            subprocess.run(forget_c)
            run_once(warm_c)  # writes the cache the timed runs read
            if not os.path.isdir(cachedir):
                warm_c.status, warm_c.why = "n/a", "no cache written"
                print("  %-34s %s" % (warm_c.key, warm_c.why))
                return
        measure(warm_c)

    plan6 = W.get("w6_plan_ms")
    if plan6:
        n6 = len(plan6)
        slow6 = [ms for ms in plan6 if ms is not None]
        print("W6: %d trivial tests and %d sleeping ones (load average %s)" % (
            n6 - len(slow6), len(slow6), loadavg()))
        xv = dpkg_version("python3-pytest-xdist") or "?"
        steal = have_xdist and subprocess.run(
            [SYS_PY, "-c", "from xdist.scheduler import WorkStealingScheduling"],
            env=ENV, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL).returncode == 0
        for jobs in (2, 8):
            cold_warm("W6 ptest", ["./ptest"], b("w6"), n6, b("w6", "cache"),
                      b("w6", "ptest"), "not built (see build/build.log)",
                      jobs)
            measure(add(Case("W6 Criterion -j%d" % jobs,
                             ["./criterion", "-j%d" % jobs], b("w6"),
                             check_criterion(n6),
                             needs=b("w6", "criterion"))))
            for dist in ("load", "worksteal"):
                needs, missing = pyneeds, pymissing
                if dist == "worksteal" and have_xdist and not steal:
                    needs = "/nonexistent/worksteal"
                    missing = ("pytest-xdist %s has no --dist worksteal "
                               "(new in 3.2.0)" % xv)
                measure(add(Case(
                    "W6 pytest-xdist -n %d --dist %s" % (jobs, dist),
                    py + ["-n", str(jobs), "--dist", dist, "test_w6.py"],
                    b("w6"), check_pytest(n6), needs=needs,
                    missing=missing)))

    repro_dir = os.path.normpath(os.path.join(ROOT, "..", "shared", "repro"))
    repros = (("R1", "warm-cache-batch-serializes", "r1", "warm"),
              ("R2", "worksteal-steals-nothing", "r2", "steal"))
    print("R: the repro programs of %s (load average %s)" % (
        os.path.relpath(repro_dir, ROOT), loadavg()))
    for tag, name, d, exe in repros:
        src = os.path.join(repro_dir, name + ".c")
        missing = ("not built (see build/build.log)" if os.path.exists(src)
                   else "no %s beside the checkout" %
                   os.path.relpath(src, ROOT))
        os.makedirs(b(d), exist_ok=True)
        cold_warm("%s ptest" % tag, ["./" + exe], b(d), 264,
                  b(d, "cache"), b(d, exe), missing, 2)

    # ---------------------------------------------------------------------
    # Bounds and the table.
    # ---------------------------------------------------------------------
    M = lambda k: cases[k].median if k in cases else None
    ideal2 = n2 * W["w2_sleep_ms"] / 1000.0 / 16
    serial = M("W3 ptest -j 1 (serial)")
    total_nominal = sum(d3) / 1000.0
    total = serial if serial is not None else total_nominal
    longest = max(d3) / 1000.0
    bound3 = max(total / 2, longest)
    one = M("D ptest 1 test -j 2")
    w1 = M("W1 ptest -j 2")
    dispatch = (w1 - one) / n1 if w1 is not None and one is not None else None
    crit = cases["W1 Criterion"]
    if crit.status == "ok" and crit_w1_n != n1:
        crit.samples = [s * n1 / crit_w1_n for s in crit.samples]

    rows = []   # (workload, runner, case or text, ratio vs ptest, vs bound)

    def row(wl, label, key, ref=None, bound=None, note=""):
        c = cases.get(key)
        m = c.median if c else None
        r = m / M(ref) if ref and m is not None and M(ref) else None
        vb = m / bound if bound and m is not None else None
        if c is not None and c.status not in ("ok", "n/a"):
            note = (note + "; " if note else "") + c.why
        mn = fmt_time(min(c.samples)) if c and c.median is not None else ""
        rows.append((wl, label, cell(c), mn, fmt_ratio(r), fmt_ratio(vb),
                     note))

    def text(wl, label, value, note=""):
        rows.append((wl, label, value, "", "", "", note))

    wl = "W1 %d trivial tests" % n1
    row(wl, "ptest -j 2 (fork pool)", "W1 ptest -j 2", "W1 ptest -j 2",
        note="per test %s" % fmt_time(w1 / n1) if w1 else "")
    row("", "ptest -j 2 --trace=FILE", "W1 ptest -j 2 --trace", "W1 ptest -j 2",
        note="the timeline (Chrome trace JSON)")
    row("", "ptest -j 2 --html=FILE", "W1 ptest -j 2 --html", "W1 ptest -j 2",
        note="the HTML report")
    row("", "ptest -j 0 (inline, reference)", "W1 ptest -j 0", "W1 ptest -j 2")
    row("", "GoogleTest (serial, in-process)", "W1 GoogleTest", "W1 ptest -j 2")
    row("", "pytest-xdist -n 2", "W1 pytest-xdist -n 2", "W1 ptest -j 2")
    row("", "Criterion (default: fork per test)", "W1 Criterion",
        "W1 ptest -j 2", note="" if crit_w1_n == n1 else
        "ran %d of %d (--filter), scaled x%d" % (crit_w1_n, n1,
                                                n1 // crit_w1_n))
    wl = "W2 %d x %d ms, 16 workers" % (n2, W["w2_sleep_ms"])
    text(wl, "ideal (total / 16)", fmt_time(ideal2))
    row("", "floor: 16 bare fork()ed children", "W2 floor", "W2 ptest -j 16",
        ideal2, note="no runner: fork, nanosleep, exit (floor.c)")
    row("", "ptest -j 16", "W2 ptest -j 16", "W2 ptest -j 16", ideal2)
    row("", "ptest -j 16 --pool=thread", "W2 ptest -j 16 --pool=thread",
        "W2 ptest -j 16", ideal2, "threads: no fork per worker, no crash isolation")
    row("", "Criterion -j16", "W2 Criterion -j16", "W2 ptest -j 16", ideal2)
    row("", "pytest-xdist -n 16", "W2 pytest-xdist -n 16", "W2 ptest -j 16",
        ideal2)
    wl = "W3 %d uneven CPU tests, 2 wkrs" % n3
    text(wl, "lower bound max(total/2, longest)", fmt_time(bound3),
         "total %s (%s), longest %s" % (
             fmt_time(total), "ptest -j 1 run" if serial is not None
             else "nominal", fmt_time(longest)))
    row("", "ptest -j 1 (serial total)", "W3 ptest -j 1 (serial)",
        note="nominal CPU work %s" % fmt_time(total_nominal))
    row("", "ptest -j 2, cold (%s)" % ("--no-cache" if no_cache
                                       else "no cache dir"),
        "W3 ptest -j 2 cold", "W3 ptest -j 2 cold", bound3)
    row("", "ptest -j 2, warm (durations cached)", "W3 ptest -j 2 warm",
        "W3 ptest -j 2 cold", bound3)
    row("", "Criterion -j2", "W3 Criterion -j2", "W3 ptest -j 2 cold", bound3)
    row("", "pytest-xdist -n 2", "W3 pytest-xdist -n 2", "W3 ptest -j 2 cold",
        bound3)
    wl = "W4 compile %d tests -O0 -c" % W["w4_tests"]
    row(wl, "ptest, file with PTEST_MAIN", "W4 ptest + PTEST_MAIN",
        "W4 ptest + PTEST_MAIN", note="implementation + main() in the file")
    row("", "ptest, test file (API only)", "W4 ptest (API only)",
        "W4 ptest + PTEST_MAIN")
    row("", "Criterion", "W4 Criterion", "W4 ptest + PTEST_MAIN")
    row("", "GoogleTest", "W4 GoogleTest", "W4 ptest + PTEST_MAIN")
    wl = "W5 %d trivial tests" % n5
    row(wl, "ptest --collect-only -q%s" % (" --no-cache" if no_cache else ""),
        "W5 ptest --collect-only -q", note="target < 100 ms")
    w5 = M("W5 ptest -j 2")
    row("", "ptest -j 2 (whole run)", "W5 ptest -j 2",
        note="per test %s" % fmt_time(w5 / n5) if w5 else "")
    row("", "ptest --collect-only -q, with cache",
        "W5 ptest --collect-only -q, cache",
        note="reads the 100,000 durations the run above wrote")
    row("", "ptest --version (load the binary)", "W5 ptest --version",
        note="%.0f MB executable" % (os.path.getsize(b("w5", "ptest")) / 1e6)
        if os.path.exists(b("w5", "ptest")) else "")
    row("", "ptest --collect-only -q%s, -no-pie" % (" --no-cache" if no_cache else ""),
        "W5 ptest -no-pie --collect-only -q",
        note="same objects linked -no-pie: no 600k relocations")
    row("", "ptest --version, -no-pie", "W5 ptest -no-pie --version")
    wl = "D dispatch (fork pool)"
    row(wl, "ptest startup, 1 test, -j 2", "D ptest 1 test -j 2")
    text("", "per trivial test at -j 2", fmt_time(dispatch),
         "(W1 ptest -j 2 - startup) / %d" % n1)
    ideal_d1 = nd * W["d_sleep_ms"] / 1000.0
    ideal_d16 = ideal_d1 / 16
    row("", "%d x %d ms, -j 1" % (nd, W["d_sleep_ms"]), "D ptest 64x50ms -j 1",
        bound=ideal_d1, note="ideal %s" % fmt_time(ideal_d1))
    row("", "%d x %d ms, -j 16" % (nd, W["d_sleep_ms"]),
        "D ptest 64x50ms -j 16", bound=ideal_d16,
        note="ideal %s" % fmt_time(ideal_d16))

    def ref_row(wl, label, value, bound, note=""):
        """A computed figure (no case) with its ratio to the bound."""
        rows.append((wl, label, fmt_time(value), "", "",
                     fmt_ratio(value / bound), note))

    if plan6:
        total6 = sum(slow6) / 1000.0
        longest6 = max(slow6) / 1000.0
        order6 = [0.0 if ms is None else ms / 1000.0 for ms in plan6]
        wl = "W6 %d trivial + %d sleeping" % (n6 - len(slow6), len(slow6))
        for jobs in (2, 8):
            bound6 = max(total6 / jobs, longest6)
            ref = "W6 ptest -j %d cold" % jobs
            text(wl if jobs == 2 else "",
                 "lower bound max(total/%d, longest), -j %d" % (
                     jobs, jobs), fmt_time(bound6),
                 "total %s (the %d sleeps), longest %s" % (
                     fmt_time(total6), len(slow6), fmt_time(longest6)))
            ref_row("", "  in definition order, no overhead",
                    list_schedule(order6, jobs), bound6,
                    "each test on the first free worker: no durations known")
            ref_row("", "  longest first, no overhead",
                    list_schedule(sorted(order6, reverse=True), jobs), bound6,
                    "all durations known")
            row("", "ptest -j %d, cold (%s)" % (jobs, "--no-cache" if no_cache
                                                else "no cache dir"),
                ref, ref, bound6)
            row("", "ptest -j %d, warm (durations cached)" % jobs,
                "W6 ptest -j %d warm" % jobs, ref, bound6)
            row("", "Criterion -j%d" % jobs, "W6 Criterion -j%d" % jobs, ref,
                bound6)
            for dist in ("load", "worksteal"):
                key = "W6 pytest-xdist -n %d --dist %s" % (jobs, dist)
                c = cases.get(key)
                row("", "pytest-xdist -n %d --dist %s" % (jobs, dist), key,
                    ref, bound6, note=c.why if c and c.status == "n/a" else "")

    for tag, name, d, exe in repros:
        ref = "%s ptest -j 2 cold" % tag
        text("%s %s" % (tag, name), "lower bound (8 x 0.5 s / 2)",
             fmt_time(2.0), "%s.c: 256 trivial tests, 8 of 0.5 s" %
             os.path.relpath(os.path.join(repro_dir, name), ROOT))
        for temp, label in (("cold", "cold (%s)" % ("--no-cache" if no_cache
                                                     else "no cache dir")),
                            ("warm", "warm (durations cached)")):
            key = "%s ptest -j 2 %s" % (tag, temp)
            c = cases.get(key)
            row("", "ptest -j 2, %s" % label, key, ref, 2.0,
                note=c.why if c and c.status == "n/a" else "")

    ptest_v = version([b("d", "one"), "--version"], r"(\d+\.\d+\.\d+\S*)")
    peers = []
    for name, v in (("Criterion", dpkg_version("libcriterion-dev")),
                    ("GoogleTest", dpkg_version("libgtest-dev")),
                    ("pytest", version([SYS_PY or "python3", "-m", "pytest",
                                        "--version"], r"pytest (\S+)")),
                    ("pytest-xdist", dpkg_version("python3-pytest-xdist")),
                    ("hyperfine", version(["hyperfine", "--version"],
                                          r"hyperfine (\S+)"))):
        peers.append("%s %s" % (name, v or "n/a"))

    head = ("workload", "runner", "median", "min", "/ ref", "/ bound", "note")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(6)]
    lines = []
    lines.append("ptest %s vs peers, %s" % (ptest_v or "(not built)",
                                            time.strftime("%Y-%m-%d")))
    lines.append("machine: %s; load average %s at start, %s at end" % (
        machine(), LOAD_AT_START, loadavg()))
    costs = version([b("floor"), "costs"], r"(system call .*)")
    lines.append("machine costs: %s (floor.c)" % (costs or "n/a"))
    lines.append("peers: %s; timed with %s" % (
        ", ".join(peers), "hyperfine" if HYPERFINE else "a plain loop"))
    lines.append("")
    fmt = lambda r: ("%-*s  %-*s  %*s  %*s  %*s  %*s  %s" % (
        widths[0], r[0], widths[1], r[1], widths[2], r[2], widths[3], r[3],
        widths[4], r[4], widths[5], r[5], r[6])).rstrip()
    lines.append(fmt(head))
    lines.append(fmt(tuple("-" * w for w in widths) + ("----",)))
    for i, r in enumerate(rows):
        if r[0] and i:
            lines.append("")
        lines.append(fmt(r))
    lines.append("")
    lines.append("median, min: of the timed runs (wall clock; on a shared "
                 "machine min is the less disturbed).")
    lines.append("/ ref: the median divided by the workload's first ptest row "
                 "(above 1: slower than ptest).")
    lines.append("/ bound: the median divided by the ideal or lower bound. "
                 "* see below.")
    bad = [c for c in cases.values() if c.status in ("FAIL", "HANG")]
    if bad:
        lines.append("")
        lines.append("Problems:")
        for c in bad:
            lines.append("* %s: %s" % (c.key, c.why))
            lines.append("  $ cd %s && %s" % (os.path.relpath(c.cwd, ROOT),
                                              c.cmd))
            for l in c.output.strip().splitlines()[-8:]:
                lines.append("  | " + l[:200])
    table = "\n".join(lines)
    print()
    print(table)
    with open(b("results.txt"), "w") as f:
        f.write(table + "\n")
    with open(b("results.json"), "w") as f:
        json.dump({k: {"status": c.status, "why": c.why, "cmd": c.cmd,
                       "cwd": c.cwd, "samples": c.samples,
                       "median": c.median} for k, c in cases.items()},
                  f, indent=1)
    print("\n(also in bench/build/results.txt and results.json; each "
          "case's output in bench/build/logs/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

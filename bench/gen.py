#!/usr/bin/env python3
"""Writes the benchmark workloads, the same tests for every framework.

    python3 gen.py BUILD_DIR

Everything goes under BUILD_DIR (bench/build by default); a file is only
rewritten when its content changes, so make rebuilds nothing on a second run.
The workloads (README.md says what each one measures):

    w1/  5,000 trivial tests          ptest, Criterion, GoogleTest, pytest
    w2/  400 tests sleeping 10 ms     ptest, Criterion, pytest
    w3/  40 uneven CPU-bound tests    ptest, Criterion, pytest
    w4/  one file of 200 tests        ptest, Criterion, GoogleTest (compile)
    w5/  100,000 trivial tests        ptest only, in 10 files + main.c
    d/   1 trivial test (startup); 64 tests sleeping 50 ms
    w6/  400 trivial tests and 12 sleeping 100..400 ms, 4 first, 4 in the
         middle, 4 last              ptest, Criterion, pytest
"""
import json
import os
import sys

W1_TESTS = 5000
W2_TESTS, W2_SLEEP_MS = 400, 10
W4_TESTS = 200
W5_TESTS, W5_FILES = 100000, 10
D_TESTS, D_SLEEP_MS = 64, 50
GTEST_W1_FILES = 4  # split so that make -j compiles them side by side
W6_TRIVIAL = 400
# W6's slow tests, in milliseconds of sleep, in definition order: four before
# the first trivial test, four after the 200th, four after the last. Varied,
# not sorted: the longest (400) is the very first test, the second longest
# (375) the very last, where a run in definition order reaches it late.
W6_SLOW_MS = [[400, 100, 250, 150], [300, 200, 350, 125], [175, 325, 225, 375]]


def w3_durations():
    """Milliseconds of CPU time per test, in definition order: 36 short tests
    of 10..70 ms, then four long ones with the longest last, which is the
    worst place for it when tests run in definition order."""
    short = [10 + (i * 37) % 61 for i in range(36)]
    return short + [150, 200, 250, 700]


def w6_plan():
    """W6 in definition order: None for a trivial test, else the ms its
    test sleeps. 4 slow, 200 trivial, 4 slow, 200 trivial, 4 slow."""
    half = W6_TRIVIAL // 2
    first, middle, last = W6_SLOW_MS
    return (first + [None] * half + middle + [None] * (W6_TRIVIAL - half)
            + last)


def write(path, text):
    """Writes text to path unless it already holds exactly that."""
    try:
        with open(path) as f:
            if f.read() == text:
                return
    except OSError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


# --------------------------------------------------------------------------
# Test bodies, one dialect per framework.
# --------------------------------------------------------------------------

PTEST_MAIN_HEAD = '#define PTEST_MAIN\n#include "ptest.h"\n'
PTEST_HEAD = '#include "ptest.h"\n'
CRITERION_HEAD = "#include <criterion/criterion.h>\n"
GTEST_HEAD = "#include <gtest/gtest.h>\n"

C_SLEEP = """#include <time.h>
static void sleep_ms(long ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0) {
    }
}
"""

# CPU-bound: spins until the calling thread has used ms of CPU time, so the
# work is the same in every framework and language, whatever the clock speed.
C_SPIN = """#include <time.h>
static void spin_ms(long ms)
{
    struct timespec a, b;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    do {
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    } while ((b.tv_sec - a.tv_sec) * 1000.0 +
             (b.tv_nsec - a.tv_nsec) / 1e6 < (double)ms);
}
"""

PY_SLEEP = "import time\n\n"
PY_SPIN = """import time


def spin_ms(ms):
    start = time.thread_time()
    while (time.thread_time() - start) * 1000.0 < ms:
        pass

"""


def trivial(fw, i):
    """A test with one passing assertion."""
    if fw == "ptest":
        return "TEST(w, t%06d) { int v = %d; ASSERT_EQ(v, %d); }\n" % (i, i, i)
    if fw == "criterion":
        return "Test(w, t%06d) { int v = %d; cr_assert_eq(v, %d); }\n" % (i, i, i)
    if fw == "gtest":
        return "TEST(w, t%06d) { int v = %d; ASSERT_EQ(v, %d); }\n" % (i, i, i)
    if fw == "pytest":
        return "def test_t%06d():\n    v = %d\n    assert v == %d\n\n\n" % (i, i, i)
    raise ValueError(fw)


def sleeping(fw, i, ms):
    if fw == "ptest":
        return "TEST(w, t%06d) { sleep_ms(%d); }\n" % (i, ms)
    if fw == "criterion":
        return "Test(w, t%06d) { sleep_ms(%d); }\n" % (i, ms)
    if fw == "pytest":
        return "def test_t%06d():\n    time.sleep(%g)\n\n\n" % (i, ms / 1000.0)
    raise ValueError(fw)


def spinning(fw, i, ms):
    if fw == "ptest":
        return "TEST(w, t%06d) { spin_ms(%d); }\n" % (i, ms)
    if fw == "criterion":
        return "Test(w, t%06d) { spin_ms(%d); }\n" % (i, ms)
    if fw == "pytest":
        return "def test_t%06d():\n    spin_ms(%d)\n\n\n" % (i, ms)
    raise ValueError(fw)


def realistic(fw, i):
    """A W4 test: a few assertions of different kinds, as real tests have."""
    if fw == "ptest":
        return ("TEST(w4, t%03d) {\n"
                "    int v = %d;\n"
                "    const char *s = \"t%03d\";\n"
                "    ASSERT_EQ(v * 2, %d);\n"
                "    ASSERT_STR_EQ(s, \"t%03d\");\n"
                "    EXPECT_TRUE(v >= 0);\n"
                "}\n\n") % (i, i, i, 2 * i, i)
    if fw == "criterion":
        return ("Test(w4, t%03d) {\n"
                "    int v = %d;\n"
                "    const char *s = \"t%03d\";\n"
                "    cr_assert_eq(v * 2, %d);\n"
                "    cr_assert_str_eq(s, \"t%03d\");\n"
                "    cr_expect(v >= 0);\n"
                "}\n\n") % (i, i, i, 2 * i, i)
    if fw == "gtest":
        return ("TEST(w4, t%03d) {\n"
                "    int v = %d;\n"
                "    const char *s = \"t%03d\";\n"
                "    ASSERT_EQ(v * 2, %d);\n"
                "    ASSERT_STREQ(s, \"t%03d\");\n"
                "    EXPECT_TRUE(v >= 0);\n"
                "}\n\n") % (i, i, i, 2 * i, i)
    raise ValueError(fw)


HEADS = {"ptest": PTEST_MAIN_HEAD, "criterion": CRITERION_HEAD,
         "gtest": GTEST_HEAD, "pytest": ""}


def generate(build):
    j = lambda *p: os.path.join(build, *p)

    # W1: trivial tests.
    for fw, name in (("ptest", "ptest.c"), ("criterion", "criterion.c"),
                     ("pytest", "test_w1.py")):
        write(j("w1", name), HEADS[fw] +
              "".join(trivial(fw, i) for i in range(W1_TESTS)))
    per = W1_TESTS // GTEST_W1_FILES
    for k in range(GTEST_W1_FILES):
        write(j("w1", "gtest_%d.cc" % k), GTEST_HEAD +
              "".join(trivial("gtest", i)
                      for i in range(k * per, (k + 1) * per)))

    # W2: I/O-bound tests.
    for fw, name in (("ptest", "ptest.c"), ("criterion", "criterion.c")):
        write(j("w2", name), HEADS[fw] + C_SLEEP +
              "".join(sleeping(fw, i, W2_SLEEP_MS) for i in range(W2_TESTS)))
    write(j("w2", "test_w2.py"), PY_SLEEP +
          "".join(sleeping("pytest", i, W2_SLEEP_MS) for i in range(W2_TESTS)))

    # W3: uneven CPU-bound tests.
    durations = w3_durations()
    for fw, name in (("ptest", "ptest.c"), ("criterion", "criterion.c")):
        write(j("w3", name), HEADS[fw] + C_SPIN +
              "".join(spinning(fw, i, ms) for i, ms in enumerate(durations)))
    write(j("w3", "test_w3.py"), PY_SPIN +
          "".join(spinning("pytest", i, ms) for i, ms in enumerate(durations)))

    # W4: one file of 200 tests, for the compiler. ptest twice: a test file
    # as most of a project's files are (API only), and the one file that
    # also carries the implementation and main() (PTEST_MAIN).
    body = lambda fw: "".join(realistic(fw, i) for i in range(W4_TESTS))
    write(j("w4", "ptest.c"), PTEST_HEAD + "\n" + body("ptest"))
    write(j("w4", "ptest_main.c"), PTEST_MAIN_HEAD + "\n" + body("ptest"))
    write(j("w4", "criterion.c"), CRITERION_HEAD + "\n" + body("criterion"))
    write(j("w4", "gtest.cc"), GTEST_HEAD + "\n" + body("gtest"))

    # W5: 100,000 trivial tests in 10 files, and main.c with PTEST_MAIN and
    # no tests (the runner is built -O2, the tests -O0: see the Makefile).
    write(j("w5", "main.c"), PTEST_MAIN_HEAD)
    per = W5_TESTS // W5_FILES
    for k in range(W5_FILES):
        write(j("w5", "ptest_%d.c" % k), PTEST_HEAD +
              "".join(trivial("ptest", i)
                      for i in range(k * per, (k + 1) * per)))

    # D: startup with one test; 64 tests of 50 ms.
    write(j("d", "one.c"), PTEST_MAIN_HEAD + trivial("ptest", 0))
    write(j("d", "sleep64.c"), PTEST_MAIN_HEAD + C_SLEEP +
          "".join(sleeping("ptest", i, D_SLEEP_MS) for i in range(D_TESTS)))

    # W6: mostly trivial tests, with slow (sleeping) ones at both ends and
    # in the middle, as a real suite's integration tests are.
    plan = w6_plan()
    one = lambda fw, i, ms: trivial(fw, i) if ms is None else sleeping(fw, i, ms)
    for fw, name in (("ptest", "ptest.c"), ("criterion", "criterion.c")):
        write(j("w6", name), HEADS[fw] + C_SLEEP +
              "".join(one(fw, i, ms) for i, ms in enumerate(plan)))
    write(j("w6", "test_w6.py"), PY_SLEEP +
          "".join(one("pytest", i, ms) for i, ms in enumerate(plan)))

    # What the runner needs to know about the workloads.
    write(j("workloads.json"), json.dumps({
        "w1_tests": W1_TESTS,
        "w2_tests": W2_TESTS, "w2_sleep_ms": W2_SLEEP_MS,
        "w3_durations_ms": durations,
        "w4_tests": W4_TESTS,
        "w5_tests": W5_TESTS,
        "d_tests": D_TESTS, "d_sleep_ms": D_SLEEP_MS,
        "w6_plan_ms": plan,
    }, indent=1) + "\n")


if __name__ == "__main__":
    generate(sys.argv[1] if len(sys.argv) > 1 else
             os.path.join(os.path.dirname(os.path.abspath(__file__)), "build"))

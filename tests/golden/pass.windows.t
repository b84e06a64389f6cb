# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where pass.t says otherwise. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - with -s (no capture), a test's stdout line comes before its stderr line:
#   msvcrt flushes stdout at the end of the test, glibc's stdout to a file
#   waits for the end of the run
#
# Passing tests: the quiet path. Only the header and the footer are shown;
# a passing test's output and log lines stay hidden. With PTEST_STABLE=1
# the transcript is the same at any -j.
$ tests/progs/pass -j 2
ptest VERSION: 4 tests selected, 2 process workers
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ tests/progs/pass -j 1
ptest VERSION: 4 tests selected, 1 process worker
Ran 4 tests in N.NNs with 1 process worker
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ tests/progs/pass -j 4
ptest VERSION: 4 tests selected, 4 process workers
Ran 4 tests in N.NNs with 4 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# -v: one line per test, in definition order.
$ tests/progs/pass -v -j 3
ptest VERSION: 4 tests selected, 3 process workers
PASSED pass.arithmetic
PASSED pass.strings
PASSED pass.output_is_hidden
PASSED pass.floats
Ran 4 tests in N.NNs with 3 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# -q: no header.
$ tests/progs/pass -q
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# Positional arguments select by id, or by a prefix that ends at a dot
# (a suite); the run order stays the definition order.
$ tests/progs/pass -v pass.floats pass.arithmetic
ptest VERSION: 2 tests selected (2 deselected), 2 process workers
PASSED pass.arithmetic
PASSED pass.floats
Ran 2 tests in N.NNs with 2 process workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

$ tests/progs/pass -v pass
ptest VERSION: 4 tests selected, 2 process workers
PASSED pass.arithmetic
PASSED pass.strings
PASSED pass.output_is_hidden
PASSED pass.floats
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# "pass.str" is not an id or a suite: a usage error, exit 4, naming it.
$ tests/progs/pass -v pass.str
ptest: error: no test is or starts with 'pass.str' (--collect-only lists the ids)
[4]

# -s: output is not captured, so a passing test's output shows.
$ tests/progs/pass -s -j 1 -k output
ptest VERSION: 1 test selected (3 deselected), 1 process worker
stdout of a passing test
stderr of a passing test
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

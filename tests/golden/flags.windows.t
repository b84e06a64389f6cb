# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where flags.t says otherwise. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a crash names the exception or the raised signal ("crashed with
#   EXCEPTION_ACCESS_VIOLATION (0xADDR)", "crashed with SIGABRT (abort)
#   (0xADDR)", "was killed by SIGTERM (raise)"; docs/platforms.md), not the
#   POSIX signal
# - with -s (no capture), a test's stdout line comes before its stderr line:
#   msvcrt flushes stdout at the end of the test, glibc's stdout to a file
#   waits for the end of the run
# - stdout is in text mode: "cat -v" shows the "\r" of each "\r\n" as ^M
#   (elsewhere "\r\n" is normalised to "\n")
#
# Every malformed flag or value: one line on stderr naming the flag, exit
# 4, nothing runs.
$ tests/progs/pass -j foo
ptest: error: -j: expected a number of workers >= 1, 'auto', or 0 to run inline; got 'foo'
[4]

$ tests/progs/pass -j -1
ptest: error: -j: expected a number of workers >= 1, 'auto', or 0 to run inline; got '-1'
[4]

$ tests/progs/pass -j
ptest: error: -j: expected a value after it
[4]

$ tests/progs/pass -j 1.5
ptest: error: -j: expected a number of workers >= 1, 'auto', or 0 to run inline; got '1.5'
[4]

$ tests/progs/pass --jobs=
ptest: error: --jobs: expected a number of workers >= 1, 'auto', or 0 to run inline; got ''
[4]

$ tests/progs/pass -n x
ptest: error: -n: expected a number of workers >= 1, 'auto', or 0 to run inline; got 'x'
[4]

$ tests/progs/pass -j 99999999999999999999999
ptest: error: -j: expected a number of workers >= 1, 'auto', or 0 to run inline; got '99999999999999999999999'
[4]

$ tests/progs/pass --timeout=abc
ptest: error: --timeout: expected a number of seconds >= 0 (0: no timeout); got 'abc'
[4]

$ tests/progs/pass --timeout=-1
ptest: error: --timeout: expected a number of seconds >= 0 (0: no timeout); got '-1'
[4]

$ tests/progs/pass --timeout
ptest: error: --timeout: expected a value after it
[4]

$ tests/progs/pass --maxfail=0
ptest: error: --maxfail: expected a number of failures >= 1; got '0'
[4]

$ tests/progs/pass --tb=medium
ptest: error: --tb: expected 'long', 'short', 'line' or 'no'; got 'medium'
[4]

$ tests/progs/pass --color=maybe
ptest: error: --color: expected 'auto', 'yes' or 'no'; got 'maybe'
[4]

$ tests/progs/pass --capture=sys
ptest: error: --capture: expected 'fd' or 'no'; got 'sys'
[4]

$ tests/progs/pass --pool=threads
ptest: error: --pool: expected 'fork' or 'thread'; got 'threads'
[4]

$ tests/progs/pass --pool=spawn
ptest: error: --pool: expected 'fork' or 'thread'; got 'spawn'
[4]

$ tests/progs/pass --bogus
ptest: error: unknown flag '--bogus' (--help lists the flags)
[4]

$ tests/progs/pass --maxfial=2
ptest: error: unknown flag '--maxfial' (did you mean --maxfail?)
[4]

$ tests/progs/pass -Z
ptest: error: unknown flag '-Z' (--help lists the flags)
[4]

$ tests/progs/pass -vZ
ptest: error: unknown flag '-Z' (--help lists the flags)
[4]

$ tests/progs/pass --markers=yes
ptest: error: --markers: takes no value; got 'yes'
[4]

$ tests/progs/pass --co=1
ptest: error: --co: takes no value; got '1'
[4]

$ PTEST_JOBS=many tests/progs/pass
ptest: error: PTEST_JOBS: expected a number of workers >= 1, 'auto', or 0 to run inline; got 'many'
[4]

$ PTEST_TIMEOUT=soon tests/progs/pass
ptest: error: PTEST_TIMEOUT: expected a number of seconds >= 0; got 'soon'
[4]

# A flag wins over the environment; PTEST_JOBS=0 runs inline.
$ PTEST_JOBS=1 tests/progs/pass -j 3
ptest VERSION: 4 tests selected, 3 process workers
Ran 4 tests in N.NNs with 3 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ PTEST_JOBS=0 tests/progs/pass
ptest VERSION: 4 tests selected, running inline (-j 0)
stdout of a passing test
stderr of a passing test
Ran 4 tests in N.NNs inline
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# -j auto: the usable CPUs (what that is varies, so only the last line).
$ tests/progs/pass -j auto -q | tail -1
ptest: 4 passed, 0 failed, 0 skipped

# --color=yes wins over NO_COLOR.
$ tests/progs/crash --color=yes --tb=line -j 1 | cat -v
ptest VERSION: 3 tests selected, 1 process worker^M
^[[1;31mCRASHED^[[0m crash.segfault - crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)^M
^[[1;31mCRASHED^[[0m crash.abort - crashed with SIGABRT (abort) (0xADDR)^M
^M
short test summary:^M
^[[1;31mCRASHED^[[0m crash.segfault - crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)^M
^[[1;31mCRASHED^[[0m crash.abort - crashed with SIGABRT (abort) (0xADDR)^M
^M
Ran 3 tests in N.NNs with 1 process worker^M
1 passed, 2 crashed^M
ptest: 1 passed, 2 failed, 0 skipped^M

# More workers than tests: one worker per test.
$ tests/progs/pass -j 64
ptest VERSION: 4 tests selected, 4 process workers
Ran 4 tests in N.NNs with 4 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ tests/progs/pass -j 100000
ptest VERSION: 4 tests selected, 4 process workers
Ran 4 tests in N.NNs with 4 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# "--" ends the flags; what follows selects by id.
$ tests/progs/pass -v -- pass.floats
ptest VERSION: 1 test selected (3 deselected), 1 process worker
PASSED pass.floats
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

# An id that names no test is a usage error, as pytest's "not found".
$ tests/progs/pass -- -j
ptest: error: no test is or starts with '-j' (--collect-only lists the ids)
[4]
$ tests/progs/pass pass.floats pass.nosuch
ptest: error: no test is or starts with 'pass.nosuch' (--collect-only lists the ids)
[4]
$ tests/progs/pass pas
ptest: error: no test is or starts with 'pas' (--collect-only lists the ids)
[4]

# Flag combinations that cannot do what they say are errors too.
$ tests/progs/pass -j 0 --forked
ptest: error: --forked: needs workers (-j 1 or more); -j 0 runs every test in the runner's own process
[4]
$ tests/progs/pass --forked --pool=thread
ptest: error: --forked: needs the fork pool; --pool=thread runs every test on a thread of the runner's own process
[4]
$ tests/progs/pass --basetemp=/nonexistent/ptest/base
ptest: error: --basetemp: cannot create /nonexistent/ptest/base: No such file or directory
[4]
$ TEST_TMPDIR=/nonexistent/ptest/bazel tests/progs/pass
ptest: error: TEST_TMPDIR: cannot create /nonexistent/ptest/bazel: No such file or directory
[4]

# --strict-markers is accepted for pytest users: ptest is always strict.
$ tests/progs/pass --strict-markers -q | tail -1
ptest: 4 passed, 0 failed, 0 skipped

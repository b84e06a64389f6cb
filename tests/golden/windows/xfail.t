# The commands of ../xfail.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../xfail.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a crash names the exception or the raised signal ("crashed with
#   EXCEPTION_ACCESS_VIOLATION (0xADDR)", "crashed with SIGABRT (abort)
#   (0xADDR)", "was killed by SIGTERM (raise)"; docs/platforms.md), not the
#   POSIX signal

$ tests/progs/xfail -v
ptest VERSION: 3 tests selected, 2 process workers
XFAIL xfail.fails - tests/progs/xfail.c:10: EXPECT_EQ(1, 2) failed
XFAIL xfail.crashes - crashed with SIGABRT (abort) (0xADDR)
XPASS xfail.passes
    passed, but is marked XFAIL("bug 14")

short test summary:
XPASS xfail.passes - passed, but is marked XFAIL("bug 14")

Ran 3 tests in N.NNs with 2 process workers
1 xpassed, 2 xfailed
ptest: 0 passed, 1 failed, 2 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/xfail -k "not passes"
ptest VERSION: 2 tests selected (1 deselected), 2 process workers
Ran 2 tests in N.NNs with 2 process workers
2 xfailed
ptest: 0 passed, 0 failed, 2 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/xfail --tb=line
ptest VERSION: 3 tests selected, 2 process workers
XPASS xfail.passes - passed, but is marked XFAIL("bug 14")

short test summary:
XPASS xfail.passes - passed, but is marked XFAIL("bug 14")

Ran 3 tests in N.NNs with 2 process workers
1 xpassed, 2 xfailed
ptest: 0 passed, 1 failed, 2 skipped
[1]

# The commands of ../multi.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../multi.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a crash names the exception or the raised signal ("crashed with
#   EXCEPTION_ACCESS_VIOLATION (0xADDR)", "crashed with SIGABRT (abort)
#   (0xADDR)", "was killed by SIGTERM (raise)"; docs/platforms.md), not the
#   POSIX signal

$ tests/progs/multi/multi -j 3
ptest VERSION: 5 tests selected, 3 process workers
FAILED a.fails
    tests/progs/multi/a.c:13: EXPECT_EQ(2 * 21, 41) failed
        left:  42
        right: 41
CRASHED b.crashes
    crashed with SIGABRT (abort) (0xADDR)

short test summary:
FAILED a.fails - tests/progs/multi/a.c:13: EXPECT_EQ(2 * 21, 41) failed
CRASHED b.crashes - crashed with SIGABRT (abort) (0xADDR)

Ran 5 tests in N.NNs with 3 process workers
3 passed, 1 failed, 1 crashed
ptest: 3 passed, 2 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/multi/multi -m storage -v
ptest VERSION: 2 tests selected (3 deselected), 2 process workers
PASSED a.passes
PASSED b.uses_storage
Ran 2 tests in N.NNs with 2 process workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

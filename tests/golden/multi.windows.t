# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where multi.t says otherwise. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a crash names the exception or the raised signal ("crashed with
#   EXCEPTION_ACCESS_VIOLATION (0xADDR)", "crashed with SIGABRT (abort)
#   (0xADDR)", "was killed by SIGTERM (raise)"; docs/platforms.md), not the
#   POSIX signal
#
# A test binary from three translation units (tests/progs/multi/*.c): one
# defines PTEST_MAIN, all define tests; a marker declared in a.c is used
# in b.c. Tests run in file and line order.
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

$ tests/progs/multi/multi --co
a.passes [storage]  tests/progs/multi/a.c:6
a.fails  tests/progs/multi/a.c:11
b.uses_storage [storage, slow]  tests/progs/multi/b.c:6
b.crashes  tests/progs/multi/b.c:11
main.first  tests/progs/multi/main.c:8

5 tests collected (0 deselected)

$ tests/progs/multi/multi --markers
slow: slow tests; deselect with -m "not slow" (built in)
integration: tests that touch files, processes or the network (built in)
unit: fast tests of one unit in isolation (built in)
storage: touches the disk (tests/progs/multi/a.c:4)

$ tests/progs/multi/multi -m storage -v
ptest VERSION: 2 tests selected (3 deselected), 2 process workers
PASSED a.passes
PASSED b.uses_storage
Ran 2 tests in N.NNs with 2 process workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

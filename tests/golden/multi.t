# A test binary from three translation units (tests/progs/multi/*.c): one
# defines PTEST_MAIN, all define tests; a marker declared in a.c is used
# in b.c. Tests run in file and line order.
$ tests/progs/multi/multi -j 3
ptest VERSION: 5 tests selected, 3 fork workers
FAILED a.fails
    tests/progs/multi/a.c:13: EXPECT_EQ(2 * 21, 41) failed
        left:  42
        right: 41
CRASHED b.crashes
    was killed by SIGABRT (Aborted)

short test summary:
FAILED a.fails - tests/progs/multi/a.c:13: EXPECT_EQ(2 * 21, 41) failed
CRASHED b.crashes - was killed by SIGABRT (Aborted)

Ran 5 tests in N.NNs with 3 fork workers
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
ptest VERSION: 2 tests selected (3 deselected), 2 fork workers
PASSED a.passes
PASSED b.uses_storage
Ran 2 tests in N.NNs with 2 fork workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

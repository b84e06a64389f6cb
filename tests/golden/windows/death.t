# The commands of ../death.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../death.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a crash names the exception or the raised signal ("crashed with
#   EXCEPTION_ACCESS_VIOLATION (0xADDR)", "crashed with SIGABRT (abort)
#   (0xADDR)", "was killed by SIGTERM (raise)"; docs/platforms.md), not the
#   POSIX signal
# - a death test's process is the program started again, which sets up
#   again: DEATH_LOG shows SETUP() twice, both in a process of its own

$ tests/progs/death -j 2
ptest VERSION: 12 tests selected, 2 process workers
FAILED death.bad_returns
    tests/progs/death.c:40: returning normally
    tests/progs/death.c:38: expected the test to die of SIGSEGV, but it returned
FAILED death.bad_signal
    tests/progs/death.c:43: expected the test to die of SIGSEGV, but it crashed with SIGABRT (abort) (0xADDR)
FAILED death.bad_code
    tests/progs/death.c:48: expected the test to call exit(2), but it called exit(3)
FAILED death.bad_signal_not_exit
    tests/progs/death.c:53: expected the test to call exit(1), but it was killed by SIGTERM (raise)
FAILED death.bad_assertion_first
    tests/progs/death.c:60: ASSERT_EQ(1, 2) failed
        left:  1
        right: 2
FAILED death.bad_returns_not_exit_0
    tests/progs/death.c:64: expected the test to call exit(0), but it returned
FAILED death.bad_expect_then_abort
    tests/progs/death.c:70: EXPECT_EQ(1, 2) failed
        left:  1
        right: 2

short test summary:
FAILED death.bad_returns - tests/progs/death.c:38: expected the test to die of SIGSEGV, but it returned
FAILED death.bad_signal - tests/progs/death.c:43: expected the test to die of SIGSEGV, but it crashed with SIGABRT (abort) (0xADDR)
FAILED death.bad_code - tests/progs/death.c:48: expected the test to call exit(2), but it called exit(3)
FAILED death.bad_signal_not_exit - tests/progs/death.c:53: expected the test to call exit(1), but it was killed by SIGTERM (raise)
FAILED death.bad_assertion_first - tests/progs/death.c:60: ASSERT_EQ(1, 2) failed
FAILED death.bad_returns_not_exit_0 - tests/progs/death.c:64: expected the test to call exit(0), but it returned
FAILED death.bad_expect_then_abort - tests/progs/death.c:70: EXPECT_EQ(1, 2) failed

Ran 12 tests in N.NNs with 2 process workers
5 passed, 7 failed
ptest: 5 passed, 7 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/death -v -j 3 -k "not bad"
ptest VERSION: 5 tests selected (7 deselected), 3 process workers
PASSED death.segfault
PASSED death.abort
PASSED death.exit_3
PASSED death.exit_0
PASSED death.underscore_exit_7
Ran 5 tests in N.NNs with 3 process workers
5 passed
ptest: 5 passed, 0 failed, 0 skipped

$ tests/progs/death --tb=line -j 1
ptest VERSION: 12 tests selected, 1 process worker
FAILED death.bad_returns - tests/progs/death.c:38: expected the test to die of SIGSEGV, but it returned
FAILED death.bad_signal - tests/progs/death.c:43: expected the test to die of SIGSEGV, but it crashed with SIGABRT (abort) (0xADDR)
FAILED death.bad_code - tests/progs/death.c:48: expected the test to call exit(2), but it called exit(3)
FAILED death.bad_signal_not_exit - tests/progs/death.c:53: expected the test to call exit(1), but it was killed by SIGTERM (raise)
FAILED death.bad_assertion_first - tests/progs/death.c:60: ASSERT_EQ(1, 2) failed
FAILED death.bad_returns_not_exit_0 - tests/progs/death.c:64: expected the test to call exit(0), but it returned
FAILED death.bad_expect_then_abort - tests/progs/death.c:70: EXPECT_EQ(1, 2) failed

short test summary:
FAILED death.bad_returns - tests/progs/death.c:38: expected the test to die of SIGSEGV, but it returned
FAILED death.bad_signal - tests/progs/death.c:43: expected the test to die of SIGSEGV, but it crashed with SIGABRT (abort) (0xADDR)
FAILED death.bad_code - tests/progs/death.c:48: expected the test to call exit(2), but it called exit(3)
FAILED death.bad_signal_not_exit - tests/progs/death.c:53: expected the test to call exit(1), but it was killed by SIGTERM (raise)
FAILED death.bad_assertion_first - tests/progs/death.c:60: ASSERT_EQ(1, 2) failed
FAILED death.bad_returns_not_exit_0 - tests/progs/death.c:64: expected the test to call exit(0), but it returned
FAILED death.bad_expect_then_abort - tests/progs/death.c:70: EXPECT_EQ(1, 2) failed

Ran 12 tests in N.NNs with 1 process worker
5 passed, 7 failed
ptest: 5 passed, 7 failed, 0 skipped
[1]

$ DEATH_LOG="$PTEST_CACHE_DIR/log" tests/progs/death_fixtures -j 1
> cat "$PTEST_CACHE_DIR/log"
ptest VERSION: 3 tests selected, 1 process worker
FAILED dfix.teardown_fails
    tests/progs/death_fixtures.c:44: EXPECT_EQ(prepared, 0) failed
        left:  42
        right: 0
FAILED dfix.setup_fails
    tests/progs/death_fixtures.c:51: ASSERT_EQ(1, 2) failed
        left:  1
        right: 2

short test summary:
FAILED dfix.teardown_fails - tests/progs/death_fixtures.c:44: EXPECT_EQ(prepared, 0) failed
FAILED dfix.setup_fails - tests/progs/death_fixtures.c:51: ASSERT_EQ(1, 2) failed

Ran 3 tests in N.NNs with 1 process worker
1 passed, 2 failed
ptest: 1 passed, 2 failed, 0 skipped
setup in the test's process
setup in the test's process
body in the test's process
teardown in the test's process
setup in the test's process
setup in the test's process
body in the test's process
teardown in the test's process
setup in the test's process
teardown in the test's process

$ DEATH_LOG="$PTEST_CACHE_DIR/log" tests/progs/death_fixtures -j 0 -q >/dev/null
> cat "$PTEST_CACHE_DIR/log"
setup in the test's process
setup in the test's process
body in the test's process
teardown in the test's process
setup in the test's process
setup in the test's process
body in the test's process
teardown in the test's process
setup in the test's process
teardown in the test's process

$ DEATH_LOG="$PTEST_CACHE_DIR/log" tests/progs/death_fixtures --pool=thread -j 1 -q >/dev/null
> cat "$PTEST_CACHE_DIR/log"
setup in the test's process
setup in the test's process
body in the test's process
teardown in the test's process
setup in the test's process
setup in the test's process
body in the test's process
teardown in the test's process
setup in the test's process
teardown in the test's process

$ DEATH_LOG="$PTEST_CACHE_DIR/log" tests/progs/death_fixtures --forked -j 1 -q >/dev/null
> cat "$PTEST_CACHE_DIR/log"
setup in the test's process
setup in the test's process
body in the test's process
teardown in the test's process
setup in the test's process
setup in the test's process
body in the test's process
teardown in the test's process
setup in the test's process
teardown in the test's process

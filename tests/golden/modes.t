# --forked: a fresh process for every test, forked from its worker. The
# outcomes and reports are the pool's.
$ tests/progs/crash -j 2 --forked
ptest VERSION: 3 tests selected, 2 fork workers (--forked: a process per test)
CRASHED crash.segfault
    was killed by SIGSEGV (Segmentation fault)
    --- stdout ---
    about to write through NULL
CRASHED crash.abort
    was killed by SIGABRT (Aborted)
    tests/progs/crash.c:20: about to abort

short test summary:
CRASHED crash.segfault - was killed by SIGSEGV (Segmentation fault)
CRASHED crash.abort - was killed by SIGABRT (Aborted)

Ran 3 tests in N.NNs with 2 fork workers
1 passed, 2 crashed
ptest: 1 passed, 2 failed, 0 skipped
[1]

$ tests/progs/exits -j 2 --forked --tb=line
ptest VERSION: 4 tests selected, 2 fork workers (--forked: a process per test)
EXITED exits.exit_0 - called exit(0)
EXITED exits.exit_3 - called exit(3)
EXITED exits.underscore_exit_0 - called exit(0)

short test summary:
EXITED exits.exit_0 - called exit(0)
EXITED exits.exit_3 - called exit(3)
EXITED exits.underscore_exit_0 - called exit(0)

Ran 4 tests in N.NNs with 2 fork workers
1 passed, 3 exited
ptest: 1 passed, 3 failed, 0 skipped
[1]

$ tests/progs/hang -j 4 --forked --tb=line -k "not default_timeout"
ptest VERSION: 5 tests selected (1 deselected), 4 fork workers (--forked: a process per test)
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20
TIMEOUT hang.ignores_sigterm - timed out after 0.5s
TIMEOUT hang.blocks_all_signals - timed out after 0.5s
TIMEOUT hang.leaves_its_group - timed out after 0.5s

short test summary:
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20
TIMEOUT hang.ignores_sigterm - timed out after 0.5s
TIMEOUT hang.blocks_all_signals - timed out after 0.5s
TIMEOUT hang.leaves_its_group - timed out after 0.5s

Ran 5 tests in N.NNs with 4 fork workers
1 passed, 4 timed out
ptest: 1 passed, 4 failed, 0 skipped
[1]

$ tests/progs/forker -j 2 --forked -v
ptest VERSION: 4 tests selected, 2 fork workers (--forked: a process per test)
PASSED forker.leaves_a_child
PASSED forker.leaves_a_deaf_child
PASSED forker.leaves_a_daemon
PASSED forker.after

warnings:
forker.leaves_a_child: left 1 child process behind; ptest killed it
forker.leaves_a_deaf_child: left 1 child process behind; ptest killed it
forker.leaves_a_daemon: left 1 child process behind; ptest killed it

Ran 4 tests in N.NNs with 2 fork workers
4 passed, 3 warnings
ptest: 4 passed, 0 failed, 0 skipped

$ tests/progs/death -j 2 --forked --tb=line
ptest VERSION: 12 tests selected, 2 fork workers (--forked: a process per test)
FAILED death.bad_returns - tests/progs/death.c:38: expected the test to die of SIGSEGV, but it returned
FAILED death.bad_signal - tests/progs/death.c:43: expected the test to die of SIGSEGV, but it was killed by SIGABRT (Aborted)
FAILED death.bad_code - tests/progs/death.c:48: expected the test to call exit(2), but it called exit(3)
FAILED death.bad_signal_not_exit - tests/progs/death.c:53: expected the test to call exit(1), but it was killed by SIGTERM (Terminated)
FAILED death.bad_assertion_first - tests/progs/death.c:60: ASSERT_EQ(1, 2) failed
FAILED death.bad_returns_not_exit_0 - tests/progs/death.c:64: expected the test to call exit(0), but it returned
FAILED death.bad_expect_then_abort - tests/progs/death.c:70: EXPECT_EQ(1, 2) failed

short test summary:
FAILED death.bad_returns - tests/progs/death.c:38: expected the test to die of SIGSEGV, but it returned
FAILED death.bad_signal - tests/progs/death.c:43: expected the test to die of SIGSEGV, but it was killed by SIGABRT (Aborted)
FAILED death.bad_code - tests/progs/death.c:48: expected the test to call exit(2), but it called exit(3)
FAILED death.bad_signal_not_exit - tests/progs/death.c:53: expected the test to call exit(1), but it was killed by SIGTERM (Terminated)
FAILED death.bad_assertion_first - tests/progs/death.c:60: ASSERT_EQ(1, 2) failed
FAILED death.bad_returns_not_exit_0 - tests/progs/death.c:64: expected the test to call exit(0), but it returned
FAILED death.bad_expect_then_abort - tests/progs/death.c:70: EXPECT_EQ(1, 2) failed

Ran 12 tests in N.NNs with 2 fork workers
5 passed, 7 failed
ptest: 5 passed, 7 failed, 0 skipped
[1]

# --pool=thread: the tests run on threads of the runner's own process.
# Fast, but nothing is isolated: output is not captured (so it shows,
# here at -j 1 to keep its order), a timed-out test's thread is abandoned,
# and a crash takes the whole run down (exit 3, internal error).
$ tests/progs/assertions -j 1 --pool=thread --tb=line
ptest VERSION: 8 tests selected, 1 thread worker
still running after two failed EXPECTs
FAILED assert.expect_goes_on - tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed
FAILED assert.assert_stops - tests/progs/assertions.c:20: ASSERT_EQ(1 + 1, 3) failed
FAILED assert.from_helper - tests/progs/assertions.c:26: ASSERT_GT(v, 0) failed: from a helper, v=-2
FAILED assert.strings - tests/progs/assertions.c:37: EXPECT_STR_EQ("hello world", "hello wordl") failed
FAILED assert.memory - tests/progs/assertions.c:47: ASSERT_MEM_EQ(a, b, sizeof a) failed
FAILED assert.values_by_type - tests/progs/assertions.c:56: EXPECT_EQ(c, 'b') failed
FAILED assert.pointers - tests/progs/assertions.c:67: EXPECT_NOT_NULL(none) failed
FAILED assert.fail_and_log - tests/progs/assertions.c:74: FAIL: explicit failure: bad state

short test summary:
FAILED assert.expect_goes_on - tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed
FAILED assert.assert_stops - tests/progs/assertions.c:20: ASSERT_EQ(1 + 1, 3) failed
FAILED assert.from_helper - tests/progs/assertions.c:26: ASSERT_GT(v, 0) failed: from a helper, v=-2
FAILED assert.strings - tests/progs/assertions.c:37: EXPECT_STR_EQ("hello world", "hello wordl") failed
FAILED assert.memory - tests/progs/assertions.c:47: ASSERT_MEM_EQ(a, b, sizeof a) failed
FAILED assert.values_by_type - tests/progs/assertions.c:56: EXPECT_EQ(c, 'b') failed
FAILED assert.pointers - tests/progs/assertions.c:67: EXPECT_NOT_NULL(none) failed
FAILED assert.fail_and_log - tests/progs/assertions.c:74: FAIL: explicit failure: bad state

Ran 8 tests in N.NNs with 1 thread worker
8 failed
ptest: 0 passed, 8 failed, 0 skipped
[1]

$ tests/progs/death -j 2 --pool=thread --tb=line
ptest VERSION: 12 tests selected, 2 thread workers
FAILED death.bad_returns - tests/progs/death.c:38: expected the test to die of SIGSEGV, but it returned
FAILED death.bad_signal - tests/progs/death.c:43: expected the test to die of SIGSEGV, but it was killed by SIGABRT (Aborted)
FAILED death.bad_code - tests/progs/death.c:48: expected the test to call exit(2), but it called exit(3)
FAILED death.bad_signal_not_exit - tests/progs/death.c:53: expected the test to call exit(1), but it was killed by SIGTERM (Terminated)
FAILED death.bad_assertion_first - tests/progs/death.c:60: ASSERT_EQ(1, 2) failed
FAILED death.bad_returns_not_exit_0 - tests/progs/death.c:64: expected the test to call exit(0), but it returned
FAILED death.bad_expect_then_abort - tests/progs/death.c:70: EXPECT_EQ(1, 2) failed

short test summary:
FAILED death.bad_returns - tests/progs/death.c:38: expected the test to die of SIGSEGV, but it returned
FAILED death.bad_signal - tests/progs/death.c:43: expected the test to die of SIGSEGV, but it was killed by SIGABRT (Aborted)
FAILED death.bad_code - tests/progs/death.c:48: expected the test to call exit(2), but it called exit(3)
FAILED death.bad_signal_not_exit - tests/progs/death.c:53: expected the test to call exit(1), but it was killed by SIGTERM (Terminated)
FAILED death.bad_assertion_first - tests/progs/death.c:60: ASSERT_EQ(1, 2) failed
FAILED death.bad_returns_not_exit_0 - tests/progs/death.c:64: expected the test to call exit(0), but it returned
FAILED death.bad_expect_then_abort - tests/progs/death.c:70: EXPECT_EQ(1, 2) failed

Ran 12 tests in N.NNs with 2 thread workers
5 passed, 7 failed
ptest: 5 passed, 7 failed, 0 skipped
[1]

$ tests/progs/skip -j 2 --pool=thread -v
ptest VERSION: 3 tests selected, 2 thread workers
SKIPPED skip.by_option - not on this platform
SKIPPED skip.at_run_time - tests/progs/skip.c:14: skipped: needs a network
PASSED skip.runs
Ran 3 tests in N.NNs with 2 thread workers
1 passed, 2 skipped
ptest: 1 passed, 0 failed, 2 skipped

$ tests/progs/hang -j 2 --pool=thread --tb=line -k "sleeps or survivor"
ptest VERSION: 2 tests selected (4 deselected), 2 thread workers
going to sleep
TIMEOUT hang.sleeps - timed out after 0.5s (its thread is abandoned)

short test summary:
TIMEOUT hang.sleeps - timed out after 0.5s (its thread is abandoned)

Ran 2 tests in N.NNs with 2 thread workers
1 passed, 1 timed out
ptest: 1 passed, 1 failed, 0 skipped
[1]

$ tests/progs/crash -j 1 --pool=thread --tb=line
ptest VERSION: 3 tests selected, 1 thread worker
about to write through NULL

CRASHED crash.segfault - was killed by SIGSEGV
ptest: internal error: a crash in the thread pool takes the whole process down; the results above are all there is (--pool=fork contains crashes)
[3]

# exit() on a thread ends the process: the run stops there, never as a
# pass; and children left behind do not outlive the run.
$ tests/progs/exits -j 1 --pool=thread
ptest VERSION: 4 tests selected, 1 thread worker
buffered, flushed by exit()

EXITED exits.exit_0 - called exit() during the test; the run stops here (the fork pool survives this)
[3]

$ tests/progs/forker -j 2 --pool=thread -v
ptest VERSION: 4 tests selected, 2 thread workers
PASSED forker.leaves_a_child
PASSED forker.leaves_a_deaf_child
PASSED forker.leaves_a_daemon
PASSED forker.after
Ran 4 tests in N.NNs with 2 thread workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# -j 0 runs the tests inline, in the runner's own process, for debuggers:
# no workers, no capture, no timeouts. Outcomes are the same as in the
# pool; death tests still fork.
$ tests/progs/pass -j 0
ptest VERSION: 4 tests selected, running inline (-j 0)
stderr of a passing test
stdout of a passing test
Ran 4 tests in N.NNs inline
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ tests/progs/pass -j 0 -v
ptest VERSION: 4 tests selected, running inline (-j 0)
stderr of a passing test
stdout of a passing test
PASSED pass.arithmetic
PASSED pass.strings
PASSED pass.output_is_hidden - tests/progs/pass.c:27: a log line of a passing test
PASSED pass.floats
Ran 4 tests in N.NNs inline
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ tests/progs/assertions -j 0 -k "strings or fail_and_log"
ptest VERSION: 2 tests selected (6 deselected), running inline (-j 0)
FAILED assert.strings
    tests/progs/assertions.c:37: EXPECT_STR_EQ("hello world", "hello wordl") failed
        left:  "hello world"
        right: "hello wordl"
        first difference at index 9
    tests/progs/assertions.c:38: EXPECT_STR_NE("same", "same") failed
        left:  "same"
        right: "same"
    tests/progs/assertions.c:39: ASSERT_STR_EQ("abc", NULL) failed
        left:  "abc"
        right: NULL
        right is NULL, left is a string
FAILED assert.fail_and_log
    tests/progs/assertions.c:73: step 1 of 2
    tests/progs/assertions.c:74: FAIL: explicit failure: bad state

short test summary:
FAILED assert.strings - tests/progs/assertions.c:37: EXPECT_STR_EQ("hello world", "hello wordl") failed
FAILED assert.fail_and_log - tests/progs/assertions.c:74: FAIL: explicit failure: bad state

Ran 2 tests in N.NNs inline
2 failed
ptest: 0 passed, 2 failed, 0 skipped
[1]

$ tests/progs/death -j 0 --tb=line
ptest VERSION: 12 tests selected, running inline (-j 0)
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

Ran 12 tests in N.NNs inline
5 passed, 7 failed
ptest: 5 passed, 7 failed, 0 skipped
[1]

$ tests/progs/skip -j 0 -v
ptest VERSION: 3 tests selected, running inline (-j 0)
SKIPPED skip.by_option - not on this platform
SKIPPED skip.at_run_time - tests/progs/skip.c:14: skipped: needs a network
PASSED skip.runs
Ran 3 tests in N.NNs inline
1 passed, 2 skipped
ptest: 1 passed, 0 failed, 2 skipped

$ tests/progs/xfail -j 0 -v -k "not crashes"
ptest VERSION: 2 tests selected (1 deselected), running inline (-j 0)
XFAIL xfail.fails - tests/progs/xfail.c:10: EXPECT_EQ(1, 2) failed
XPASS xfail.passes
    passed, but is marked XFAIL("bug 14")

short test summary:
XPASS xfail.passes - passed, but is marked XFAIL("bug 14")

Ran 2 tests in N.NNs inline
1 xpassed, 1 xfailed
ptest: 0 passed, 1 failed, 1 skipped
[1]

$ tests/progs/multi/multi -j 0 -k "not crashes"
ptest VERSION: 4 tests selected (1 deselected), running inline (-j 0)
FAILED a.fails
    tests/progs/multi/a.c:13: EXPECT_EQ(2 * 21, 41) failed
        left:  42
        right: 41

short test summary:
FAILED a.fails - tests/progs/multi/a.c:13: EXPECT_EQ(2 * 21, 41) failed

Ran 4 tests in N.NNs inline
3 passed, 1 failed
ptest: 3 passed, 1 failed, 0 skipped
[1]

# There is no worker to lose inline: a crash ends the run, but the runner
# names the test first, and the status is 3 (an internal error), as for
# exit(). The pool is there to contain crashes.
$ (tests/progs/crash -j 0 crash.survivor crash.segfault; echo "status $?") 2>/dev/null
ptest VERSION: 2 tests selected (1 deselected), running inline (-j 0)
about to write through NULL

CRASHED crash.segfault - was killed by SIGSEGV
ptest: internal error: a crash in the runner's own process (-j 0) takes it down; the results above are all there is (the fork pool contains crashes)
status 3

# exit() inline ends the run too, but never as a pass: the runner names
# the test, and the status is 3.
$ tests/progs/exits -j 0
ptest VERSION: 4 tests selected, running inline (-j 0)
buffered, flushed by exit()

EXITED exits.exit_0 - called exit() during the test; the run stops here (the fork pool survives this)
[3]

# So does exit() in a fixture: after the tests' results, the runner says
# that no test called it, and the status is still 3, never 0. The fork
# pool runs the teardown in its worker, and the run ends normally, with a
# warning that the worker ended in its teardown.
$ tests/progs/teardown_exit -j 0
ptest VERSION: 2 tests selected, running inline (-j 0)

ptest: internal error: exit() was called outside any test (by a fixture, or a thread a test left running) in the runner's own process; the run stops here (the fork pool survives this)
[3]
$ tests/progs/teardown_exit -j 1 --pool=thread
ptest VERSION: 2 tests selected, 1 thread worker

ptest: internal error: exit() was called outside any test (by a fixture, or a thread a test left running) in the runner's own process; the run stops here (the fork pool survives this)
[3]
$ tests/progs/teardown_exit -j 1
ptest VERSION: 2 tests selected, 1 fork worker
ptest: error: 1 worker ended in SUITE_TEARDOWN or WORKER_TEARDOWN, after the tests (the last called exit(0))
FAILED leaving.fails
    tests/progs/teardown_exit.c:21: FAIL: a real failure

short test summary:
FAILED leaving.fails - tests/progs/teardown_exit.c:21: FAIL: a real failure

Ran 2 tests in N.NNs with 1 fork worker
1 passed, 1 failed, 1 teardown error
ptest: 1 passed, 1 failed, 0 skipped
[1]

# Children a test leaves behind do not outlive an inline run either.
$ tests/progs/forker -j 0 -v
ptest VERSION: 4 tests selected, running inline (-j 0)
PASSED forker.leaves_a_child
PASSED forker.leaves_a_deaf_child
PASSED forker.leaves_a_daemon
PASSED forker.after

warnings:
forker.leaves_a_child: left 1 child process behind; ptest killed it
forker.leaves_a_deaf_child: left 1 child process behind; ptest killed it
forker.leaves_a_daemon: left 1 child process behind; ptest killed it

Ran 4 tests in N.NNs inline
4 passed, 3 warnings
ptest: 4 passed, 0 failed, 0 skipped

# Inline, a test runs in the runner's own process, and the runner puts
# back what it changed as a worker does: the working directory, signals,
# and stdout and stderr closed or replaced, so the later tests' output
# and the summary still reach the terminal.
$ tests/progs/hostile -j 0 -k "not check_output and not sees_no"
ptest VERSION: 8 tests selected (2 deselected), running inline (-j 0)
Ran 8 tests in N.NNs inline
8 passed
ptest: 8 passed, 0 failed, 0 skipped
$ tests/progs/hostile -j 0 -k "closes_stdout or check_output"
ptest VERSION: 2 tests selected (8 deselected), running inline (-j 0)
written after a test closed fd 1
FAILED hostile.check_output_is_captured
    tests/progs/hostile.c:36: FAIL: show the output

short test summary:
FAILED hostile.check_output_is_captured - tests/progs/hostile.c:36: FAIL: show the output

Ran 2 tests in N.NNs inline
1 passed, 1 failed
ptest: 1 passed, 1 failed, 0 skipped
[1]

# A persistent worker runs test after test, so what one test changes in
# its process must not reach the next: the worker puts back stdout and
# stderr, the working directory, signal dispositions and the signal mask
# before each test, and gives tests /dev/null as stdin. In hostile.c each
# check_ test runs after the test that did the damage (-j 1: one worker,
# file order) and fails if it is still there.
$ tests/progs/hostile -j 1 -k "not check_output"
ptest VERSION: 9 tests selected (1 deselected), 1 fork worker
Ran 9 tests in N.NNs with 1 fork worker
8 passed, 1 skipped
ptest: 8 passed, 0 failed, 1 skipped

# The --json file is the runner's: no worker, so no test, holds it open.
$ HOSTILE_REPORT="$PTEST_CACHE_DIR/events.jsonl" tests/progs/hostile -j 1 -k sees_no_report_file \
>   --json="$PTEST_CACHE_DIR/events.jsonl"
ptest VERSION: 1 test selected (9 deselected), 1 fork worker
Ran 1 test in N.NNs with 1 fork worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

# Output written after an earlier test closed fd 1 is still captured.
$ tests/progs/hostile -j 1 -k "closes_stdout or check_output"
ptest VERSION: 2 tests selected (8 deselected), 1 fork worker
FAILED hostile.check_output_is_captured
    tests/progs/hostile.c:36: FAIL: show the output
    --- stdout ---
    written after a test closed fd 1

short test summary:
FAILED hostile.check_output_is_captured - tests/progs/hostile.c:36: FAIL: show the output

Ran 2 tests in N.NNs with 1 fork worker
1 passed, 1 failed
ptest: 1 passed, 1 failed, 0 skipped
[1]

# A test forks and its child comes back into the body: the child ends
# where it leaves the body (exit status 1 if the test has failed by then)
# and never runs another test or reports one. What the child asserts
# counts for the test; the same in every mode.
$ tests/progs/forkret -j 2
ptest VERSION: 6 tests selected, 2 fork workers
FAILED forkret.child_fails
    tests/progs/forkret.c:32: FAIL: in the child
FAILED forkret.child_expect_fails
    tests/progs/forkret.c:40: EXPECT_EQ(2 + 2, 5) failed
        left:  4
        right: 5
FAILED forkret.parent_fails
    tests/progs/forkret.c:60: FAIL: in the parent

short test summary:
FAILED forkret.child_fails - tests/progs/forkret.c:32: FAIL: in the child
FAILED forkret.child_expect_fails - tests/progs/forkret.c:40: EXPECT_EQ(2 + 2, 5) failed
FAILED forkret.parent_fails - tests/progs/forkret.c:60: FAIL: in the parent

Ran 6 tests in N.NNs with 2 fork workers
3 passed, 3 failed
ptest: 3 passed, 3 failed, 0 skipped
[1]
$ tests/progs/forkret -j 0
ptest VERSION: 6 tests selected, running inline (-j 0)
tests/progs/forkret.c:50: skipped: only the child skips
FAILED forkret.child_fails
    tests/progs/forkret.c:32: FAIL: in the child
FAILED forkret.child_expect_fails
    tests/progs/forkret.c:40: EXPECT_EQ(2 + 2, 5) failed
        left:  4
        right: 5
FAILED forkret.parent_fails
    tests/progs/forkret.c:60: FAIL: in the parent

short test summary:
FAILED forkret.child_fails - tests/progs/forkret.c:32: FAIL: in the child
FAILED forkret.child_expect_fails - tests/progs/forkret.c:40: EXPECT_EQ(2 + 2, 5) failed
FAILED forkret.parent_fails - tests/progs/forkret.c:60: FAIL: in the parent

Ran 6 tests in N.NNs inline
3 passed, 3 failed
ptest: 3 passed, 3 failed, 0 skipped
[1]
$ tests/progs/forkret -j 2 --forked
ptest VERSION: 6 tests selected, 2 fork workers (--forked: a process per test)
FAILED forkret.child_fails
    tests/progs/forkret.c:32: FAIL: in the child
FAILED forkret.child_expect_fails
    tests/progs/forkret.c:40: EXPECT_EQ(2 + 2, 5) failed
        left:  4
        right: 5
FAILED forkret.parent_fails
    tests/progs/forkret.c:60: FAIL: in the parent

short test summary:
FAILED forkret.child_fails - tests/progs/forkret.c:32: FAIL: in the child
FAILED forkret.child_expect_fails - tests/progs/forkret.c:40: EXPECT_EQ(2 + 2, 5) failed
FAILED forkret.parent_fails - tests/progs/forkret.c:60: FAIL: in the parent

Ran 6 tests in N.NNs with 2 fork workers
3 passed, 3 failed
ptest: 3 passed, 3 failed, 0 skipped
[1]
$ tests/progs/forkret -j 2 --pool=thread
ptest VERSION: 6 tests selected, 2 thread workers
tests/progs/forkret.c:50: skipped: only the child skips
FAILED forkret.child_fails
    tests/progs/forkret.c:32: FAIL: in the child
FAILED forkret.child_expect_fails
    tests/progs/forkret.c:40: EXPECT_EQ(2 + 2, 5) failed
        left:  4
        right: 5
FAILED forkret.parent_fails
    tests/progs/forkret.c:60: FAIL: in the parent

short test summary:
FAILED forkret.child_fails - tests/progs/forkret.c:32: FAIL: in the child
FAILED forkret.child_expect_fails - tests/progs/forkret.c:40: EXPECT_EQ(2 + 2, 5) failed
FAILED forkret.parent_fails - tests/progs/forkret.c:60: FAIL: in the parent

Ran 6 tests in N.NNs with 2 thread workers
3 passed, 3 failed
ptest: 3 passed, 3 failed, 0 skipped
[1]

# A test that puts /dev/null on every descriptor, the worker's pipes to
# the runner among them: the worker notices before it writes a result or
# reads a batch, and leaves. Each test runs once (the log) and gets one
# outcome: the pass of the one that leaked nothing waited in shared
# memory; the other is CRASHED, saying why; the tests after them run.
$ CHANNEL_LOG="$PTEST_CACHE_DIR/log" tests/progs/channel -j 1 -v; echo "exit $?"
> sort "$PTEST_CACHE_DIR/log"
ptest VERSION: 6 tests selected, 1 fork worker
PASSED channel.before
CRASHED channel.nulls_every_fd
    closed or replaced the worker's pipe to the runner (its result could not be sent)
PASSED channel.nulls_and_tidies
FAILED channel.fails_after
    tests/progs/channel.c:52: FAIL: a real failure after it
CRASHED channel.crashes_after
    was killed by SIGSEGV (Segmentation fault)
PASSED channel.after

short test summary:
CRASHED channel.nulls_every_fd - closed or replaced the worker's pipe to the runner (its result could not be sent)
FAILED channel.fails_after - tests/progs/channel.c:52: FAIL: a real failure after it
CRASHED channel.crashes_after - was killed by SIGSEGV (Segmentation fault)

Ran 6 tests in N.NNs with 1 fork worker
3 passed, 1 failed, 2 crashed
ptest: 3 passed, 3 failed, 0 skipped
exit 1
nulls_and_tidies ran
nulls_every_fd ran

# The same tidy test in the middle of a batch: the worker notices the
# replaced pipes right after it, so the next test's own failure is a
# FAILED, not blamed as a broken pipe, and the rest runs in a new worker.
$ tests/progs/channel_batch -j 1
ptest VERSION: 32 tests selected, 1 fork worker
FAILED channel_batch.b_fails_after
    tests/progs/channel_batch.c:27: FAIL: a real failure after it

short test summary:
FAILED channel_batch.b_fails_after - tests/progs/channel_batch.c:27: FAIL: a real failure after it

Ran 32 tests in N.NNs with 1 fork worker
31 passed, 1 failed
ptest: 31 passed, 1 failed, 0 skipped
[1]

# Under --forked the test's own process has the broken pipes, not the
# worker: that process ends without reporting and the worker says why.
$ CHANNEL_LOG="$PTEST_CACHE_DIR/log" tests/progs/channel -j 1 --forked --tb=line; echo "exit $?"
> sort "$PTEST_CACHE_DIR/log"
ptest VERSION: 6 tests selected, 1 fork worker (--forked: a process per test)
EXITED channel.nulls_every_fd - closed or replaced the pipe to the runner (its result could not be sent)
FAILED channel.fails_after - tests/progs/channel.c:52: FAIL: a real failure after it
CRASHED channel.crashes_after - was killed by SIGSEGV (Segmentation fault)

short test summary:
EXITED channel.nulls_every_fd - closed or replaced the pipe to the runner (its result could not be sent)
FAILED channel.fails_after - tests/progs/channel.c:52: FAIL: a real failure after it
CRASHED channel.crashes_after - was killed by SIGSEGV (Segmentation fault)

Ran 6 tests in N.NNs with 1 fork worker
3 passed, 1 failed, 1 crashed, 1 exited
ptest: 3 passed, 3 failed, 0 skipped
exit 1
nulls_and_tidies ran
nulls_every_fd ran

# A test that writes into ptest's own result pipe cannot stall or fool
# the runner: the stray bytes are skipped, counted in a warning, and every
# result still arrives.
$ tests/progs/stray -j 1
ptest VERSION: 5 tests selected, 1 fork worker
ptest: warning: 99 stray bytes on the workers' result pipes were skipped: a test wrote to a file descriptor of ptest's
FAILED stray.fails_in_between
    tests/progs/stray.c:50: FAIL: a real failure

short test summary:
FAILED stray.fails_in_between - tests/progs/stray.c:50: FAIL: a real failure

Ran 5 tests in N.NNs with 1 fork worker
4 passed, 1 failed
ptest: 4 passed, 1 failed, 0 skipped
[1]
$ tests/progs/stray -j 2 -v
ptest VERSION: 5 tests selected, 2 fork workers
ptest: warning: 99 stray bytes on the workers' result pipes were skipped: a test wrote to a file descriptor of ptest's
PASSED stray.first
FAILED stray.fails_in_between
    tests/progs/stray.c:50: FAIL: a real failure
PASSED stray.second
PASSED stray.forged_ready
PASSED stray.after

short test summary:
FAILED stray.fails_in_between - tests/progs/stray.c:50: FAIL: a real failure

Ran 5 tests in N.NNs with 2 fork workers
4 passed, 1 failed
ptest: 4 passed, 1 failed, 0 skipped
[1]

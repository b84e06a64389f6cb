# The fork pool. 64 tests of 50 ms at -j 16: counts and order only (how
# fast is for bench/, never for a test).
$ tests/progs/sleepy -j 16
ptest VERSION: 64 tests selected, 16 fork workers
Ran 64 tests in N.NNs with 16 fork workers
64 passed
ptest: 64 passed, 0 failed, 0 skipped

$ tests/progs/sleepy -j 16 -q -k "nap[1"
Ran 11 tests in N.NNs with 11 fork workers
11 passed
ptest: 11 passed, 0 failed, 0 skipped

# When the queue is empty, workers leave as their last tests end, one
# staying as the spare while others still run: leaving.last waits for
# the mark a leaving worker's WORKER_TEARDOWN writes.
$ LEAVING_DIR="$PTEST_CACHE_DIR" tests/progs/leaving -j 3
ptest VERSION: 3 tests selected, 3 fork workers
Ran 3 tests in N.NNs with 3 fork workers
3 passed
ptest: 3 passed, 0 failed, 0 skipped

# More workers than tests: one per test.
$ tests/progs/sleepy -j 100 -q
Ran 64 tests in N.NNs with 64 fork workers
64 passed
ptest: 64 passed, 0 failed, 0 skipped

# Tests that leave children behind (one deaf to SIGTERM): the children go
# with their worker's process group. The harness fails any command that
# leaves a process in its session.
$ tests/progs/forker -j 2
ptest VERSION: 4 tests selected, 2 fork workers

warnings:
forker.leaves_a_child: left 1 child process behind; ptest killed it
forker.leaves_a_deaf_child: left 1 child process behind; ptest killed it
forker.leaves_a_daemon: left 1 child process behind; ptest killed it

Ran 4 tests in N.NNs with 2 fork workers
4 passed, 3 warnings
ptest: 4 passed, 0 failed, 0 skipped

$ tests/progs/forker -j 1 -v
ptest VERSION: 4 tests selected, 1 fork worker
PASSED forker.leaves_a_child
PASSED forker.leaves_a_deaf_child
PASSED forker.leaves_a_daemon
PASSED forker.after

warnings:
forker.leaves_a_child: left 1 child process behind; ptest killed it
forker.leaves_a_deaf_child: left 1 child process behind; ptest killed it
forker.leaves_a_daemon: left 1 child process behind; ptest killed it

Ran 4 tests in N.NNs with 1 fork worker
4 passed, 3 warnings
ptest: 4 passed, 0 failed, 0 skipped

# modes.t's commands as qemu-user 7.2 runs them (make cross); see
# qemu/pool.t for why a fork worker there cannot name the daemon a test
# leaves (the runner, a subreaper from outside, kills it at the end).
$ tests/progs/forker -j 2 --forked -v
ptest VERSION: 4 tests selected, 2 fork workers (--forked: a process per test)
PASSED forker.leaves_a_child
PASSED forker.leaves_a_deaf_child
PASSED forker.leaves_a_daemon
PASSED forker.after

warnings:
forker.leaves_a_child: left 1 child process behind; ptest killed it
forker.leaves_a_deaf_child: left 1 child process behind; ptest killed it

Ran 4 tests in N.NNs with 2 fork workers
4 passed, 2 warnings
ptest: 4 passed, 0 failed, 0 skipped

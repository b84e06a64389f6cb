# pool.t's commands as qemu-user 7.2 runs them (make cross): a difference
# from ../pool.t that the emulator causes, written down, not skipped.
#
# qemu-user 7.2 refuses prctl(PR_SET_CHILD_SUBREAPER) (EINVAL) to the
# program it runs, so a fork worker cannot adopt the daemon a test leaves
# (a double fork into its own session): the daemon goes to the runner,
# which make cross has made a subreaper from outside (tests/cross/
# subreaper.c) and which kills it as the run ends, but the worker cannot
# name the test that left it. The two children that stay the worker's own
# are found and named as on real hardware. (-j 0 needs no variant: there
# the runner runs the test itself.)
$ tests/progs/forker -j 2
ptest VERSION: 4 tests selected, 2 fork workers

warnings:
forker.leaves_a_child: left 1 child process behind; ptest killed it
forker.leaves_a_deaf_child: left 1 child process behind; ptest killed it

Ran 4 tests in N.NNs with 2 fork workers
4 passed, 2 warnings
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

Ran 4 tests in N.NNs with 1 fork worker
4 passed, 2 warnings
ptest: 4 passed, 0 failed, 0 skipped

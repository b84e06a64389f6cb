# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where exits.t says otherwise. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
#
# exit() and _exit() inside a test end the worker. A test passes only when
# its worker says so, so exit(0) is a failure ("called exit(0)"), never a
# pass. exit() flushes the test's buffered output, which is shown.
$ tests/progs/exits -v -j 2
ptest VERSION: 4 tests selected, 2 process workers
EXITED exits.exit_0
    called exit(0)
    --- stdout ---
    buffered, flushed by exit()
EXITED exits.exit_3
    called exit(3)
EXITED exits.underscore_exit_0
    called exit(0)
PASSED exits.survivor

short test summary:
EXITED exits.exit_0 - called exit(0)
EXITED exits.exit_3 - called exit(3)
EXITED exits.underscore_exit_0 - called exit(0)

Ran 4 tests in N.NNs with 2 process workers
1 passed, 3 exited
ptest: 1 passed, 3 failed, 0 skipped
[1]

$ tests/progs/exits -j 1 --tb=line
ptest VERSION: 4 tests selected, 1 process worker
EXITED exits.exit_0 - called exit(0)
EXITED exits.exit_3 - called exit(3)
EXITED exits.underscore_exit_0 - called exit(0)

short test summary:
EXITED exits.exit_0 - called exit(0)
EXITED exits.exit_3 - called exit(3)
EXITED exits.underscore_exit_0 - called exit(0)

Ran 4 tests in N.NNs with 1 process worker
1 passed, 3 exited
ptest: 1 passed, 3 failed, 0 skipped
[1]

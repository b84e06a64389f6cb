# The commands of ../exits.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../exits.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them

# process workers: Windows starts its workers, Linux forks them
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

# process workers: Windows starts its workers, Linux forks them
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

# The commands of ../hang.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../hang.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/hang -j 4 -k "not default_timeout"
ptest VERSION: 5 tests selected (1 deselected), 4 process workers
TIMEOUT hang.sleeps
    timed out after 0.5s; last reached tests/progs/hang.c:20
    tests/progs/hang.c:20: last words
    --- stdout ---
    going to sleep
TIMEOUT hang.ignores_sigterm
    timed out after 0.5s
TIMEOUT hang.blocks_all_signals
    timed out after 0.5s
TIMEOUT hang.leaves_its_group
    timed out after 0.5s

short test summary:
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20
TIMEOUT hang.ignores_sigterm - timed out after 0.5s
TIMEOUT hang.blocks_all_signals - timed out after 0.5s
TIMEOUT hang.leaves_its_group - timed out after 0.5s

Ran 5 tests in N.NNs with 4 process workers
1 passed, 4 timed out
ptest: 1 passed, 4 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/hang -j 1 -k "sleeps or survivor" --tb=line
ptest VERSION: 2 tests selected (4 deselected), 1 process worker
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20

short test summary:
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20

Ran 2 tests in N.NNs with 1 process worker
1 passed, 1 timed out
ptest: 1 passed, 1 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/hang --timeout=0.3 -j 2 -k "default or sleeps" --tb=line
ptest VERSION: 2 tests selected (4 deselected), 2 process workers
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20
TIMEOUT hang.default_timeout - timed out after 0.3s

short test summary:
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20
TIMEOUT hang.default_timeout - timed out after 0.3s

Ran 2 tests in N.NNs with 2 process workers
2 timed out
ptest: 0 passed, 2 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ PTEST_TIMEOUT=0.3 tests/progs/hang -j 1 -k default --tb=line
ptest VERSION: 1 test selected (5 deselected), 1 process worker
TIMEOUT hang.default_timeout - timed out after 0.3s

short test summary:
TIMEOUT hang.default_timeout - timed out after 0.3s

Ran 1 test in N.NNs with 1 process worker
1 timed out
ptest: 0 passed, 1 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ PTEST_TIMEOUT=100 tests/progs/hang -j 1 -k default --tb=line --timeout 0.2
ptest VERSION: 1 test selected (5 deselected), 1 process worker
TIMEOUT hang.default_timeout - timed out after 0.2s

short test summary:
TIMEOUT hang.default_timeout - timed out after 0.2s

Ran 1 test in N.NNs with 1 process worker
1 timed out
ptest: 0 passed, 1 failed, 0 skipped
[1]

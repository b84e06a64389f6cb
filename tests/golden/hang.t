# Tests that never finish. TIMEOUT(0.5) on each: the runner sends SIGTERM
# to the worker and its process group, waits a grace period, then SIGKILL,
# so a test that ignores SIGTERM, blocks every signal or moves its worker
# into the runner's own process group is stopped too. The report has the
# output so far and the last assertion or log line reached.
$ tests/progs/hang -j 4 -k "not default_timeout"
ptest VERSION: 5 tests selected (1 deselected), 4 fork workers
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

Ran 5 tests in N.NNs with 4 fork workers
1 passed, 4 timed out
ptest: 1 passed, 4 failed, 0 skipped
[1]

# One worker, replaced after the timeout; the run goes on.
$ tests/progs/hang -j 1 -k "sleeps or survivor" --tb=line
ptest VERSION: 2 tests selected (4 deselected), 1 fork worker
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20

short test summary:
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20

Ran 2 tests in N.NNs with 1 fork worker
1 passed, 1 timed out
ptest: 1 passed, 1 failed, 0 skipped
[1]

# --timeout sets the timeout of tests without TIMEOUT(); TIMEOUT() wins.
$ tests/progs/hang --timeout=0.3 -j 2 -k "default or sleeps" --tb=line
ptest VERSION: 2 tests selected (4 deselected), 2 fork workers
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20
TIMEOUT hang.default_timeout - timed out after 0.3s

short test summary:
TIMEOUT hang.sleeps - timed out after 0.5s; last reached tests/progs/hang.c:20
TIMEOUT hang.default_timeout - timed out after 0.3s

Ran 2 tests in N.NNs with 2 fork workers
2 timed out
ptest: 0 passed, 2 failed, 0 skipped
[1]

# PTEST_TIMEOUT does the same, and a flag wins over it.
$ PTEST_TIMEOUT=0.3 tests/progs/hang -j 1 -k default --tb=line
ptest VERSION: 1 test selected (5 deselected), 1 fork worker
TIMEOUT hang.default_timeout - timed out after 0.3s

short test summary:
TIMEOUT hang.default_timeout - timed out after 0.3s

Ran 1 test in N.NNs with 1 fork worker
1 timed out
ptest: 0 passed, 1 failed, 0 skipped
[1]

$ PTEST_TIMEOUT=100 tests/progs/hang -j 1 -k default --tb=line --timeout 0.2
ptest VERSION: 1 test selected (5 deselected), 1 fork worker
TIMEOUT hang.default_timeout - timed out after 0.2s

short test summary:
TIMEOUT hang.default_timeout - timed out after 0.2s

Ran 1 test in N.NNs with 1 fork worker
1 timed out
ptest: 0 passed, 1 failed, 0 skipped
[1]

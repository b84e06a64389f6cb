# The commands of ../skip.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../skip.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/skip
ptest VERSION: 3 tests selected, 2 process workers
Ran 3 tests in N.NNs with 2 process workers
1 passed, 2 skipped
ptest: 1 passed, 0 failed, 2 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/skip -v
ptest VERSION: 3 tests selected, 2 process workers
SKIPPED skip.by_option - not on this platform
SKIPPED skip.at_run_time - tests/progs/skip.c:14: skipped: needs a network
PASSED skip.runs
Ran 3 tests in N.NNs with 2 process workers
1 passed, 2 skipped
ptest: 1 passed, 0 failed, 2 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/skip -q -k "by_option or at_run_time"
Ran 2 tests in N.NNs with 2 process workers
2 skipped
ptest: 0 passed, 0 failed, 2 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/skip_more -j 1 -v
ptest VERSION: 5 tests selected, 1 process worker
SKIPPED params.none[] - empty parameter set (TEST_P over an array of no elements)
PASSED params.some[0]
PASSED params.some[1]
PASSED teardown.skips
XPASS teardown.skips_after_xpass
    passed, but is marked XFAIL("bug 15")

short test summary:
XPASS teardown.skips_after_xpass - passed, but is marked XFAIL("bug 15")

Ran 5 tests in N.NNs with 1 process worker
3 passed, 1 xpassed, 1 skipped
ptest: 3 passed, 1 failed, 1 skipped
[1]

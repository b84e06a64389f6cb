# The commands of ../order.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../order.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them

# process workers: Windows starts its workers, Linux forks them
$ d=$(mktemp -d) && for i in 1 2; do tests/progs/durations -v -j 2 --cache-dir "$d"; done; rm -rf "$d"
ptest VERSION: 2 tests selected, 2 process workers
PASSED order.fast
PASSED order.slow
Ran 2 tests in N.NNs with 2 process workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped
ptest VERSION: 2 tests selected, 2 process workers
PASSED order.fast
PASSED order.slow
Ran 2 tests in N.NNs with 2 process workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

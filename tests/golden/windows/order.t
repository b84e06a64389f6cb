# The commands of ../order.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../order.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a cache that is a FIFO (the Linux FIFO Wine shows) is not replaced:
#   Wine's MoveFileEx refuses it ("Permission denied"); a real Windows
#   file system has no FIFOs

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

# the FIFO cannot be replaced ("Permission denied"), see above
$ d=$(mktemp -d) && mkdir -p "$d/v1/results" "$d/durations" && cd "$d" &&
> "$OLDPWD/tests/progs/pass" -q -j 1 -k arithmetic --cache-dir=. --durations-file=durations
> rmdir v1/results && mkfifo v1/results && ln -s /dev/zero zero &&
> "$OLDPWD/tests/progs/pass" -q -j 1 -k arithmetic --cache-dir=. --durations-file=zero
> test -f v1/results && echo the cache is a file now; cd "$OLDPWD"; rm -rf "$d"
ptest: warning: cache: ./v1/results: not a regular file; running without it
ptest: warning: --durations-file: durations: not a regular file; ignoring it
ptest: warning: cache: cannot write ./v1/results: Is a directory; the next run will not know this one's durations
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped
ptest: warning: cache: ./v1/results: not a regular file; running without it
ptest: warning: --durations-file: zero: not a regular file; ignoring it
ptest: warning: cache: cannot write ./v1/results: Permission denied; the next run will not know this one's durations
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

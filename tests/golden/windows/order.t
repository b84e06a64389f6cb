# The commands of ../order.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../order.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a cache or durations file that is a directory or a FIFO (the Linux
#   FIFO Wine shows): opening a directory fails with "Permission denied"
#   before ptest can see it is no regular file; each worker process reads
#   the cache again, so its warnings are printed twice; and replacing the
#   FIFO fails, with "Unknown error" (defects, issue 18)

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

# a directory cannot be opened ("Permission denied"); the worker process
# warns again; the FIFO cannot be replaced ("Unknown error"): issue 18
$ d=$(mktemp -d) && mkdir -p "$d/v1/results" "$d/durations" && cd "$d" &&
> "$OLDPWD/tests/progs/pass" -q -j 1 -k arithmetic --cache-dir=. --durations-file=durations
> rmdir v1/results && mkfifo v1/results && ln -s /dev/zero zero &&
> "$OLDPWD/tests/progs/pass" -q -j 1 -k arithmetic --cache-dir=. --durations-file=zero
> test -f v1/results && echo the cache is a file now; cd "$OLDPWD"; rm -rf "$d"
ptest: warning: cache: ./v1/results: Permission denied; running without it
ptest: warning: --durations-file: durations: Permission denied; ignoring it
ptest: warning: cache: ./v1/results: Permission denied; running without it
ptest: warning: --durations-file: durations: Permission denied; ignoring it
ptest: warning: cache: cannot write ./v1/results: Permission denied; the next run will not know this one's durations
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped
ptest: warning: cache: ./v1/results: not a regular file; running without it
ptest: warning: --durations-file: zero: not a regular file; ignoring it
ptest: warning: cache: ./v1/results: not a regular file; running without it
ptest: warning: --durations-file: zero: not a regular file; ignoring it
ptest: warning: cache: cannot write ./v1/results: Unknown error; the next run will not know this one's durations
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

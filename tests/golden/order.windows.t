# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where order.t says otherwise. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
#
# Known durations (in the cache) put the longest tests first, so that a
# parallel run ends sooner. --collect-only lists the tests in that order:
# order.slow (100 ms) first once a run has timed it.
$ d=$(mktemp -d) && for i in 1 2; do tests/progs/durations --co -q --cache-dir "$d"; tests/progs/durations -q -j 2 --cache-dir "$d" >/dev/null; done; rm -rf "$d"
order.fast
order.slow
order.slow
order.fast

# PTEST_STABLE=1 transcripts do not depend on that history: the second
# run prints what the first printed, in definition order.
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

# --no-cache: no history read or written.
$ d=$(mktemp -d) && for i in 1 2; do tests/progs/durations -q -j 2 --no-cache --cache-dir "$d" >/dev/null; tests/progs/durations --co -q --cache-dir "$d"; done; ls -A "$d"; rm -rf "$d"
order.fast
order.slow
order.fast
order.slow

# A cache or durations file that is not a regular file (a directory, a
# FIFO, a device) is never read: a one-line warning, and the run goes on
# without it; the cache is then written where the FIFO was.
$ d=$(mktemp -d) && mkdir -p "$d/v1/results" "$d/durations" && cd "$d" &&
> "$OLDPWD/tests/progs/pass" -q -j 1 -k arithmetic --cache-dir=. --durations-file=durations
> rmdir v1/results && mkfifo v1/results && ln -s /dev/zero zero &&
> "$OLDPWD/tests/progs/pass" -q -j 1 -k arithmetic --cache-dir=. --durations-file=zero
> test -f v1/results && echo the cache is a file now; cd "$OLDPWD"; rm -rf "$d"
ptest: warning: cache: ./v1/results: not a regular file; running without it
ptest: warning: --durations-file: durations: not a regular file; ignoring it
ptest: warning: cache: cannot write ./v1/results: Is a directory; the next run will not know this one's durations
Ran 1 test in N.NNs with 1 fork worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped
ptest: warning: cache: ./v1/results: not a regular file; running without it
ptest: warning: --durations-file: zero: not a regular file; ignoring it
Ran 1 test in N.NNs with 1 fork worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped
the cache is a file now

# --seed alone shuffles (it implies --shuffle): the same seed gives the
# same order, here listed without running.
$ tests/progs/pass --co -q --seed=7 > "$PTEST_CACHE_DIR/a"; tests/progs/pass --co -q --shuffle --seed=7 > "$PTEST_CACHE_DIR/b"; cmp "$PTEST_CACHE_DIR/a" "$PTEST_CACHE_DIR/b" && echo same order
> tests/progs/pass --co -q --seed=7 | grep -c "^pass\."
same order
4

# --count's copies are not counted as deselected tests.
$ tests/progs/pass --count=3 -k floats --co | tail -1
3 tests collected (3 deselected)

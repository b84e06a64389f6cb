# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where io.t says otherwise. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a closed stdout (>&-) is not replaced by the null device: the runner
#   says "stdout: Bad file descriptor" and exits 141 (not ported); /dev/full
#   is not a device Windows has
# - with -s (no capture), a test's stdout line comes before its stderr line:
#   msvcrt flushes stdout at the end of the test, glibc's stdout to a file
#   waits for the end of the run
#
# The runner's own streams. With stdout (or stdout and stderr) closed, it
# opens /dev/null in their place and runs as usual: same exit status.
$ tests/progs/pass -j 2 >&-
ptest: error: stdout: Bad file descriptor; the run stopped there
[141]

$ tests/progs/assertions -j 2 >&-
ptest: error: stdout: Bad file descriptor; the run stopped there
[141]

$ tests/progs/pass -j 2 >&- 2>&-
[1]

$ tests/progs/crash -j 2 >&- 2>&-
[1]

$ tests/progs/pass -j 0 >&-
ptest: error: stdout: Bad file descriptor; the run stopped there (-j 0 and the thread pool run tests in the runner's own process: did one close it?)
[141]

$ tests/progs/pass -j 2 <&-
ptest VERSION: 4 tests selected, 2 process workers
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# stdout closed mid-run (the reader went away): the runner stops at the
# next line it writes, prints nothing more and exits 141. Reports must
# stream for this (PTEST_STABLE= turns the replay off), and -j 1 makes
# nap[0] the first; tests/blackbox/runner.c checks that the stop is prompt.
$ { PTEST_STABLE= tests/progs/sleepy -v -j 1; echo "exit $?" >&2; } | head -2
ptest VERSION: 64 tests selected, 1 process worker
PASSED sleepy.nap[0] (N.NNs, gw0)
exit 141

# stdout that fails for another reason (a full disk, a descriptor a test
# in the runner's own process closed) stops the run the same way, and
# stderr says why: /dev/full fails every write with ENOSPC.
$ tests/progs/pass -v -j 1 > /dev/full
ptest: error: stdout: No space left on device; the run stopped there
[141]

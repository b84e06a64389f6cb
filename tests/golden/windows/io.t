# The commands of ../io.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../io.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a closed stdout (>&-) is not replaced by the null device: the runner
#   says "stdout: Bad file descriptor" and exits 141 (not ported); /dev/full
#   is not a device Windows has
# - with -s (no capture), a test's stdout line comes before its stderr line:
#   msvcrt flushes stdout at the end of the test, glibc's stdout to a file
#   waits for the end of the run

$ tests/progs/pass -j 2 >&-
ptest: error: stdout: Bad file descriptor; the run stopped there
[141]

$ tests/progs/assertions -j 2 >&-
ptest: error: stdout: Bad file descriptor; the run stopped there
[141]

$ tests/progs/pass -j 2 >&- 2>&-
[1]

$ tests/progs/pass -j 0 >&-
ptest: error: stdout: Bad file descriptor; the run stopped there (-j 0 and the thread pool run tests in the runner's own process: did one close it?)
[141]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -j 2 <&-
ptest VERSION: 4 tests selected, 2 process workers
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ { PTEST_STABLE= tests/progs/sleepy -v -j 1; echo "exit $?" >&2; } | head -2
ptest VERSION: 64 tests selected, 1 process worker
PASSED sleepy.nap[0] (N.NNs, gw0)
exit 141

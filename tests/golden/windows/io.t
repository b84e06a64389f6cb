# The commands of ../io.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../io.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - /dev/full is not a device Windows has
# - with -s (no capture), a test's stdout line comes before its stderr line:
#   msvcrt flushes stdout at the end of the test, glibc's stdout to a file
#   waits for the end of the run

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

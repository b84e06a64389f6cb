# The commands of ../flags.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../flags.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a crash names the exception or the raised signal ("crashed with
#   EXCEPTION_ACCESS_VIOLATION (0xADDR)", "crashed with SIGABRT (abort)
#   (0xADDR)", "was killed by SIGTERM (raise)"; docs/platforms.md), not the
#   POSIX signal
# - with -s (no capture), a test's stdout line comes before its stderr line:
#   msvcrt flushes stdout at the end of the test, glibc's stdout to a file
#   waits for the end of the run
# - stdout is in text mode: "cat -v" shows the "\r" of each "\r\n" as ^M
#   (elsewhere "\r\n" is normalised to "\n")

# process workers: Windows starts its workers, Linux forks them
$ PTEST_JOBS=1 tests/progs/pass -j 3
ptest VERSION: 4 tests selected, 3 process workers
Ran 4 tests in N.NNs with 3 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ PTEST_JOBS=0 tests/progs/pass
ptest VERSION: 4 tests selected, running inline (-j 0)
stdout of a passing test
stderr of a passing test
Ran 4 tests in N.NNs inline
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ tests/progs/crash --color=yes --tb=line -j 1 | cat -v
ptest VERSION: 3 tests selected, 1 process worker^M
^[[1;31mCRASHED^[[0m crash.segfault - crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)^M
^[[1;31mCRASHED^[[0m crash.abort - crashed with SIGABRT (abort) (0xADDR)^M
^M
short test summary:^M
^[[1;31mCRASHED^[[0m crash.segfault - crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)^M
^[[1;31mCRASHED^[[0m crash.abort - crashed with SIGABRT (abort) (0xADDR)^M
^M
Ran 3 tests in N.NNs with 1 process worker^M
1 passed, 2 crashed^M
ptest: 1 passed, 2 failed, 0 skipped^M

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -j 64
ptest VERSION: 4 tests selected, 4 process workers
Ran 4 tests in N.NNs with 4 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -j 100000
ptest VERSION: 4 tests selected, 4 process workers
Ran 4 tests in N.NNs with 4 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -v -- pass.floats
ptest VERSION: 1 test selected (3 deselected), 1 process worker
PASSED pass.floats
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

# The commands of ../pass.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../pass.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - with -s (no capture), a test's stdout line comes before its stderr line:
#   msvcrt flushes stdout at the end of the test, glibc's stdout to a file
#   waits for the end of the run

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -j 2
ptest VERSION: 4 tests selected, 2 process workers
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -j 1
ptest VERSION: 4 tests selected, 1 process worker
Ran 4 tests in N.NNs with 1 process worker
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -j 4
ptest VERSION: 4 tests selected, 4 process workers
Ran 4 tests in N.NNs with 4 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -v -j 3
ptest VERSION: 4 tests selected, 3 process workers
PASSED pass.arithmetic
PASSED pass.strings
PASSED pass.output_is_hidden
PASSED pass.floats
Ran 4 tests in N.NNs with 3 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -q
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -v pass.floats pass.arithmetic
ptest VERSION: 2 tests selected (2 deselected), 2 process workers
PASSED pass.arithmetic
PASSED pass.floats
Ran 2 tests in N.NNs with 2 process workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -v pass
ptest VERSION: 4 tests selected, 2 process workers
PASSED pass.arithmetic
PASSED pass.strings
PASSED pass.output_is_hidden
PASSED pass.floats
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ tests/progs/pass -s -j 1 -k output
ptest VERSION: 1 test selected (3 deselected), 1 process worker
stdout of a passing test
stderr of a passing test
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

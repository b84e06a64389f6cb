# The commands of ../tmpdirs.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../tmpdirs.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a crash names the exception or the raised signal ("crashed with
#   EXCEPTION_ACCESS_VIOLATION (0xADDR)", "crashed with SIGABRT (abort)
#   (0xADDR)", "was killed by SIGTERM (raise)"; docs/platforms.md), not the
#   POSIX signal

$ B="$PTEST_CACHE_DIR/base"; tests/progs/tmpdirs -j 1 --basetemp="$B" 2>&1 | sed "s|$B|BASE|; s|\(tmpdirs\.[a-z_]*\)-[A-Za-z0-9]*|\1-XXXXXX|g"; ls "$B" | sed 's/-[A-Za-z0-9]*$/-XXXXXX/'; cat "$B"/tmpdirs.fails-*/data.txt
ptest VERSION: 6 tests selected, 1 process worker
CRASHED tmpdirs.crashes
    crashed with SIGABRT (abort) (0xADDR); tmpdir kept: BASE/tmpdirs.crashes-XXXXXX
FAILED tmpdirs.fails
    tests/progs/tmpdirs.c:56: FAIL: look in the directory
    tmpdir kept: BASE/tmpdirs.fails-XXXXXX

short test summary:
CRASHED tmpdirs.crashes - crashed with SIGABRT (abort) (0xADDR); tmpdir kept: BASE/tmpdirs.crashes-XXXXXX
FAILED tmpdirs.fails - tests/progs/tmpdirs.c:56: FAIL: look in the directory

Ran 6 tests in N.NNs with 1 process worker
1 passed, 1 failed, 1 crashed, 1 skipped, 2 xfailed
ptest: 1 passed, 2 failed, 3 skipped
tmpdirs.crashes-XXXXXX
tmpdirs.fails-XXXXXX
written by the test

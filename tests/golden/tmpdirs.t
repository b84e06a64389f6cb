# ptest_tmpdir(): a test's directory goes when it passes, skips or fails
# as expected (XFAIL), and stays when it fails, the report naming it.
$ B="$PTEST_CACHE_DIR/base"; tests/progs/tmpdirs -j 1 --basetemp="$B" 2>&1 | sed "s|$B|BASE|; s|fails-[A-Za-z0-9]*|fails-XXXXXX|"; ls "$B" | sed 's/-[A-Za-z0-9]*$/-XXXXXX/'; cat "$B"/tmpdirs.fails-*/data.txt
ptest VERSION: 4 tests selected, 1 fork worker
FAILED tmpdirs.fails
    tests/progs/tmpdirs.c:43: FAIL: look in the directory
    tmpdir kept: BASE/tmpdirs.fails-XXXXXX

short test summary:
FAILED tmpdirs.fails - tests/progs/tmpdirs.c:43: FAIL: look in the directory

Ran 4 tests in N.NNs with 1 fork worker
1 passed, 1 failed, 1 skipped, 1 xfailed
ptest: 1 passed, 1 failed, 2 skipped
tmpdirs.fails-XXXXXX
written by the test

# The same inline.
$ B="$PTEST_CACHE_DIR/base"; tests/progs/tmpdirs -j 0 --basetemp="$B" >/dev/null; ls "$B" | sed 's/-[A-Za-z0-9]*$/-XXXXXX/'
tmpdirs.fails-XXXXXX

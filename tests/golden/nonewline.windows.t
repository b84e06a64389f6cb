# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where nonewline.t says otherwise. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
#
# Output without a trailing newline: the report ends each stream with a
# newline of its own, so nothing is glued to the next line.
$ tests/progs/nonewline -j 2
ptest VERSION: 2 tests selected, 2 process workers
FAILED nonewline.stdout_and_stderr
    tests/progs/nonewline.c:13: FAIL: see the output
    --- stdout ---
    stdout without a newline
    --- stderr ---
    stderr without a newline

short test summary:
FAILED nonewline.stdout_and_stderr - tests/progs/nonewline.c:13: FAIL: see the output

Ran 2 tests in N.NNs with 2 process workers
1 passed, 1 failed
ptest: 1 passed, 1 failed, 0 skipped
[1]

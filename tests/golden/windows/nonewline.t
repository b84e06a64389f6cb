# The commands of ../nonewline.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../nonewline.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them

# process workers: Windows starts its workers, Linux forks them
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

# The commands of ../nasty.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../nasty.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a non-ASCII argument passes through Wine's code page and arrives changed
# - a command line over 32767 characters cannot start a Windows program
#   (CreateProcess): the command fails with status 1 and prints nothing

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -j 99999999999
ptest VERSION: 4 tests selected, 4 process workers
Ran 4 tests in N.NNs with 4 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ { tests/progs/markers -m "$(printf 'slow or \303\050')"; echo "exit status $?"; } 2>&1 | cat -v
ptest: error: -m 'slow or C(': at column 10: expected and OR or OR right parenthesis OR end of input; got left parenthesis^M
exit status 4

$ tests/progs/markers --co -q -k "$(printf '(%.0s' $(seq 60000))fast.one$(printf ')%.0s' $(seq 60000))"
[1]

$ tests/progs/markers --co -q -m "$(printf 'not %.0s' $(seq 30000))slow"
[1]

$ { tests/progs/markers -m "$(printf '(%.0s' $(seq 60000))slow"; echo "exit status $?"; } 2>&1 |
>   awk '{ n = length($0); print (n > 100 ? substr($0, 1, 40) " ... " n " bytes ... " substr($0, n - 50) : $0) }'
exit status 1

$ { tests/progs/markers -m "$(head -c 131000 /dev/zero | tr '\0' x)"; echo "exit status $?"; } 2>&1 |
>   awk '{ n = length($0); print (n > 100 ? substr($0, 1, 40) " ... " n " bytes ... " substr($0, n - 50) : $0) }'
exit status 1

$ tests/progs/markers --co -q -k "$(head -c 131000 /dev/zero | tr '\0' x)"
[1]

# process workers: Windows starts its workers, Linux forks them
$ { tests/progs/longname -v -j 1 --tb=short; echo "exit status $?"; } 2>&1 |
>   sed 's/\(abcdefgh_\)\{256\}/<NAME>/g'
ptest VERSION: 4 tests selected, 1 process worker
FAILED longname.fails_<NAME>
    tests/progs/longname.c:16: ASSERT_EQ(1 + 1, 3) failed
        left:  2
        right: 3
PASSED longname.passes_<NAME>
PASSED longname.param_<NAME>[0]
FAILED longname.param_<NAME>[1]
    tests/progs/longname.c:26: ASSERT_LT(*PARAM, 2) failed
        left:  2
        right: 2

short test summary:
FAILED longname.fails_<NAME> - tests/progs/longname.c:16: ASSERT_EQ(1 + 1, 3) failed
FAILED longname.param_<NAME>[1] - tests/progs/longname.c:26: ASSERT_LT(*PARAM, 2) failed

Ran 4 tests in N.NNs with 1 process worker
2 passed, 2 failed
ptest: 2 passed, 2 failed, 0 skipped
exit status 1

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/longname --tap -j 1 | sed 's/\(abcdefgh_\)\{256\}/<NAME>/g'
TAP version 14
1..4
not ok 1 - longname.fails_<NAME>
  ---
  message: "tests/progs/longname.c:16: ASSERT_EQ(1 + 1, 3) failed"
  severity: fail
  outcome: failed
  at:
    file: "tests/progs/longname.c"
    line: 14
  report: |
    tests/progs/longname.c:16: ASSERT_EQ(1 + 1, 3) failed
        left:  2
        right: 3
  ...
ok 2 - longname.passes_<NAME>
ok 3 - longname.param_<NAME>[0]
not ok 4 - longname.param_<NAME>[1]
  ---
  message: "tests/progs/longname.c:26: ASSERT_LT(*PARAM, 2) failed"
  severity: fail
  outcome: failed
  at:
    file: "tests/progs/longname.c"
    line: 24
  report: |
    tests/progs/longname.c:26: ASSERT_LT(*PARAM, 2) failed
        left:  2
        right: 2
  ...
\# Ran 4 tests in N.NNs with 1 process worker

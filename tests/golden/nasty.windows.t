# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where nasty.t says otherwise. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a non-ASCII argument passes through Wine's code page and arrives changed
# - a command line over 32767 characters cannot start a Windows program
#   (CreateProcess): the command fails with status 1 and prints nothing
#
# Nasty command lines: each value below is a usage error (exit 4, one
# line naming the problem) or a valid selection, never a crash, a hang
# or a stack overflow. flags.t and expressions.t hold the everyday
# mistakes; the fuzz targets (fuzz/, make fuzz) try millions more.
$ tests/progs/pass --shard=
ptest: error: --shard: expected K/N, the K-th of N shards, with 1 <= K <= N; got ''
[4]

$ tests/progs/pass --shard=0/0
ptest: error: --shard: expected K/N, the K-th of N shards, with 1 <= K <= N; got '0/0'
[4]

$ tests/progs/pass --shard=/
ptest: error: --shard: expected K/N, the K-th of N shards, with 1 <= K <= N; got '/'
[4]

$ tests/progs/pass --shard=1/99999999999
ptest: error: --shard: expected K/N, the K-th of N shards, with 1 <= K <= N; got '1/99999999999'
[4]

$ tests/progs/pass --timeout=nan
ptest: error: --timeout: expected a number of seconds >= 0 (0: no timeout); got 'nan'
[4]

$ tests/progs/pass --timeout=inf
ptest: error: --timeout: expected a number of seconds >= 0 (0: no timeout); got 'inf'
[4]

$ tests/progs/pass --count=0
ptest: error: --count: expected a number of repetitions from 1 to 100000; got '0'
[4]

$ tests/progs/pass --count=-1
ptest: error: --count: expected a number of repetitions from 1 to 100000; got '-1'
[4]

$ tests/progs/pass --reruns=-1
ptest: error: --reruns: expected a number of retries from 0 to 100; got '-1'
[4]

$ tests/progs/pass --maxfail=99999999999999999999
ptest: error: --maxfail: expected a number of failures >= 1; got '99999999999999999999'
[4]

$ tests/progs/pass --seed=
ptest: error: --seed: expected a whole number >= 0; got ''
[4]

$ tests/progs/pass --seed=18446744073709551616
ptest: error: --seed: expected a whole number >= 0; got '18446744073709551616'
[4]

$ tests/progs/pass --durations=x
ptest: error: --durations: expected a number of tests >= 0 (0: all); got 'x'
[4]

$ tests/progs/pass --tb=
ptest: error: --tb: expected 'long', 'short', 'line' or 'no'; got ''
[4]

# -j past the cap (1024) is the cap: never more workers than tests.
$ tests/progs/pass -j 99999999999
ptest VERSION: 4 tests selected, 4 process workers
Ran 4 tests in N.NNs with 4 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# An empty or "-" positional argument is an id no test has: exit 4.
$ tests/progs/pass ""
ptest: error: no test is or starts with '' (--collect-only lists the ids)
[4]

$ tests/progs/pass -
ptest: error: no test is or starts with '-' (--collect-only lists the ids)
[4]

# Operators alone.
$ tests/progs/markers -m and
ptest: error: -m 'and': at column 1: expected not OR left parenthesis OR identifier; got and
[4]

$ tests/progs/markers -m or
ptest: error: -m 'or': at column 1: expected not OR left parenthesis OR identifier; got or
[4]

$ tests/progs/markers -k ")"
ptest: error: -k ')': at column 1: expected not OR left parenthesis OR identifier; got right parenthesis
[4]

$ tests/progs/markers -k "not not"
ptest: error: -k 'not not': at column 8: expected not OR left parenthesis OR identifier; got end of input
[4]

$ tests/progs/markers -m "( )"
ptest: error: -m '( )': at column 3: expected not OR left parenthesis OR identifier; got right parenthesis
[4]

# Control bytes the user typed are escaped, so the error stays one line
# (found by fuzz/fuzz_cli: a newline used to split it in two).
$ tests/progs/markers -m "$(printf 'slow\nor')"
ptest: error: -m 'slow\nor': at column 8: expected not OR left parenthesis OR identifier; got end of input
[4]

$ tests/progs/pass --tb="$(printf '\033[2Jfull\t')"
ptest: error: --tb: expected 'long', 'short', 'line' or 'no'; got '\x1b[2Jfull\t'
[4]

# Invalid UTF-8 is bytes like any other: no test has them in its id, and
# an unknown marker is quoted as given (cat -v shows the bytes).
$ tests/progs/markers --co -q -k "$(printf '\377\376')"
[5]

$ { tests/progs/markers -m "$(printf 'slow or \303\050')"; echo "exit status $?"; } 2>&1 | cat -v
ptest: error: -m 'slow or C(': at column 10: expected and OR or OR right parenthesis OR end of input; got left parenthesis^M
exit status 4

# Deep nesting, as deep as one argument can hold (Linux passes at most
# 128 KiB in one): the parser does not recurse. unit_expr tests 100,000
# levels and 1 MB expressions, which no command line can carry.
$ tests/progs/markers --co -q -k "$(printf '(%.0s' $(seq 60000))fast.one$(printf ')%.0s' $(seq 60000))"
[1]

$ tests/progs/markers --co -q -m "$(printf 'not %.0s' $(seq 30000))slow"
[1]

# Long lines are shortened here by awk, not by ptest: the error names the
# whole expression (its length is shown).
$ { tests/progs/markers -m "$(printf '(%.0s' $(seq 60000))slow"; echo "exit status $?"; } 2>&1 |
>   awk '{ n = length($0); print (n > 100 ? substr($0, 1, 40) " ... " n " bytes ... " substr($0, n - 50) : $0) }'
exit status 1

$ { tests/progs/markers -m "$(head -c 131000 /dev/zero | tr '\0' x)"; echo "exit status $?"; } 2>&1 |
>   awk '{ n = length($0); print (n > 100 ? substr($0, 1, 40) " ... " n " bytes ... " substr($0, n - 50) : $0) }'
exit status 1

$ tests/progs/markers --co -q -k "$(head -c 131000 /dev/zero | tr '\0' x)"
[1]

# Ids of 2,300 bytes are printed whole everywhere (sed names the
# generated part, 256 x "abcdefgh_").
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

$ tests/progs/longname --co -q | sed 's/\(abcdefgh_\)\{256\}/<NAME>/g'
longname.fails_<NAME>
longname.passes_<NAME>
longname.param_<NAME>[0]
longname.param_<NAME>[1]

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

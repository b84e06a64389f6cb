# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where expressions.t says otherwise. Differences:
# - a command line over 32767 characters cannot start a Windows program
#   (CreateProcess): the command fails with status 1 and prints nothing
#
# Malformed -m and -k expressions and unknown markers: one line on stderr
# naming the flag, the column and what was expected; exit 4, nothing runs.
$ tests/progs/markers -m sloww
ptest: error: -m 'sloww': unknown marker 'sloww' (did you mean 'slow'?); --markers lists them
[4]

$ tests/progs/markers -m "slow or netwrk"
ptest: error: -m 'slow or netwrk': unknown marker 'netwrk' (did you mean 'network'?); --markers lists them
[4]

$ tests/progs/markers -m gpu
ptest: error: -m 'gpu': unknown marker 'gpu'; --markers lists them
[4]

$ tests/progs/markers --co -q -m sloww
ptest: error: -m 'sloww': unknown marker 'sloww' (did you mean 'slow'?); --markers lists them
[4]

$ tests/progs/markers -m "slow and"
ptest: error: -m 'slow and': at column 9: expected not OR left parenthesis OR identifier; got end of input
[4]

$ tests/progs/markers -m "(slow"
ptest: error: -m '(slow': at column 6: expected right parenthesis; got end of input
[4]

$ tests/progs/markers -m "slow)"
ptest: error: -m 'slow)': at column 5: expected and OR or OR end of input; got right parenthesis
[4]

$ tests/progs/markers -m not
ptest: error: -m 'not': at column 4: expected not OR left parenthesis OR identifier; got end of input
[4]

$ tests/progs/markers -m "slow db"
ptest: error: -m 'slow db': at column 6: expected and OR or OR right parenthesis OR end of input; got identifier
[4]

$ tests/progs/markers -m "and slow"
ptest: error: -m 'and slow': at column 1: expected not OR left parenthesis OR identifier; got and
[4]

$ tests/progs/markers -k "("
ptest: error: -k '(': at column 2: expected not OR left parenthesis OR identifier; got end of input
[4]

$ tests/progs/markers -k "fast or or two"
ptest: error: -k 'fast or or two': at column 9: expected not OR left parenthesis OR identifier; got or
[4]

$ tests/progs/markers -k "()"
ptest: error: -k '()': at column 2: expected not OR left parenthesis OR identifier; got right parenthesis
[4]

$ tests/progs/markers -k "fast and not"
ptest: error: -k 'fast and not': at column 13: expected not OR left parenthesis OR identifier; got end of input
[4]

# Blank expressions select everything.
$ tests/progs/markers --co -q -m "" -k " "
fast.one
fast.two
slowpoke.crunch
db.query
db.migrate
net.fetch
param.square[0]
param.square[1]
param.square[2]

# Deep nesting is no problem: the parser does not recurse.
$ tests/progs/markers --co -q -k "$(printf '(%.0s' $(seq 5000))fast.one$(printf ')%.0s' $(seq 5000))"
fast.one

$ tests/progs/markers --co -q -k "$(printf 'not %.0s' $(seq 5000))fast.one"
fast.one

# A long expression (110 KB).
$ tests/progs/markers --co -q -k "$(printf 'nomatch or %.0s' $(seq 10000))fast.two"
[1]

# Non-ASCII bytes are identifier bytes like any other.
$ tests/progs/markers --co -q -k "fäst"
[5]

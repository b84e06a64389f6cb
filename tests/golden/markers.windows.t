# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where markers.t says otherwise. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
#
# Markers and selection. markers.c declares db and network; slow,
# integration and unit are built in.
$ tests/progs/markers --collect-only
fast.one [unit]  tests/progs/markers.c:12
fast.two  tests/progs/markers.c:16
slowpoke.crunch [slow]  tests/progs/markers.c:20
db.query [db, integration]  tests/progs/markers.c:24
db.migrate [db, slow]  tests/progs/markers.c:28
net.fetch [network, integration, slow]  tests/progs/markers.c:32
param.square[0] [unit]  tests/progs/markers.c:36
param.square[1] [unit]  tests/progs/markers.c:36
param.square[2] [unit]  tests/progs/markers.c:36

9 tests collected (0 deselected)

$ tests/progs/markers --co -q
fast.one
fast.two
slowpoke.crunch
db.query
db.migrate
net.fetch
param.square[0]
param.square[1]
param.square[2]

# --markers: the built-in markers, then the declared ones in the order
# they are declared (the same with every compiler and linker).
$ tests/progs/markers --markers
slow: slow tests; deselect with -m "not slow" (built in)
integration: tests that touch files, processes or the network (built in)
unit: fast tests of one unit in isolation (built in)
db: needs a database (tests/progs/markers.c:7)
network: talks to the network (tests/progs/markers.c:8)

# -m: marker expressions, pytest's grammar (and, or, not, parentheses).
$ tests/progs/markers --co -q -m slow
slowpoke.crunch
db.migrate
net.fetch

$ tests/progs/markers --co -q -m "not slow"
fast.one
fast.two
db.query
param.square[0]
param.square[1]
param.square[2]

$ tests/progs/markers --co -q -m "db and not slow"
db.query

$ tests/progs/markers --co -q -m "(db or network) and integration"
db.query
net.fetch

$ tests/progs/markers --co -q -m "unit or slow"
fast.one
slowpoke.crunch
db.migrate
net.fetch
param.square[0]
param.square[1]
param.square[2]

$ tests/progs/markers --co -q -m "not not unit"
fast.one
param.square[0]
param.square[1]
param.square[2]

$ tests/progs/markers --co -m integration
db.query [db, integration]  tests/progs/markers.c:24
net.fetch [network, integration, slow]  tests/progs/markers.c:32

2 tests collected (7 deselected)

# -k: case-insensitive substrings of ids, same grammar.
$ tests/progs/markers --co -q -k db
db.query
db.migrate

$ tests/progs/markers --co -q -k DB
db.query
db.migrate

$ tests/progs/markers --co -q -k "not fast and not param"
slowpoke.crunch
db.query
db.migrate
net.fetch

$ tests/progs/markers --co -q -k "square[1]"
param.square[1]

$ tests/progs/markers --co -q -k "query or fetch"
db.query
net.fetch

# -m and -k together, and positional ids (a TEST_P case by its index).
$ tests/progs/markers --co -q -m slow -k db
db.migrate

$ tests/progs/markers --co -q fast "param.square[2]"
fast.one
fast.two
param.square[2]

# Selections run as selected.
$ tests/progs/markers -m "not slow" -v -j 2
ptest VERSION: 6 tests selected (3 deselected), 2 process workers
PASSED fast.one
PASSED fast.two
PASSED db.query
PASSED param.square[0]
PASSED param.square[1]
PASSED param.square[2]
Ran 6 tests in N.NNs with 2 process workers
6 passed
ptest: 6 passed, 0 failed, 0 skipped

$ tests/progs/markers -m slow -q
Ran 3 tests in N.NNs with 2 process workers
3 passed
ptest: 3 passed, 0 failed, 0 skipped

# A valid selection that matches nothing: exit 5, run or collected.
$ tests/progs/markers -k nothing_matches
ptest VERSION: 0 tests selected (9 deselected), 1 process worker
Ran 0 tests in N.NNs with 1 process worker
no tests ran
ptest: 0 passed, 0 failed, 0 skipped
[5]

$ tests/progs/markers --co -q -k nothing_matches
[5]

$ tests/progs/markers -m "db and network"
ptest VERSION: 0 tests selected (9 deselected), 1 process worker
Ran 0 tests in N.NNs with 1 process worker
no tests ran
ptest: 0 passed, 0 failed, 0 skipped
[5]

$ tests/progs/markers no.such.test
ptest: error: no test is or starts with 'no.such.test' (--collect-only lists the ids)
[4]

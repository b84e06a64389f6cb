# 10 MB on stdout (163840 lines of 64 bytes). Captured output never stalls
# a worker, passing or failing.
$ tests/progs/flood -j 2 --tb=short -k "not huge"
ptest VERSION: 2 tests selected (1 deselected), 2 fork workers
FAILED flood.fails
    tests/progs/flood.c:37: FAIL: failed after 163840 lines

short test summary:
FAILED flood.fails - tests/progs/flood.c:37: FAIL: failed after 163840 lines

Ran 2 tests in N.NNs with 2 fork workers
1 passed, 1 failed
ptest: 1 passed, 1 failed, 0 skipped
[1]

# The report of a failing test keeps the first and the last 16 KiB of its
# output (256 lines each) around a note of what was left out. (sed marks
# the ends of lines: the blank one holds the report's indent.)
$ tests/progs/flood flood.fails | grep -c '^    flood line'
512

$ tests/progs/flood flood.fails | grep -B2 -A2 'not shown' | sed 's/$/|/'
    flood line 0000255 ............................................|
    |
    [... 10452992 bytes not shown ...]|
    flood line 0163584 ............................................|
    flood line 0163585 ............................................|

# -s: nothing is captured; all of it reaches the runner's stdout.
$ tests/progs/flood -s -j 1 flood.passes | grep -c '^flood line'
163840

# 96 MiB: while the test runs, the runner frees the middle of its capture
# file (the test checks that the file's blocks shrink); the report is the
# same head and tail around the note.
$ tests/progs/flood flood.huge | grep -B2 -A2 'not shown' | sed 's/$/|/'
    flood line 0000255 ............................................|
    |
    [... 100630528 bytes not shown ...]|
    flood line 1572608 ............................................|
    flood line 1572609 ............................................|
$ tests/progs/flood flood.huge --tb=line
ptest VERSION: 1 test selected (2 deselected), 1 fork worker
FAILED flood.huge - tests/progs/flood.c:62: FAIL: failed after 1572864 lines

short test summary:
FAILED flood.huge - tests/progs/flood.c:62: FAIL: failed after 1572864 lines

Ran 1 test in N.NNs with 1 fork worker
1 failed
ptest: 0 passed, 1 failed, 0 skipped
[1]

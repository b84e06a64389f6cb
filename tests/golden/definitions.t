# Definition errors are found at start, before anything runs: each names
# its file:line; exit 2, whatever the flags select.
$ tests/progs/undeclared
ptest: error: tests/progs/undeclared.c:10: test defs.typo uses undeclared marker 'slwo' (did you mean 'slow'?); declare it with PTEST_MARKER(slwo, "description")
ptest: error: tests/progs/undeclared.c:14: test defs.unknown uses undeclared marker 'gpu'; declare it with PTEST_MARKER(gpu, "description")
[2]

$ tests/progs/undeclared --collect-only
ptest: error: tests/progs/undeclared.c:10: test defs.typo uses undeclared marker 'slwo' (did you mean 'slow'?); declare it with PTEST_MARKER(slwo, "description")
ptest: error: tests/progs/undeclared.c:14: test defs.unknown uses undeclared marker 'gpu'; declare it with PTEST_MARKER(gpu, "description")
[2]

$ tests/progs/undeclared --markers
ptest: error: tests/progs/undeclared.c:10: test defs.typo uses undeclared marker 'slwo' (did you mean 'slow'?); declare it with PTEST_MARKER(slwo, "description")
ptest: error: tests/progs/undeclared.c:14: test defs.unknown uses undeclared marker 'gpu'; declare it with PTEST_MARKER(gpu, "description")
[2]

$ tests/progs/undeclared -k fine -j 0
ptest: error: tests/progs/undeclared.c:10: test defs.typo uses undeclared marker 'slwo' (did you mean 'slow'?); declare it with PTEST_MARKER(slwo, "description")
ptest: error: tests/progs/undeclared.c:14: test defs.unknown uses undeclared marker 'gpu'; declare it with PTEST_MARKER(gpu, "description")
[2]

$ tests/progs/bad_options
ptest: error: tests/progs/bad_options.c:8: test defs.negative_timeout: TIMEOUT(-1) must be a number of seconds from 0 to 1e9
ptest: error: tests/progs/bad_options.c:12: test defs.two_deaths: a test can expect one death only (EXPECT_SIGNAL or EXPECT_EXIT, once)
[2]

# The same id in two files: both places are named.
$ tests/progs/dup/dup
ptest: error: tests/progs/dup/two.c:8: test same.name is defined twice (also at tests/progs/dup/one.c:4)
[2]

$ tests/progs/dup/dup --co -q
ptest: error: tests/progs/dup/two.c:8: test same.name is defined twice (also at tests/progs/dup/one.c:4)
[2]

# A wrong marker declaration is a definition error that names it: one
# called 'and', 'or' or 'not' (-m could never select it), or one that
# redeclares a built-in marker.
$ tests/progs/badmarkers
ptest: error: tests/progs/badmarkers.c:7: PTEST_MARKER(or, ...): 'or' is a word of -m expressions, so -m could never select it; pick another name
ptest: error: tests/progs/badmarkers.c:8: PTEST_MARKER(slow, ...): 'slow' is built in; use MARK(slow) without declaring it
[2]

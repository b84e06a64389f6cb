# The Windows build (MinGW-w64 under Wine: make windows-blackbox) prints
# this where addopts.t says otherwise. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
#
# PTEST_ADDOPTS adds flags, as PYTEST_ADDOPTS does: its words come before
# the command line's, so the command line wins where both set something
# (-j 2 here over its -j 4) and what only it sets holds (-v, -k).
$ PTEST_ADDOPTS="-j 4 -v -k 'arith or floats'" tests/progs/pass -j 2
ptest VERSION: 2 tests selected (2 deselected), 2 process workers
PASSED pass.arithmetic
PASSED pass.floats
Ran 2 tests in N.NNs with 2 process workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

# Alone, it sets the run: -j 1, and ids as on a command line.
$ PTEST_ADDOPTS="-j 1 pass.strings" tests/progs/pass
ptest VERSION: 1 test selected (3 deselected), 1 process worker
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

# A bad flag in it is a usage error (exit 4) that says where it came
# from, on one line, whatever the command line says.
$ PTEST_ADDOPTS="-x --bogus" tests/progs/pass -j 2
ptest: error: PTEST_ADDOPTS: unknown flag '--bogus' (--help lists the flags)
[4]

$ PTEST_ADDOPTS="-j many" tests/progs/pass
ptest: error: PTEST_ADDOPTS: -j: expected a number of workers >= 1, 'auto', or 0 to run inline; got 'many'
[4]

$ PTEST_ADDOPTS="-m 'not slow" tests/progs/pass
ptest: error: PTEST_ADDOPTS: no closing ' quote in '-m 'not slow'
[4]

# A flag at its end does not take the command line's first word.
$ PTEST_ADDOPTS="-k" tests/progs/pass arithmetic
ptest: error: PTEST_ADDOPTS: -k: expected a value after it
[4]

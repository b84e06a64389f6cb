# The commands of ../addopts.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../addopts.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them

# process workers: Windows starts its workers, Linux forks them
$ PTEST_ADDOPTS="-j 4 -v -k 'arith or floats'" tests/progs/pass -j 2
ptest VERSION: 2 tests selected (2 deselected), 2 process workers
PASSED pass.arithmetic
PASSED pass.floats
Ran 2 tests in N.NNs with 2 process workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ PTEST_ADDOPTS="-j 1 pass.strings" tests/progs/pass
ptest VERSION: 1 test selected (3 deselected), 1 process worker
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

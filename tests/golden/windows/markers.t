# The commands of ../markers.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../markers.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them

# process workers: Windows starts its workers, Linux forks them
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

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/markers -m slow -q
Ran 3 tests in N.NNs with 2 process workers
3 passed
ptest: 3 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/markers -k nothing_matches
ptest VERSION: 0 tests selected (9 deselected), 1 process worker
Ran 0 tests in N.NNs with 1 process worker
no tests ran
ptest: 0 passed, 0 failed, 0 skipped
[5]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/markers -m "db and network"
ptest VERSION: 0 tests selected (9 deselected), 1 process worker
Ran 0 tests in N.NNs with 1 process worker
no tests ran
ptest: 0 passed, 0 failed, 0 skipped
[5]

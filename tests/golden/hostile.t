# A persistent worker runs test after test, so what one test changes in
# its process must not reach the next: the worker puts back stdout and
# stderr, the working directory, signal dispositions and the signal mask
# before each test, and gives tests /dev/null as stdin. In hostile.c each
# check_ test runs after the test that did the damage (-j 1: one worker,
# file order) and fails if it is still there.
$ tests/progs/hostile -j 1 -k "not check_output"
ptest VERSION: 8 tests selected (1 deselected), 1 fork worker
Ran 8 tests in N.NNs with 1 fork workers
8 passed
ptest: 8 passed, 0 failed, 0 skipped

# Output written after an earlier test closed fd 1 is still captured.
$ tests/progs/hostile -j 1 -k "closes_stdout or check_output"
ptest VERSION: 2 tests selected (7 deselected), 1 fork worker
FAILED hostile.check_output_is_captured
    tests/progs/hostile.c:28: FAIL: show the output
    --- stdout ---
    written after a test closed fd 1

short test summary:
FAILED hostile.check_output_is_captured - tests/progs/hostile.c:28: FAIL: show the output

Ran 2 tests in N.NNs with 1 fork workers
1 passed, 1 failed
ptest: 1 passed, 1 failed, 0 skipped
[1]

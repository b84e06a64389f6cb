# Tests that kill their worker. A crash is reported with the signal's name
# and the output the test wrote before it; the worker is replaced and the
# run goes on, so crash.survivor still passes.
$ tests/progs/crash -v -j 2
ptest VERSION: 3 tests selected, 2 fork workers
CRASHED crash.segfault
    was killed by SIGSEGV (Segmentation fault)
    --- stdout ---
    about to write through NULL
CRASHED crash.abort
    was killed by SIGABRT (Aborted)
    tests/progs/crash.c:20: about to abort
PASSED crash.survivor

short test summary:
CRASHED crash.segfault - was killed by SIGSEGV (Segmentation fault)
CRASHED crash.abort - was killed by SIGABRT (Aborted)

Ran 3 tests in N.NNs with 2 fork workers
1 passed, 2 crashed
ptest: 1 passed, 2 failed, 0 skipped
[1]

# One worker: replaced twice, and the last test still runs.
$ tests/progs/crash -j 1
ptest VERSION: 3 tests selected, 1 fork worker
CRASHED crash.segfault
    was killed by SIGSEGV (Segmentation fault)
    --- stdout ---
    about to write through NULL
CRASHED crash.abort
    was killed by SIGABRT (Aborted)
    tests/progs/crash.c:20: about to abort

short test summary:
CRASHED crash.segfault - was killed by SIGSEGV (Segmentation fault)
CRASHED crash.abort - was killed by SIGABRT (Aborted)

Ran 3 tests in N.NNs with 1 fork worker
1 passed, 2 crashed
ptest: 1 passed, 2 failed, 0 skipped
[1]

$ tests/progs/crash -j 4 --tb=line
ptest VERSION: 3 tests selected, 3 fork workers
CRASHED crash.segfault - was killed by SIGSEGV (Segmentation fault)
CRASHED crash.abort - was killed by SIGABRT (Aborted)

short test summary:
CRASHED crash.segfault - was killed by SIGSEGV (Segmentation fault)
CRASHED crash.abort - was killed by SIGABRT (Aborted)

Ran 3 tests in N.NNs with 3 fork workers
1 passed, 2 crashed
ptest: 1 passed, 2 failed, 0 skipped
[1]

# The commands of ../crash.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../crash.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a crash names the exception or the raised signal ("crashed with
#   EXCEPTION_ACCESS_VIOLATION (0xADDR)", "crashed with SIGABRT (abort)
#   (0xADDR)", "was killed by SIGTERM (raise)"; docs/platforms.md), not the
#   POSIX signal

$ tests/progs/crash -v -j 2
ptest VERSION: 3 tests selected, 2 process workers
CRASHED crash.segfault
    crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)
    --- stdout ---
    about to write through NULL
CRASHED crash.abort
    crashed with SIGABRT (abort) (0xADDR)
    tests/progs/crash.c:20: about to abort
PASSED crash.survivor

short test summary:
CRASHED crash.segfault - crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)
CRASHED crash.abort - crashed with SIGABRT (abort) (0xADDR)

Ran 3 tests in N.NNs with 2 process workers
1 passed, 2 crashed
ptest: 1 passed, 2 failed, 0 skipped
[1]

$ tests/progs/crash -j 1
ptest VERSION: 3 tests selected, 1 process worker
CRASHED crash.segfault
    crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)
    --- stdout ---
    about to write through NULL
CRASHED crash.abort
    crashed with SIGABRT (abort) (0xADDR)
    tests/progs/crash.c:20: about to abort

short test summary:
CRASHED crash.segfault - crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)
CRASHED crash.abort - crashed with SIGABRT (abort) (0xADDR)

Ran 3 tests in N.NNs with 1 process worker
1 passed, 2 crashed
ptest: 1 passed, 2 failed, 0 skipped
[1]

$ tests/progs/crash -j 4 --tb=line
ptest VERSION: 3 tests selected, 3 process workers
CRASHED crash.segfault - crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)
CRASHED crash.abort - crashed with SIGABRT (abort) (0xADDR)

short test summary:
CRASHED crash.segfault - crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)
CRASHED crash.abort - crashed with SIGABRT (abort) (0xADDR)

Ran 3 tests in N.NNs with 3 process workers
1 passed, 2 crashed
ptest: 1 passed, 2 failed, 0 skipped
[1]

# The commands of ../fixtures.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../fixtures.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a crash names the exception or the raised signal ("crashed with
#   SIGABRT (abort) (0xADDR)"; docs/platforms.md), not the POSIX signal
# - -j 0: a crash in the runner's own process outside any test is caught
#   by its exception handler, which says so as the thread pool's does
#   ("CRASHED (outside any test)"); Linux's reads the signal the process
#   died of
# - a thread a test leaves running is not looked for on Windows
#   (docs/platforms.md), so retire_teardown's worker does not retire after
#   that test: one teardown error, not two, and no warning

# process workers: Windows starts its workers, Linux forks them
# abort() is named as Windows' runtime raises it
$ SETUP_CRASH=every tests/progs/setup_crash -j 2
ptest VERSION: 2 tests selected, 2 process workers

short test summary:
NOT RUN setup_crash.one - not run: workers kept dying before reaching a test (the last crashed with SIGABRT (abort) (0xADDR) in WORKER_SETUP)
NOT RUN setup_crash.two - not run: workers kept dying before reaching a test (the last crashed with SIGABRT (abort) (0xADDR) in WORKER_SETUP)

Ran 0 tests in N.NNs with 2 process workers
2 not run
ptest: 0 passed, 2 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
# abort() is named as Windows' runtime raises it
$ SETUP_CRASH=every tests/progs/setup_crash -j 2 --tap
TAP version 14
1..2
not ok 1 - setup_crash.one
  ---
  message: "not run: workers kept dying before reaching a test (the last crashed with SIGABRT (abort) (0xADDR) in WORKER_SETUP)"
  severity: fail
  outcome: not_run
  at:
    file: "tests/progs/setup_crash.c"
    line: 30
  ...
not ok 2 - setup_crash.two
  ---
  message: "not run: workers kept dying before reaching a test (the last crashed with SIGABRT (abort) (0xADDR) in WORKER_SETUP)"
  severity: fail
  outcome: not_run
  at:
    file: "tests/progs/setup_crash.c"
    line: 35
  ...
\# Ran 0 tests in N.NNs with 2 process workers
[1]

# process workers: Windows starts its workers, Linux forks them
# abort() is named as Windows' runtime raises it
$ SETUP_CRASH=first tests/progs/setup_crash -j 2
ptest VERSION: 2 tests selected, 2 process workers
ptest: warning: workers died outside any test (the last crashed with SIGABRT (abort) (0xADDR) in WORKER_SETUP); the others ran the tests
Ran 2 tests in N.NNs with 2 process workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
# abort() is named as Windows' runtime raises it
$ TEARDOWN_CRASH=1 tests/progs/setup_crash -j 1
ptest VERSION: 2 tests selected, 1 process worker
ptest: error: 1 worker ended in SUITE_TEARDOWN or WORKER_TEARDOWN, after the tests (the last crashed with SIGABRT (abort) (0xADDR))
Ran 2 tests in N.NNs with 1 process worker
2 passed, 1 teardown error
ptest: 2 passed, 0 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ TEARDOWN_EXIT=1 tests/progs/setup_crash -j 1
ptest VERSION: 2 tests selected, 1 process worker
ptest: error: 1 worker ended in SUITE_TEARDOWN or WORKER_TEARDOWN, after the tests (the last called exit(0))
Ran 2 tests in N.NNs with 1 process worker
2 passed, 1 teardown error
ptest: 2 passed, 0 failed, 0 skipped
[1]

# -j 0: the runner's exception handler names the crash (see above)
$ SETUP_CRASH=every tests/progs/setup_crash -j 0
ptest VERSION: 2 tests selected, running inline (-j 0)

CRASHED (outside any test) - crashed with SIGABRT (abort)
ptest: internal error: a crash in the runner's own process (-j 0, --pool=thread) takes it down; the results above are all there is (the process pool contains crashes)
[3]

# process workers: Windows starts its workers, Linux forks them
$ WORKER_HANG=every tests/progs/stuck -j 2 --timeout=0.5
ptest VERSION: 4 tests selected, 2 process workers

short test summary:
NOT RUN stuck.one - not run: workers kept dying before reaching a test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it)
NOT RUN stuck.two - not run: workers kept dying before reaching a test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it)
NOT RUN fine.one - not run: workers kept dying before reaching a test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it)
NOT RUN fine.two - not run: workers kept dying before reaching a test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it)

Ran 0 tests in N.NNs with 2 process workers
4 not run
ptest: 0 passed, 4 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ WORKER_HANG=first tests/progs/stuck -j 2 --timeout=5
ptest VERSION: 4 tests selected, 2 process workers
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ WORKER_HANG=first SLOW=1 tests/progs/stuck -j 2 --timeout=0.5
ptest VERSION: 4 tests selected, 2 process workers
ptest: warning: workers died outside any test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it); the others ran the tests
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ WORKER_HANG=first FAIL_ONE=1 tests/progs/stuck -j 2 -x --timeout=0
ptest VERSION: 4 tests selected, 2 process workers
FAILED fine.one
    tests/progs/stuck.c:88: EXPECT_FALSE(wants("FAIL_ONE", "*")) failed
        value: true

short test summary:
FAILED fine.one - tests/progs/stuck.c:88: EXPECT_FALSE(wants("FAIL_ONE", "*")) failed

stopped after 1 failure (-x)
Ran 3 tests in N.NNs with 2 process workers
2 passed, 1 failed, 1 not run
ptest: 2 passed, 1 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ SETUP_FAIL=first tests/progs/stuck -j 2
ptest VERSION: 4 tests selected, 2 process workers
ptest: warning: WORKER_SETUP failed in gw0, which then had no test to run:
tests/progs/stuck.c:46: ASSERT_TRUE(0) failed: gw0 cannot set up
    value: false
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ SUITE_HANG=1 tests/progs/stuck -j 1 --timeout=0.5
ptest VERSION: 4 tests selected, 1 process worker
TIMEOUT stuck.one
    timed out after 0.5s in SUITE_SETUP(stuck)
TIMEOUT stuck.two
    timed out after 0.5s in SUITE_SETUP(stuck)

short test summary:
TIMEOUT stuck.one - timed out after 0.5s in SUITE_SETUP(stuck)
TIMEOUT stuck.two - timed out after 0.5s in SUITE_SETUP(stuck)

Ran 4 tests in N.NNs with 1 process worker
2 passed, 2 timed out
ptest: 2 passed, 2 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ SUITE_HANG=1 tests/progs/stuck -j 1 --timeout=0.5 --forked
ptest VERSION: 4 tests selected, 1 process worker (--forked: a process per test)
TIMEOUT stuck.one
    timed out after 0.5s in SUITE_SETUP(stuck)
TIMEOUT stuck.two
    timed out after 0.5s in SUITE_SETUP(stuck)

short test summary:
TIMEOUT stuck.one - timed out after 0.5s in SUITE_SETUP(stuck)
TIMEOUT stuck.two - timed out after 0.5s in SUITE_SETUP(stuck)

Ran 4 tests in N.NNs with 1 process worker
2 passed, 2 timed out
ptest: 2 passed, 2 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
# abort() is named as Windows' runtime raises it
$ SUITE_CRASH=1 tests/progs/stuck -j 1
ptest VERSION: 4 tests selected, 1 process worker
CRASHED stuck.one
    crashed with SIGABRT (abort) (0xADDR) in SUITE_SETUP(stuck)
CRASHED stuck.two
    crashed with SIGABRT (abort) (0xADDR) in SUITE_SETUP(stuck)

short test summary:
CRASHED stuck.one - crashed with SIGABRT (abort) (0xADDR) in SUITE_SETUP(stuck)
CRASHED stuck.two - crashed with SIGABRT (abort) (0xADDR) in SUITE_SETUP(stuck)

Ran 4 tests in N.NNs with 1 process worker
2 passed, 2 crashed
ptest: 2 passed, 2 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
# abort() is named as Windows' runtime raises it
$ SUITE_CRASH=1 tests/progs/stuck -j 1 --forked
ptest VERSION: 4 tests selected, 1 process worker (--forked: a process per test)
CRASHED stuck.one
    crashed with SIGABRT (abort) (0xADDR) in SUITE_SETUP(stuck)
CRASHED stuck.two
    crashed with SIGABRT (abort) (0xADDR) in SUITE_SETUP(stuck)

short test summary:
CRASHED stuck.one - crashed with SIGABRT (abort) (0xADDR) in SUITE_SETUP(stuck)
CRASHED stuck.two - crashed with SIGABRT (abort) (0xADDR) in SUITE_SETUP(stuck)

Ran 4 tests in N.NNs with 1 process worker
2 passed, 2 crashed
ptest: 2 passed, 2 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ TEARDOWN_FAIL=suite tests/progs/stuck -j 1
ptest VERSION: 4 tests selected, 1 process worker
ptest: error: SUITE_TEARDOWN(stuck) failed in gw0:
tests/progs/stuck.c:65: EXPECT_FALSE(wants("TEARDOWN_FAIL", "suite")) failed
    value: true
Ran 4 tests in N.NNs with 1 process worker
4 passed, 1 teardown error
ptest: 4 passed, 0 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ TEARDOWN_FAIL=worker tests/progs/stuck -j 2 -k fine 2>/dev/null
ptest VERSION: 2 tests selected (2 deselected), 2 process workers
Ran 2 tests in N.NNs with 2 process workers
2 passed, 2 teardown errors
ptest: 2 passed, 0 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ TEARDOWN_FAIL=suite TEARDOWN_CRASH=1 tests/progs/stuck -j 1 -q 2>/dev/null
Ran 4 tests in N.NNs with 1 process worker
4 passed, 2 teardown errors
ptest: 4 passed, 0 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ WORKER_HANG=first SLOW=1 tests/progs/stuck -j 2 --timeout=0.5 --dist=loadscope
ptest VERSION: 4 tests selected, 2 process workers
ptest: warning: workers died outside any test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it); the others ran the tests
Ran 4 tests in N.NNs with 2 process workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
# abort() is named as Windows' runtime raises it
$ SETUP_CRASH=first tests/progs/setup_crash -j 2 --dist=loadscope
ptest VERSION: 2 tests selected, 2 process workers
ptest: warning: workers died outside any test (the last crashed with SIGABRT (abort) (0xADDR) in WORKER_SETUP); the others ran the tests
Ran 2 tests in N.NNs with 2 process workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ TEARDOWN_FAIL=suite tests/progs/stuck -j 1 --tap 2>/dev/null | tail -2
\# Ran 4 tests in N.NNs with 1 process worker
\# 1 teardown error (SUITE_TEARDOWN or WORKER_TEARDOWN, reports on stderr): the run fails

# process workers: Windows starts its workers, Linux forks them
# abort() is named as Windows' runtime raises it
# the thread left running is not looked for: no retiring, no warning
$ TEARDOWN_CRASH=1 tests/progs/retire_teardown -j 1
ptest VERSION: 2 tests selected, 1 process worker
ptest: error: 1 worker ended in SUITE_TEARDOWN or WORKER_TEARDOWN, after the tests (the last crashed with SIGABRT (abort) (0xADDR))
Ran 2 tests in N.NNs with 1 process worker
2 passed, 1 teardown error
ptest: 2 passed, 0 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/stored -j 1
ptest VERSION: 1 test selected, 1 process worker
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

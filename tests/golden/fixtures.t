# A WORKER_SETUP that crashes. In every worker, no test can run: each is
# NOT RUN with the reason, the run fails (an <error> in JUnit, "not ok" in
# TAP, never a skip). In one worker only, the others run every test and
# a warning says a worker died.
$ SETUP_CRASH=every tests/progs/setup_crash -j 2
ptest VERSION: 2 tests selected, 2 fork workers

short test summary:
NOT RUN setup_crash.one - not run: workers kept dying before reaching a test (the last was killed by SIGABRT (Aborted) in WORKER_SETUP)
NOT RUN setup_crash.two - not run: workers kept dying before reaching a test (the last was killed by SIGABRT (Aborted) in WORKER_SETUP)

Ran 0 tests in N.NNs with 2 fork workers
2 not run
ptest: 0 passed, 2 failed, 0 skipped
[1]
$ SETUP_CRASH=every tests/progs/setup_crash -j 2 --tap
TAP version 14
1..2
not ok 1 - setup_crash.one
  ---
  message: "not run: workers kept dying before reaching a test (the last was killed by SIGABRT (Aborted) in WORKER_SETUP)"
  severity: fail
  outcome: not_run
  at:
    file: "tests/progs/setup_crash.c"
    line: 30
  ...
not ok 2 - setup_crash.two
  ---
  message: "not run: workers kept dying before reaching a test (the last was killed by SIGABRT (Aborted) in WORKER_SETUP)"
  severity: fail
  outcome: not_run
  at:
    file: "tests/progs/setup_crash.c"
    line: 35
  ...
\# Ran 0 tests in N.NNs with 2 fork workers
[1]
$ SETUP_CRASH=every tests/progs/setup_crash -j 2 --junitxml="$PTEST_CACHE_DIR/r.xml" >/dev/null
> grep -c '<error type="not_run"' "$PTEST_CACHE_DIR/r.xml"
2
$ SETUP_CRASH=first tests/progs/setup_crash -j 2
ptest VERSION: 2 tests selected, 2 fork workers
ptest: warning: workers died outside any test (the last was killed by SIGABRT (Aborted) in WORKER_SETUP); the others ran the tests
Ran 2 tests in N.NNs with 2 fork workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

# A WORKER_TEARDOWN that crashes after the tests: their results stand,
# an error says how the worker ended, and the run fails (exit 1), as
# pytest fails a run whose fixture teardown errs.
$ TEARDOWN_CRASH=1 tests/progs/setup_crash -j 1
ptest VERSION: 2 tests selected, 1 fork worker
ptest: error: 1 worker ended in SUITE_TEARDOWN or WORKER_TEARDOWN, after the tests (the last was killed by SIGABRT (Aborted))
Ran 2 tests in N.NNs with 1 fork worker
2 passed, 1 teardown error
ptest: 2 passed, 0 failed, 0 skipped
[1]

# A WORKER_TEARDOWN that calls exit(0): a clean-looking status, but the
# teardown never finished, and the error says so.
$ TEARDOWN_EXIT=1 tests/progs/setup_crash -j 1
ptest VERSION: 2 tests selected, 1 fork worker
ptest: error: 1 worker ended in SUITE_TEARDOWN or WORKER_TEARDOWN, after the tests (the last called exit(0))
Ran 2 tests in N.NNs with 1 fork worker
2 passed, 1 teardown error
ptest: 2 passed, 0 failed, 0 skipped
[1]

# Inline, the same exit(0) ends the runner's process before its summary:
# it says so, exit 3.
$ TEARDOWN_EXIT=1 tests/progs/setup_crash -j 0
ptest VERSION: 2 tests selected, running inline (-j 0)

ptest: internal error: exit() was called outside any test (by a fixture, or a thread a test left running) in the runner's own process; the run stops here (the fork pool survives this)
[3]

# Inline, the crash takes the runner's process down: it says so, exit 3.
$ SETUP_CRASH=every tests/progs/setup_crash -j 0
ptest VERSION: 2 tests selected, running inline (-j 0)

ptest: the runner's own process was killed by SIGABRT outside any test (in a fixture?)
ptest: internal error: a crash in the runner's own process (-j 0) takes it down; the results above are all there is (the fork pool contains crashes)
[3]

# A WORKER_SETUP that never finishes is stopped after the default timeout
# (--timeout), as a test would be; a worker gets no test before its
# WORKER_SETUP is done. After two such, no worker is started again: in
# every worker, the tests are NOT RUN, saying why, within a second here
# rather than never. In the first worker only, the other runs every test;
# a second after none is left, the worker still setting up is stopped,
# silently (even with no timeout, and after -x); a warning says so when
# its set-up timed out while tests still ran. The thread pool cannot stop
# a thread: it waits for the set-up until --timeout. A WORKER_SETUP that
# fails in a worker that then has no test to fail is a warning, as a
# crash there is.
$ WORKER_HANG=every tests/progs/stuck -j 2 --timeout=0.5
ptest VERSION: 4 tests selected, 2 fork workers

short test summary:
NOT RUN stuck.one - not run: workers kept dying before reaching a test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it)
NOT RUN stuck.two - not run: workers kept dying before reaching a test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it)
NOT RUN fine.one - not run: workers kept dying before reaching a test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it)
NOT RUN fine.two - not run: workers kept dying before reaching a test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it)

Ran 0 tests in N.NNs with 2 fork workers
4 not run
ptest: 0 passed, 4 failed, 0 skipped
[1]
$ WORKER_HANG=first tests/progs/stuck -j 2 --timeout=5
ptest VERSION: 4 tests selected, 2 fork workers
Ran 4 tests in N.NNs with 2 fork workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped
$ WORKER_HANG=first SLOW=1 tests/progs/stuck -j 2 --timeout=0.5
ptest VERSION: 4 tests selected, 2 fork workers
ptest: warning: workers died outside any test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it); the others ran the tests
Ran 4 tests in N.NNs with 2 fork workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped
$ WORKER_HANG=first FAIL_ONE=1 tests/progs/stuck -j 2 -x --timeout=0
ptest VERSION: 4 tests selected, 2 fork workers
FAILED fine.one
    tests/progs/stuck.c:88: EXPECT_FALSE(wants("FAIL_ONE", "*")) failed
        value: true

short test summary:
FAILED fine.one - tests/progs/stuck.c:88: EXPECT_FALSE(wants("FAIL_ONE", "*")) failed

stopped after 1 failure (-x)
Ran 3 tests in N.NNs with 2 fork workers
2 passed, 1 failed, 1 not run
ptest: 2 passed, 1 failed, 0 skipped
[1]
$ WORKER_HANG=every tests/progs/stuck --pool=thread -j 2 --timeout=0.5
ptest VERSION: 4 tests selected, 2 thread workers

short test summary:
NOT RUN stuck.one - not run: WORKER_SETUP did not finish within 0.5s in 4 threads (abandoned)
NOT RUN stuck.two - not run: WORKER_SETUP did not finish within 0.5s in 4 threads (abandoned)
NOT RUN fine.one - not run: WORKER_SETUP did not finish within 0.5s in 4 threads (abandoned)
NOT RUN fine.two - not run: WORKER_SETUP did not finish within 0.5s in 4 threads (abandoned)

Ran 0 tests in N.NNs with 2 thread workers
4 not run
ptest: 0 passed, 4 failed, 0 skipped
[1]
$ WORKER_HANG=first tests/progs/stuck --pool=thread -j 2 --timeout=0.5
ptest VERSION: 4 tests selected, 2 thread workers
ptest: warning: WORKER_SETUP did not finish within 0.5s in 1 thread (abandoned); the others ran the tests
Ran 4 tests in N.NNs with 2 thread workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped
$ WORKER_HANG=first SLOW=1 tests/progs/stuck --pool=thread -j 2 --timeout=0.5
ptest VERSION: 4 tests selected, 2 thread workers
ptest: warning: WORKER_SETUP did not finish within 0.5s in 2 threads (abandoned); the others ran the tests
Ran 4 tests in N.NNs with 2 thread workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped
$ SETUP_FAIL=first tests/progs/stuck -j 2
ptest VERSION: 4 tests selected, 2 fork workers
ptest: warning: WORKER_SETUP failed in gw0, which then had no test to run:
tests/progs/stuck.c:46: ASSERT_TRUE(0) failed: gw0 cannot set up
    value: false
Ran 4 tests in N.NNs with 2 fork workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped
$ SETUP_FAIL=first tests/progs/stuck --pool=thread -j 2
ptest VERSION: 4 tests selected, 2 thread workers
ptest: warning: WORKER_SETUP failed in gw0, which then had no test to run:
tests/progs/stuck.c:46: ASSERT_TRUE(0) failed: gw0 cannot set up
    value: false
Ran 4 tests in N.NNs with 2 thread workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# A SUITE_SETUP that hangs or crashes is the timeout or crash of the test
# it set up for (each of its tests, as each new worker sets it up again),
# named as the fixture's; the other suite passes. The same under
# --forked, where the suite is set up in the worker, outside the test's
# own process.
$ SUITE_HANG=1 tests/progs/stuck -j 1 --timeout=0.5
ptest VERSION: 4 tests selected, 1 fork worker
TIMEOUT stuck.one
    timed out after 0.5s in SUITE_SETUP(stuck)
TIMEOUT stuck.two
    timed out after 0.5s in SUITE_SETUP(stuck)

short test summary:
TIMEOUT stuck.one - timed out after 0.5s in SUITE_SETUP(stuck)
TIMEOUT stuck.two - timed out after 0.5s in SUITE_SETUP(stuck)

Ran 4 tests in N.NNs with 1 fork worker
2 passed, 2 timed out
ptest: 2 passed, 2 failed, 0 skipped
[1]
$ SUITE_HANG=1 tests/progs/stuck -j 1 --timeout=0.5 --forked
ptest VERSION: 4 tests selected, 1 fork worker (--forked: a process per test)
TIMEOUT stuck.one
    timed out after 0.5s in SUITE_SETUP(stuck)
TIMEOUT stuck.two
    timed out after 0.5s in SUITE_SETUP(stuck)

short test summary:
TIMEOUT stuck.one - timed out after 0.5s in SUITE_SETUP(stuck)
TIMEOUT stuck.two - timed out after 0.5s in SUITE_SETUP(stuck)

Ran 4 tests in N.NNs with 1 fork worker
2 passed, 2 timed out
ptest: 2 passed, 2 failed, 0 skipped
[1]
$ SUITE_HANG=1 tests/progs/stuck --pool=thread -j 1 --timeout=0.5
ptest VERSION: 4 tests selected, 1 thread worker
TIMEOUT stuck.one
    timed out after 0.5s in SUITE_SETUP(stuck) (its thread is abandoned)
TIMEOUT stuck.two
    timed out after 0.5s in SUITE_SETUP(stuck) (its thread is abandoned)

short test summary:
TIMEOUT stuck.one - timed out after 0.5s in SUITE_SETUP(stuck) (its thread is abandoned)
TIMEOUT stuck.two - timed out after 0.5s in SUITE_SETUP(stuck) (its thread is abandoned)

Ran 4 tests in N.NNs with 1 thread worker
2 passed, 2 timed out
ptest: 2 passed, 2 failed, 0 skipped
[1]
$ SUITE_CRASH=1 tests/progs/stuck -j 1
ptest VERSION: 4 tests selected, 1 fork worker
CRASHED stuck.one
    was killed by SIGABRT (Aborted) in SUITE_SETUP(stuck)
CRASHED stuck.two
    was killed by SIGABRT (Aborted) in SUITE_SETUP(stuck)

short test summary:
CRASHED stuck.one - was killed by SIGABRT (Aborted) in SUITE_SETUP(stuck)
CRASHED stuck.two - was killed by SIGABRT (Aborted) in SUITE_SETUP(stuck)

Ran 4 tests in N.NNs with 1 fork worker
2 passed, 2 crashed
ptest: 2 passed, 2 failed, 0 skipped
[1]
$ SUITE_CRASH=1 tests/progs/stuck -j 1 --forked
ptest VERSION: 4 tests selected, 1 fork worker (--forked: a process per test)
CRASHED stuck.one
    was killed by SIGABRT (Aborted) in SUITE_SETUP(stuck)
CRASHED stuck.two
    was killed by SIGABRT (Aborted) in SUITE_SETUP(stuck)

short test summary:
CRASHED stuck.one - was killed by SIGABRT (Aborted) in SUITE_SETUP(stuck)
CRASHED stuck.two - was killed by SIGABRT (Aborted) in SUITE_SETUP(stuck)

Ran 4 tests in N.NNs with 1 fork worker
2 passed, 2 crashed
ptest: 2 passed, 2 failed, 0 skipped
[1]

# A SUITE_TEARDOWN or WORKER_TEARDOWN whose assertion fails: the report
# goes to stderr (no test owns it), the breakdown counts a teardown
# error, and the run fails; in the pools and inline alike. Each worker
# tears down on its own: two workers, two errors.
$ TEARDOWN_FAIL=suite tests/progs/stuck -j 1
ptest VERSION: 4 tests selected, 1 fork worker
ptest: error: SUITE_TEARDOWN(stuck) failed in gw0:
tests/progs/stuck.c:65: EXPECT_FALSE(wants("TEARDOWN_FAIL", "suite")) failed
    value: true
Ran 4 tests in N.NNs with 1 fork worker
4 passed, 1 teardown error
ptest: 4 passed, 0 failed, 0 skipped
[1]
$ TEARDOWN_FAIL=worker tests/progs/stuck -j 2 -k fine 2>/dev/null
ptest VERSION: 2 tests selected (2 deselected), 2 fork workers
Ran 2 tests in N.NNs with 2 fork workers
2 passed, 2 teardown errors
ptest: 2 passed, 0 failed, 0 skipped
[1]
$ TEARDOWN_FAIL=suite tests/progs/stuck --pool=thread -j 1
ptest VERSION: 4 tests selected, 1 thread worker
ptest: error: SUITE_TEARDOWN(stuck) failed in gw0:
tests/progs/stuck.c:65: EXPECT_FALSE(wants("TEARDOWN_FAIL", "suite")) failed
    value: true
Ran 4 tests in N.NNs with 1 thread worker
4 passed, 1 teardown error
ptest: 4 passed, 0 failed, 0 skipped
[1]
$ TEARDOWN_FAIL=worker tests/progs/stuck -j 0
ptest VERSION: 4 tests selected, running inline (-j 0)
ptest: error: WORKER_TEARDOWN failed in master:
tests/progs/stuck.c:70: EXPECT_FALSE(wants("TEARDOWN_FAIL", "worker")) failed
    value: true
Ran 4 tests in N.NNs inline
4 passed, 1 teardown error
ptest: 4 passed, 0 failed, 0 skipped
[1]
$ TEARDOWN_FAIL=worker tests/progs/stuck -j 1 --json=- 2>/dev/null | sed -E 's/"duration":[0-9.e+-]+/"duration":D/g' | grep run_finished
{"type":"run_finished","duration":D,"exit_status":1,"interrupted":false,"teardown_errors":1,"counts":{"passed":4,"failed":0,"skipped":0,"crashed":0,"exited":0,"timeout":0,"xfailed":0,"xpassed":0,"flaky":0,"interrupted":0,"not_run":0}}

# Each teardown error counts, also those before a crash in the same
# worker (they are counted as they happen, not when the worker ends).
$ TEARDOWN_FAIL=suite TEARDOWN_CRASH=1 tests/progs/stuck -j 1 -q 2>/dev/null
Ran 4 tests in N.NNs with 1 fork worker
4 passed, 2 teardown errors
ptest: 4 passed, 0 failed, 0 skipped
[1]

# --dist=loadscope: a worker that hangs in WORKER_SETUP holds no suite
# (it gets none before its set-up is done; a suite once waited for a dead
# worker's slot forever), and a worker that set up with no work left is
# no teardown error.
$ WORKER_HANG=first SLOW=1 tests/progs/stuck -j 2 --timeout=0.5 --dist=loadscope
ptest VERSION: 4 tests selected, 2 fork workers
ptest: warning: workers died outside any test (the last did not finish WORKER_SETUP within 0.5s: ptest stopped it); the others ran the tests
Ran 4 tests in N.NNs with 2 fork workers
4 passed
ptest: 4 passed, 0 failed, 0 skipped
$ SETUP_CRASH=first tests/progs/setup_crash -j 2 --dist=loadscope
ptest VERSION: 2 tests selected, 2 fork workers
ptest: warning: workers died outside any test (the last was killed by SIGABRT (Aborted) in WORKER_SETUP); the others ran the tests
Ran 2 tests in N.NNs with 2 fork workers
2 passed
ptest: 2 passed, 0 failed, 0 skipped

# The reports carry a teardown error too: JUnit as a testcase "teardown"
# with an <error> (tests/integration/reports.sh has xmllint read it), TAP
# as a last comment; the exit status fails the run for prove.
$ TEARDOWN_FAIL=suite tests/progs/stuck -j 1 --junitxml="$PTEST_CACHE_DIR/r.xml" >/dev/null 2>&1
> grep -o 'tests="5" failures="0" errors="1"\|<testcase classname="ptest" name="teardown"\|<error type="teardown_error"' "$PTEST_CACHE_DIR/r.xml" | sort | uniq -c
      1 <error type="teardown_error"
      1 <testcase classname="ptest" name="teardown"
      2 tests="5" failures="0" errors="1"
$ TEARDOWN_FAIL=suite tests/progs/stuck -j 1 --tap 2>/dev/null | tail -2
\# Ran 4 tests in N.NNs with 1 fork worker
\# 1 teardown error (SUITE_TEARDOWN or WORKER_TEARDOWN, reports on stderr): the run fails

# A worker that retires (a test left a thread running) and then crashes
# in WORKER_TEARDOWN: a teardown error, as for a worker that quit, not a
# worker that "died outside any test".
$ TEARDOWN_CRASH=1 tests/progs/retire_teardown -j 1
ptest VERSION: 2 tests selected, 1 fork worker
ptest: error: 2 workers ended in SUITE_TEARDOWN or WORKER_TEARDOWN, after the tests (the last was killed by SIGABRT (Aborted))

warnings:
retire.leaves_a_thread: left 1 thread running

Ran 2 tests in N.NNs with 1 fork worker
2 passed, 2 teardown errors, 1 warning
ptest: 2 passed, 0 failed, 0 skipped
[1]

# The durations are stored as soon as every test has its outcome, while
# the workers end, not after them: stored's WORKER_TEARDOWN waits for the
# cache to list its test, and aborts after 5 s without it.
$ tests/progs/stored -j 1
ptest VERSION: 1 test selected, 1 fork worker
Ran 1 test in N.NNs with 1 fork worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped

# The commands of ../reports.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../reports.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them
# - a crash names the exception or the raised signal ("crashed with
#   EXCEPTION_ACCESS_VIOLATION (0xADDR)", "crashed with SIGABRT (abort)
#   (0xADDR)", "was killed by SIGTERM (raise)"; docs/platforms.md), not the
#   POSIX signal
# - --junitxml into /dev/null/a\tb.xml, and the cache under /dev/null, fail
#   with "Invalid argument", not "Not a directory"
# - with -s, a test's stdout line comes before its stderr line (msvcrt
#   flushes at the end of the test)

$ tests/progs/crash -j 1 --tap
TAP version 14
1..3
not ok 1 - crash.segfault
  ---
  message: "crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)"
  severity: fail
  outcome: crashed
  at:
    file: "tests/progs/crash.c"
    line: 10
  stdout: |
    about to write through NULL
  ...
not ok 2 - crash.abort
  ---
  message: "crashed with SIGABRT (abort) (0xADDR)"
  severity: fail
  outcome: crashed
  at:
    file: "tests/progs/crash.c"
    line: 18
  report: |
    tests/progs/crash.c:20: about to abort
  ...
ok 3 - crash.survivor
\# Ran 3 tests in N.NNs with 1 process worker
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/skip -j 1 --tap
TAP version 14
1..3
ok 1 - skip.by_option # SKIP not on this platform
ok 2 - skip.at_run_time # SKIP needs a network
ok 3 - skip.runs
\# Ran 3 tests in N.NNs with 1 process worker

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/xfail -j 1 --tap
TAP version 14
1..3
not ok 1 - xfail.fails # TODO bug 12
not ok 2 - xfail.crashes # TODO bug 13
not ok 3 - xfail.passes
  ---
  message: "passed, but is marked XFAIL(\"bug 14\")"
  severity: fail
  outcome: xpassed
  at:
    file: "tests/progs/xfail.c"
    line: 18
  ...
\# Ran 3 tests in N.NNs with 1 process worker
[1]

$ f=$(mktemp) && tests/progs/crash -j 1 -q --junitxml="$f"; echo "[exit $?]"
> sed -E 's/ (time|timestamp)="[^"]*"/ \1="T"/g' "$f"; rm -f "$f"
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
[exit 1]
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ptest" tests="3" failures="0" errors="2" skipped="0" time="T">
  <testsuite name="ptest" tests="3" failures="0" errors="2" skipped="0" time="T" timestamp="T">
    <testcase classname="crash" name="segfault" file="tests/progs/crash.c" line="10" time="T">
      <properties>
        <property name="worker" value="gw0"/>
        <property name="outcome" value="crashed"/>
      </properties>
      <error type="crashed" message="crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)">crashed with EXCEPTION_ACCESS_VIOLATION (0xADDR)</error>
      <system-out>about to write through NULL
</system-out>
    </testcase>
    <testcase classname="crash" name="abort" file="tests/progs/crash.c" line="18" time="T">
      <properties>
        <property name="worker" value="gw0"/>
        <property name="outcome" value="crashed"/>
      </properties>
      <error type="crashed" message="crashed with SIGABRT (abort) (0xADDR)">crashed with SIGABRT (abort) (0xADDR)
tests/progs/crash.c:20: about to abort
</error>
    </testcase>
    <testcase classname="crash" name="survivor" file="tests/progs/crash.c" line="24" time="T">
      <properties>
        <property name="worker" value="gw0"/>
        <property name="outcome" value="passed"/>
      </properties>
    </testcase>
  </testsuite>
</testsuites>

$ tests/progs/skip -j 1 --json=- | sed -E 's/"duration":[0-9.e+-]+/"duration":D/g'
{"type":"run_started","version":1,"ptest":"0.2.0","selected":3,"deselected":0,"workers":1,"pool":"process","ids":["skip.by_option","skip.at_run_time","skip.runs"],"seed":null}
{"type":"test_started","id":"skip.by_option","worker":"gw0"}
{"type":"test_finished","id":"skip.by_option","suite":"skip","name":"by_option","file":"tests/progs/skip.c","line":7,"markers":[],"resources":[],"outcome":"skipped","duration":D,"worker":"gw0","message":"not on this platform","report":"not on this platform","stdout":null,"stderr":null,"warnings":[]}
{"type":"test_started","id":"skip.at_run_time","worker":"gw0"}
{"type":"test_finished","id":"skip.at_run_time","suite":"skip","name":"at_run_time","file":"tests/progs/skip.c","line":12,"markers":[],"resources":[],"outcome":"skipped","duration":D,"worker":"gw0","message":"tests/progs/skip.c:14: skipped: needs a network","report":"tests/progs/skip.c:14: skipped: needs a network\u000a","stdout":null,"stderr":null,"warnings":[]}
{"type":"test_started","id":"skip.runs","worker":"gw0"}
{"type":"test_finished","id":"skip.runs","suite":"skip","name":"runs","file":"tests/progs/skip.c","line":18,"markers":[],"resources":[],"outcome":"passed","duration":D,"worker":"gw0","message":null,"report":null,"stdout":null,"stderr":null,"warnings":[]}
{"type":"run_finished","duration":D,"exit_status":0,"interrupted":false,"teardown_errors":0,"counts":{"passed":1,"failed":0,"skipped":2,"crashed":0,"exited":0,"timeout":0,"xfailed":0,"xpassed":0,"flaky":0,"interrupted":0,"not_run":0}}

$ tests/progs/pass -j 1 -s --tap 2>&1 >/dev/null | sort
stderr of a passing test

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -j 1 -q --junitxml=/nonexistent/dir/report.xml
ptest: warning: --junitxml: cannot write /nonexistent/dir/report.xml: No such file or directory
Ran 4 tests in N.NNs with 1 process worker
4 passed
ptest: 4 passed, 0 failed, 0 skipped

$ tests/progs/pass -j 1 -q --cache-dir "$(printf '/dev/null/c\nd')" --junitxml="$(printf '/dev/null/a\tb.xml')"
ptest: warning: cache: /dev/null/c\nd/v1/results: Invalid argument; running without it
ptest: warning: cache: cannot write /dev/null/c\nd/v1/results: Invalid argument; the next run will not know this one's durations
ptest: warning: --junitxml: cannot write /dev/null/a\tb.xml: Invalid argument
Ran 4 tests in N.NNs with 1 process worker
4 passed
ptest: 4 passed, 0 failed, 0 skipped

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/pass -j 1 -s --tap 2>/dev/null
TAP version 14
1..4
ok 1 - pass.arithmetic
ok 2 - pass.strings
ok 3 - pass.output_is_hidden
ok 4 - pass.floats
\# Ran 4 tests in N.NNs with 1 process worker

#!/bin/sh
# The report files read by the tools that consume them: JUnit XML by
# xmllint and by Python's parser (with the right counts), TAP by prove
# (a passing and a failing suite), every JSON line by Python's json, for
# a program whose tests print control characters, NUL, invalid UTF-8 and
# "]]>". One line per check; exit 1 on any failure. The checks of a tool
# that is not installed are skipped: one line at the end names the tools
# and their Debian packages (tests/optional.sh), and the exit status is 77
# if nothing failed; under PTEST_CI=1 a missing tool is a failure.
set -u
cd "$(dirname "$0")/../.."
. tests/optional.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
ok() { echo "reports: ok: $*"; }
bad() { echo "reports: FAIL: $*"; failed=1; }
need() { optional_have "$1"; }
export PTEST_CACHE_DIR="$tmp/cache"

tests/progs/bytes -j 2 --junitxml="$tmp/r.xml" --json="$tmp/r.jsonl" >/dev/null 2>&1
[ $? = 1 ] && ok "bytes: exit 1" || bad "bytes: exit status is not 1"

if need xmllint; then
    xmllint --noout "$tmp/r.xml" && ok "xmllint reads the JUnit XML" || bad "xmllint rejects the JUnit XML"
fi
# A run that dies before its end (a crash in the runner's own process,
# -j 0) leaves a report that says so, not the last run's: the file held
# bytes' report; crash's ends in exit 3.
tests/progs/crash -j 0 --junitxml="$tmp/r.xml" >/dev/null 2>&1
[ $? = 3 ] && ok "crash -j 0: exit 3" || bad "crash -j 0: exit status is not 3"
if grep -q '<error type="unfinished" message="the run did not finish' "$tmp/r.xml"; then
    ok "the JUnit XML of a run that died says it did not finish"
else
    bad "the JUnit XML of a run that died does not say so: $(cat "$tmp/r.xml")"
fi
if need xmllint; then
    xmllint --noout "$tmp/r.xml" && ok "xmllint reads the unfinished run's JUnit XML" ||
        bad "xmllint rejects the unfinished run's JUnit XML"
fi
# A teardown error is a testcase "teardown" with an <error> (its content:
# tests/golden/fixtures.t).
TEARDOWN_FAIL=suite tests/progs/stuck -j 1 --junitxml="$tmp/r.xml" >/dev/null 2>&1
[ $? = 1 ] && ok "stuck with a failing SUITE_TEARDOWN: exit 1" ||
    bad "stuck with a failing SUITE_TEARDOWN: exit status is not 1"
if need xmllint; then
    xmllint --noout "$tmp/r.xml" && ok "xmllint reads the JUnit XML of a run with a teardown error" ||
        bad "xmllint rejects the JUnit XML of a run with a teardown error"
fi
tests/progs/bytes -j 2 --junitxml="$tmp/r.xml" --json="$tmp/r.jsonl" >/dev/null 2>&1
if need python3; then
    python3 - "$tmp/r.xml" "$tmp/r.jsonl" <<'PY' && ok "Python reads the JUnit XML and every JSON line, with the right counts" || bad "Python's parsers disagree (see above)"
import json, sys
import xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
cases = suite.findall("testcase")
want = {"tests": "5", "failures": "3", "errors": "0", "skipped": "1"}
got = {k: suite.get(k) for k in want}
assert got == want, ("testsuite counts", got)
assert len(cases) == 5, len(cases)
assert sum(1 for c in cases if c.find("failure") is not None) == 3
events = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
assert events[0]["type"] == "run_started" and events[0]["version"] == 1
assert events[-1]["type"] == "run_finished" and events[-1]["counts"]["failed"] == 3
finished = [e["id"] for e in events if e["type"] == "test_finished"]
assert sorted(finished) == sorted(events[0]["ids"]), finished
# captured output is whole past a NUL byte, which shows as \0
out = [e for e in events if e["type"] == "test_finished" and e["id"] == "bytes.prints_and_fails"][0]["stdout"]
assert "nul(\\0) bad" in out and out.endswith("\\ end"), repr(out)
PY
    tests/progs/bytes -j 2 --tap > "$tmp/r.tap" 2>/dev/null
    python3 - "$tmp/r.tap" <<'PY' && ok "the TAP stream is UTF-8 and holds the output past a NUL" || bad "the TAP stream is not UTF-8 or lost output (see above)"
import sys
text = open(sys.argv[1], "rb").read().decode("utf-8")  # strict: raises on a bad byte
assert "nul(\\0) bad" in text, text
PY
fi
if need prove; then
    printf '#!/bin/sh\nexec "%s/tests/progs/pass" -j 2 --tap\n' "$PWD" > "$tmp/pass.t"
    printf '#!/bin/sh\nexec "%s/tests/progs/bytes" -j 2 --tap\n' "$PWD" > "$tmp/bytes.t"
    if prove -e sh "$tmp/pass.t" > "$tmp/prove1.log" 2>&1; then
        ok "prove passes the passing suite"
    else
        bad "prove fails the passing suite:"; cat "$tmp/prove1.log"
    fi
    if prove -e sh "$tmp/bytes.t" > "$tmp/prove2.log" 2>&1; then
        bad "prove passes the failing suite:"; cat "$tmp/prove2.log"
    elif grep -q "Failed tests:  *[0-9]" "$tmp/prove2.log" && ! grep -q "Parse errors" "$tmp/prove2.log"; then
        ok "prove fails the failing suite, naming the failed tests, without parse errors"
    else
        bad "prove did not read the failing suite as meant:"; cat "$tmp/prove2.log"
    fi
fi
optional_done "the checks of the report files by xmllint, Python and prove"
case $? in
0) [ $failed = 0 ] && echo "reports: all checks passed" ;;
77) [ $failed = 0 ] && echo "reports: the checks that could run passed" && exit 77 ;;
*) failed=1 ;;
esac
exit $failed

#!/bin/sh
# bazel.sh - packaging/bazel-example built and tested by a real Bazel
# (Debian's bazel-bootstrap), offline: `bazel test` runs its cc_test in
# three shards (shard_count = 3). Checks that every shard passed, wrote
# its own JUnit XML to XML_OUTPUT_FILE (read by xmllint and Python), and
# that the shards are disjoint and together hold every test the binary
# has (its --collect-only). One line per check; exit 1 on any failure.
# Without bazel, bazel-rules-java, python3 or xmllint the whole is
# skipped in one line (tests/optional.sh), exit 77; under PTEST_CI=1
# that is a failure.
#
# Bazel's files go to a private --output_user_root, a fresh temporary
# directory removed at the end (a cold build: about 40 s on 2 CPUs), or
# $PTEST_BAZEL_ROOT, kept (warm runs take about 10 s). The example's own
# directory gets nothing (--symlink_prefix=/).
set -u
cd "$(dirname "$0")/../.."
. tests/optional.sh
section="the Bazel example (packaging/bazel-example)"
optional_have bazel python3 xmllint
if [ -z "$optional_missing" ] && [ ! -f /usr/share/bazel/rules/java/WORKSPACE ]; then
    optional_skip "$section" "/usr/share/bazel/rules/java is missing" bazel-rules-java
    exit $?
fi
optional_done "$section" || exit $?

failed=0
ok() { echo "bazel: ok: $*"; }
bad() { echo "bazel: FAIL: $*"; failed=1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ptest-bazel.XXXXXX") || exit 1
root=${PTEST_BAZEL_ROOT:-$tmp/root}
cleanup() {
    [ -d "$tmp/root" ] && chmod -R u+w "$tmp/root" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP
unset PTEST_JOBS PTEST_ADDOPTS PTEST_STABLE PTEST_TIMEOUT TEST_TMPDIR \
      XML_OUTPUT_FILE TEST_TOTAL_SHARDS TEST_SHARD_INDEX 2>/dev/null
ws=packaging/bazel-example

# bazel ARGS...: Bazel in the example, batch mode (no server left behind).
bazel_in() {
    (cd "$ws" && bazel --output_user_root="$root" --batch "$@")
}

find "$ws" | sort >"$tmp/files.before"
bazel_in test --symlink_prefix=/ --color=no --curses=no --noshow_progress \
    --nocache_test_results --test_output=errors //:calc_test >"$tmp/test.log" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q '//:calc_test  *PASSED' "$tmp/test.log"; then
    ok "bazel test //:calc_test passes, in three shards, offline"
else
    bad "bazel test //:calc_test (exit $rc):"
    grep -v 'linux-sandbox' "$tmp/test.log" | tail -30 | sed 's/^/    | /'
fi
find "$ws" | sort >"$tmp/files.after"
if ! cmp -s "$tmp/files.before" "$tmp/files.after"; then
    bad "Bazel left files in $ws: $(diff "$tmp/files.before" "$tmp/files.after")"
else
    ok "nothing written into $ws"
fi

# The binary Bazel built lists every test; each shard's log dir has its
# XML report.
# (not the copies in Bazel's sandboxes)
bin=$(find "$root" -path '*/sandbox' -prune -o -path '*/bazel-out/*/bin/calc_test' -type f \
      -print 2>/dev/null | head -1)
logs=$(find "$root" -path '*/sandbox' -prune -o -path '*/execroot/*/testlogs/calc_test' \
       -type d -print 2>/dev/null | head -1)
if [ -z "$bin" ] || [ -z "$logs" ]; then
    bad "no calc_test binary or test logs under $root"
    exit 1
fi
"$bin" --collect-only -q >"$tmp/all" 2>&1 && [ -s "$tmp/all" ] &&
    ok "the binary lists $(wc -l <"$tmp/all") tests" ||
    bad "calc_test --collect-only -q: $(cat "$tmp/all")"
for k in 1 2 3; do
    xml=$logs/shard_${k}_of_3/test.xml
    if [ ! -f "$xml" ]; then
        bad "shard $k of 3: no test.xml"
    elif xmllint --noout "$xml" 2>"$tmp/xml"; then
        ok "shard $k of 3: xmllint reads its XML_OUTPUT_FILE"
    else
        bad "shard $k of 3: xmllint rejects its test.xml:"; sed 's/^/    | /' "$tmp/xml"
    fi
done
python3 - "$tmp/all" "$logs" >"$tmp/py" 2>&1 <<'PY' &&
import sys
import xml.etree.ElementTree as ET
every = open(sys.argv[1]).read().split()
shards = []
for k in (1, 2, 3):
    root = ET.parse("%s/shard_%d_of_3/test.xml" % (sys.argv[2], k)).getroot()
    assert root.tag == "testsuites" and root.get("name") == "ptest", \
        "shard %d: not ptest's report (Bazel writes its own when a test writes none)" % k
    ids = [c.get("classname") + "." + c.get("name") for c in root.iter("testcase")]
    assert ids, "shard %d is empty" % k
    assert len(ids) == len(set(ids)), ("shard %d repeats a test" % k, ids)
    shards.append(set(ids))
for a in range(3):
    for b in range(a + 1, 3):
        assert not shards[a] & shards[b], ("shards overlap", a + 1, b + 1, shards[a] & shards[b])
union = set().union(*shards)
assert union == set(every), ("missing", set(every) - union, "extra", union - set(every))
print(" + ".join(str(len(s)) for s in shards), "=", len(every))
PY
    ok "the shards are disjoint and complete: $(cat "$tmp/py") tests" ||
    { bad "the shards' reports:"; sed 's/^/    | /' "$tmp/py"; }
for k in 1 2 3; do
    grep -q "^shard $k/3: " "$logs/shard_${k}_of_3/test.log" ||
        bad "shard $k of 3: its log does not say ptest ran shard $k/3"
done
[ $failed = 0 ] && echo "bazel: all checks passed"
exit $failed

#!/bin/sh
# run.sh - ptest's install and build-system integrations, with the real
# tools: `make install` into a fresh prefix, then pkg-config, CMake
# (find_package, ptest::ptest, ptest_discover_tests under CTest) and Meson
# (dependency('ptest'), TAP), on packaging/cmake-example,
# packaging/meson-example and tests/integration/cmake-edge.
#
#     sh tests/integration/run.sh
#
# Prints one line per check ("ok - ...", "FAIL - ..." followed by what went
# wrong) and exits 0 when every check passed, 1 otherwise. The checks that
# need a tool that is not installed (pkg-config, cmake, ctest, meson, ninja,
# python3) are skipped: one line at the end names them and the Debian
# packages to install (tests/optional.sh), and the exit status is 77 if
# nothing failed. Under PTEST_CI=1 a missing tool fails the run instead;
# make and the C compiler always must be there. Everything happens in a
# temporary directory, removed at the end unless a check failed (its path
# is printed) or PTEST_INTEGRATION_KEEP=1. Run by tests/blackbox/integration.c.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
cd "$root" || exit 1
. tests/optional.sh
CC=${CC:-cc}
# A make or ptest run above this one must not leak into the runs here.
unset MAKEFLAGS MFLAGS MAKELEVEL PTEST_JOBS PTEST_TIMEOUT PTEST_WORKER \
      PTEST_WORKER_COUNT PTEST_STABLE GITHUB_ACTIONS 2>/dev/null
NO_COLOR=1
export NO_COLOR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ptest-integration.XXXXXX") || exit 1
prefix=$tmp/prefix
out=$tmp/out
failures=0
skipped_sections=
meson_pid=
cleanup() {
    [ -n "$meson_pid" ] && wait "$meson_pid" 2>/dev/null
    if [ "$failures" -eq 0 ] && [ "${PTEST_INTEGRATION_KEEP:-0}" != 1 ]; then
        rm -rf "$tmp"
    else
        echo "(work directory kept: $tmp)"
    fi
}
trap cleanup EXIT
trap 'failures=$((failures + 1)); exit 2' INT TERM HUP

ok() { echo "ok - $*"; }
# fail WHAT [FILE]: a failed check, with the end of FILE (a command's output).
fail() {
    echo "FAIL - $1"
    if [ $# -gt 1 ] && [ -s "$2" ]; then
        tail -n 60 "$2" | sed 's/^/    | /'
    fi
    failures=$((failures + 1))
}
# check WHAT CMD...: runs CMD (output to $out); ok when it exits 0.
check() {
    what=$1
    shift
    "$@" >"$out" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        ok "$what"
        return 0
    fi
    fail "$what (exit $rc: $*)" "$out"
    return 1
}
# need TOOL...: 0 when every tool is on PATH; otherwise 1, and what
# follows (the current $section) is skipped: said at the end, in one line
# with every missing tool, or a failure under PTEST_CI=1.
need() {
    optional_have "$@" && return 0
    case ", $skipped_sections, " in
    *", $section, "*) ;;
    *) skipped_sections="${skipped_sections:+$skipped_sections, }$section" ;;
    esac
    return 1
}
# same_lines WHAT EXPECTED GOT: the two files hold the same lines, in any order.
same_lines() {
    sort "$2" >"$2.sorted"
    sort "$3" >"$3.sorted"
    if cmp -s "$2.sorted" "$3.sorted"; then
        ok "$1"
    else
        diff "$2.sorted" "$3.sorted" >"$out" 2>&1
        fail "$1 (< expected, > got)" "$out"
    fi
}
# ctest_results OUTPUT: "name status" per test CTest ran, from its output.
ctest_results() {
    sed -E -n 's/^ *[0-9]+\/[0-9]+ +Test +#[0-9]+: ([^ ]+) \.+[ *]*(Passed|Failed|Skipped|Timeout|Not Run|Exception|[A-Za-z ]*aborted).*/\1 \2/p' "$1"
}
version=$(sed -n 's/^.define PTEST_VERSION_STRING "\([^"]*\)".*/\1/p' ptest.h)

echo "ptest integration checks, version $version, in $tmp"
touch "$tmp/started"

# ---------------------------------------------------------------------------
section="make install"
if ! command -v make >/dev/null 2>&1 || ! command -v "$CC" >/dev/null 2>&1; then
    fail "make install: make and $CC must be installed"
    echo "Bail out: nothing else can be checked without an installation."
    exit 1
else
    if ! check "make install PREFIX=$prefix" make -s install PREFIX="$prefix"; then
        echo "Bail out: nothing to check without an installation."
        exit 1
    fi
    for f in include/ptest.h lib/pkgconfig/ptest.pc lib/cmake/ptest/ptestConfig.cmake \
             lib/cmake/ptest/ptestConfigVersion.cmake lib/cmake/ptest/ptestAddTests.cmake; do
        if [ -f "$prefix/$f" ]; then ok "installed $f"; else fail "installed $f: missing"; fi
    done
    check "installed ptest.h is the repository's" cmp ptest.h "$prefix/include/ptest.h"
    check "ptestConfigVersion.cmake says $version" \
        grep -q "set(PACKAGE_VERSION \"$version\")" "$prefix/lib/cmake/ptest/ptestConfigVersion.cmake"
    check "make install DESTDIR=stage PREFIX=/opt/ptest: files under stage, paths without it" \
        sh -c 'make -s install DESTDIR="$1" PREFIX=/opt/ptest &&
               test -f "$1/opt/ptest/include/ptest.h" &&
               grep -qx "prefix=/opt/ptest" "$1/opt/ptest/lib/pkgconfig/ptest.pc"' \
        sh "$tmp/stage"
    if make -s install PREFIX=relative/dir >"$out" 2>&1; then
        fail "make install PREFIX=relative/dir is refused" "$out"
    elif grep -q "absolute" "$out"; then
        ok "make install PREFIX=relative/dir is refused"
    else
        fail "make install PREFIX=relative/dir is refused, saying why" "$out"
    fi
fi

# The Meson example is set up and compiled in the background while the
# CMake checks run; its section below waits for it.
meson_src=$root/packaging/meson-example
meson_build=$tmp/meson-example
if command -v meson >/dev/null 2>&1 && command -v ninja >/dev/null 2>&1 &&
   command -v pkg-config >/dev/null 2>&1; then
    (
        PKG_CONFIG_PATH=$prefix/lib/pkgconfig meson setup "$meson_build" "$meson_src" \
            >"$tmp/meson-setup.log" 2>&1
        rc=$?
        echo $rc >"$tmp/meson-setup.rc"
        [ $rc -eq 0 ] || exit
        meson compile -C "$meson_build" >"$tmp/meson-compile.log" 2>&1
        echo $? >"$tmp/meson-compile.rc"
    ) &
    meson_pid=$!
fi

# ---------------------------------------------------------------------------
section="pkg-config"
if need pkg-config; then
    PKG_CONFIG_PATH=$prefix/lib/pkgconfig
    export PKG_CONFIG_PATH
    check "pkg-config --validate ptest" pkg-config --validate ptest
    flags=$(pkg-config --cflags --libs ptest 2>&1 | sed 's/ *$//')
    if [ "$flags" = "-I$prefix/include -pthread" ]; then
        ok "pkg-config --cflags --libs ptest: $flags"
    else
        echo "$flags" >"$out"
        fail "pkg-config --cflags --libs ptest: expected '-I$prefix/include -pthread'" "$out"
    fi
    got=$(pkg-config --modversion ptest 2>&1)
    if [ "$got" = "$version" ]; then
        ok "pkg-config --modversion ptest: $got"
    else
        fail "pkg-config --modversion ptest: '$got', expected '$version'"
    fi
    mkdir -p "$tmp/onefile"
    cat >"$tmp/onefile/prog.c" <<'EOF'
#define PTEST_MAIN
#include <ptest.h>

TEST(onefile, adds) { ASSERT_EQ(1 + 1, 2); }
TEST(onefile, slow_one, MARK(slow)) { ASSERT_STR_EQ("a", "a"); }
EOF
    # Only the pkg-config flags: no -I. and no ptest.h beside prog.c.
    if check "a one-file program builds with only the pkg-config flags" \
        sh -c 'cd "$1" && $2 -std=c99 -Wall -Wextra $(pkg-config --cflags ptest) \
                   -o prog prog.c $(pkg-config --libs ptest)' sh "$tmp/onefile" "$CC"; then
        "$tmp/onefile/prog" -j 2 >"$out" 2>&1
        rc=$?
        last=$(tail -n 1 "$out")
        if [ $rc -eq 0 ] && [ "$last" = "ptest: 2 passed, 0 failed, 0 skipped" ]; then
            ok "the one-file program runs its 2 tests: $last"
        else
            fail "the one-file program runs its 2 tests (exit $rc)" "$out"
        fi
    fi
fi

# ---------------------------------------------------------------------------
# The CMake example: find_package(ptest) + ptest_discover_tests. Its tests and
# what CTest must know of each (labels, timeout, resource locks) are fixed
# here, independently of the discovery code.
section="CMake example"
optional_have python3 # for the checks of ctest's JSON below: named in the skip line too
if need cmake ctest; then
    src=$root/packaging/cmake-example
    build=$tmp/cmake-example
    if check "cmake configure packaging/cmake-example (-DCMAKE_PREFIX_PATH=$prefix)" \
            cmake -S "$src" -B "$build" -DCMAKE_PREFIX_PATH="$prefix" &&
       check "cmake --build: the example and its test discovery" \
            cmake --build "$build" --parallel 4; then
        cat >"$tmp/expected.json" <<'EOF'
{"calc.adds": {}, "calc.parses[0]": {}, "calc.parses[1]": {}, "calc.parses[2]": {},
 "calc.overflow": {},
 "calc.many_sums": {"LABELS": ["slow"]},
 "store.append": {"LABELS": ["db"], "RESOURCE_LOCK": ["store"]},
 "store.roundtrip": {"LABELS": ["db", "slow"], "TIMEOUT": 30, "RESOURCE_LOCK": ["store"]}}
EOF
        printf '%s\n' calc.adds 'calc.parses[0]' 'calc.parses[1]' 'calc.parses[2]' \
            calc.overflow calc.many_sums store.append store.roundtrip >"$tmp/ids.expected"
        printf '%s\n' calc.many_sums store.roundtrip >"$tmp/slow.expected"
        grep -vxF -f "$tmp/slow.expected" "$tmp/ids.expected" >"$tmp/notslow.expected"

        (cd "$build" && ./tests --collect-only -q) >"$tmp/ids.binary" 2>&1
        same_lines "the example binary has the expected tests (--collect-only -q)" \
            "$tmp/ids.expected" "$tmp/ids.binary"

        (cd "$build" && ctest -N) >"$tmp/ctest-N" 2>&1
        sed -n 's/^ *Test *#[0-9]*: //p' "$tmp/ctest-N" >"$tmp/ids.ctest"
        same_lines "ctest -N lists every test id, and nothing else" \
            "$tmp/ids.expected" "$tmp/ids.ctest"

        (cd "$build" && ctest -L slow) >"$tmp/ctest-slow" 2>&1
        rc=$?
        ctest_results "$tmp/ctest-slow" | sed 's/ [^ ]*$//' >"$tmp/slow.ran"
        same_lines "ctest -L slow runs the slow tests, only" "$tmp/slow.expected" "$tmp/slow.ran"
        if [ $rc -eq 0 ]; then ok "ctest -L slow passes"; else fail "ctest -L slow passes (exit $rc)" "$tmp/ctest-slow"; fi

        (cd "$build" && ctest -LE slow -j 4) >"$tmp/ctest-notslow" 2>&1
        rc=$?
        ctest_results "$tmp/ctest-notslow" | sed 's/ [^ ]*$//' >"$tmp/notslow.ran"
        same_lines "ctest -LE slow -j 4 runs the other tests" "$tmp/notslow.expected" "$tmp/notslow.ran"
        if [ $rc -eq 0 ]; then ok "ctest -LE slow -j 4 passes"; else fail "ctest -LE slow -j 4 passes (exit $rc)" "$tmp/ctest-notslow"; fi
        if ctest_results "$tmp/ctest-notslow" | grep -qx "calc.overflow Skipped"; then
            ok "ctest reports the SKIP() test calc.overflow as skipped"
        else
            fail "ctest reports the SKIP() test calc.overflow as skipped" "$tmp/ctest-notslow"
        fi

        (cd "$build" && ctest --show-only=json-v1) >"$tmp/show.json" 2>"$out"
        section="CMake example's JSON check"
        need python3 &&
        check "ctest --show-only=json-v1: command, LABELS, TIMEOUT, RESOURCE_LOCK, SKIP_REGULAR_EXPRESSION of each test" \
            python3 - "$tmp/show.json" "$tmp/expected.json" "$build" <<'EOF'
import json, sys
show = json.load(open(sys.argv[1]))
expected = json.load(open(sys.argv[2]))
build = sys.argv[3]
bad = []
tests = {t["name"]: t for t in show["tests"]}
for name, want in expected.items():
    t = tests.get(name)
    if t is None:
        bad.append("%s: not a CTest test" % name)
        continue
    props = {p["name"]: p["value"] for p in t.get("properties", [])}
    cmd = t.get("command", [])
    if cmd[1:] != ["-j", "1", "--color=no", name] or not cmd[0].endswith("/tests"):
        bad.append("%s: command %r" % (name, cmd))
    for key in ("LABELS", "RESOURCE_LOCK"):
        got = sorted(props.get(key, []))
        if got != sorted(want.get(key, [])):
            bad.append("%s: %s %r, expected %r" % (name, key, got, want.get(key, [])))
    if props.get("TIMEOUT") != want.get("TIMEOUT"):
        bad.append("%s: TIMEOUT %r, expected %r" % (name, props.get("TIMEOUT"), want.get("TIMEOUT")))
    skip = props.get("SKIP_REGULAR_EXPRESSION", [])
    if not any("ptest: 0 passed, 0 failed, 1 skipped" in s for s in skip):
        bad.append("%s: SKIP_REGULAR_EXPRESSION %r" % (name, skip))
    if props.get("WORKING_DIRECTORY") != build:
        bad.append("%s: WORKING_DIRECTORY %r" % (name, props.get("WORKING_DIRECTORY")))
for line in bad:
    print(line)
sys.exit(1 if bad else 0)
EOF
    fi
fi

# ---------------------------------------------------------------------------
# The corners of ptest_discover_tests (tests/integration/cmake-edge): version
# requests, EXTRA_ARGS, TEST_PREFIX/SUFFIX, PROPERTIES, WORKING_DIRECTORY, a
# target discovered twice, outcomes CTest must tell apart, and a binary
# that cannot list its tests.
section="CMake discovery corners"
if need cmake ctest; then
    src=$root/tests/integration/cmake-edge
    build=$tmp/cmake-edge
    if check "cmake configure tests/integration/cmake-edge (find_package version requests)" \
            cmake -S "$src" -B "$build" -DCMAKE_PREFIX_PATH="$prefix" &&
       check "cmake --build: a target discovered twice" cmake --build "$build"; then
        cat >"$tmp/edge.expected" <<'EOF'
e:edge.passes/1 Passed
e:edge.fails_saying_skipped/1 Failed
e:edge.crashes/1 Failed
e:edge.skips_at_run_time/1 Skipped
e:edge.xfails/1 Skipped
e:edge.times_out/1 Timeout
e:edge.sees_properties/1 Passed
e:edge.pair_a/1 Passed
e:edge.pair_b/1 Passed
e:edge.pair_c/1 Passed
e:edge.param[0]/1 Passed
e:edge.param[1]/1 Passed
again:edge.passes Passed
bad_NOT_BUILT Not Run
EOF
        (cd "$build" && ctest -j 4 --output-on-failure) >"$tmp/ctest-edge" 2>&1
        rc=$?
        ctest_results "$tmp/ctest-edge" >"$tmp/edge.got"
        same_lines "ctest -j 4: each test's CTest result (failures, crash, timeout, skips, the excluded test absent)" \
            "$tmp/edge.expected" "$tmp/edge.got"
        if [ $rc -ne 0 ]; then ok "ctest fails when tests fail (exit $rc)"; else fail "ctest fails when tests fail" "$tmp/ctest-edge"; fi

        (cd "$build" && ctest --show-only=json-v1) >"$tmp/edge-show.json" 2>"$out"
        section="CMake discovery corners' JSON check"
        need python3 &&
        check "EXTRA_ARGS, WORKING_DIRECTORY, PROPERTIES (merged LABELS, RESOURCE_LOCK, default TIMEOUT, list ENVIRONMENT), capacities as locks, SLOTS as PROCESSORS" \
            python3 - "$tmp/edge-show.json" "$src" "$build" <<'EOF'
import json, sys
show = json.load(open(sys.argv[1]))
src, build = sys.argv[2], sys.argv[3]
bad = []
for t in show["tests"]:
    name = t["name"]
    if name == "bad_NOT_BUILT":
        continue
    props = {p["name"]: p["value"] for p in t.get("properties", [])}
    cmd = t.get("command", [])
    if name.startswith("e:"):
        id_ = name[2:-2]
        want_cmd = ["-j", "1", "--color=no", "-m", "not excluded", "--tb=short", id_]
        labels = {"edge", "extra"} | ({"db"} if id_ == "edge.passes" else set())
        locks = {"shared"} | ({"edge_lock"} if id_ == "edge.sees_properties" else set())
        locks |= {"edge.pair_a": {"pair#1"}, "edge.pair_b": {"pair#2"},
                  "edge.pair_c": {"pair#1"}}.get(id_, set())
        processors = 2 if id_ == "edge.pair_b" else None
        timeout = 1 if id_ == "edge.times_out" else 100
        env = ["EDGE_A=1", "EDGE_B=2"]
        workdir = build + "/workdir"
    else:
        id_ = name[len("again:"):]
        want_cmd = ["-j", "1", "--color=no", "-k", "passes", id_]
        labels, locks, timeout, env, workdir = {"db"}, set(), None, None, build
        processors = None
    checks = [("command", cmd[1:], want_cmd),
              ("LABELS", set(props.get("LABELS", [])), labels),
              ("RESOURCE_LOCK", set(props.get("RESOURCE_LOCK", [])), locks),
              ("TIMEOUT", props.get("TIMEOUT"), timeout),
              ("ENVIRONMENT", props.get("ENVIRONMENT"), env),
              ("WORKING_DIRECTORY", props.get("WORKING_DIRECTORY"), workdir),
              ("PROCESSORS", props.get("PROCESSORS"), processors)]
    for what, got, want in checks:
        if got != want:
            bad.append("%s: %s %r, expected %r" % (name, what, got, want))
for line in bad:
    print(line)
sys.exit(1 if bad else 0)
EOF
        if cmake --build "$build" --target bad >"$out" 2>&1; then
            fail "building a binary that cannot list its tests fails" "$out"
        elif grep -q "could not list the tests" "$out" && grep -q "undeclared_marker" "$out"; then
            ok "building a binary that cannot list its tests fails, with the runner's message"
        else
            fail "building a binary that cannot list its tests fails, with the runner's message" "$out"
        fi
    fi
fi

# ---------------------------------------------------------------------------
section="Meson example"
if need meson ninja pkg-config; then
    build=$meson_build
    [ -n "$meson_pid" ] && wait "$meson_pid"
    # stepped WHAT LOG: a background step's result, as check would give it.
    stepped() {
        rc=$(cat "$tmp/$2.rc" 2>/dev/null || echo "not run")
        if [ "$rc" = 0 ]; then ok "$1"; return 0; fi
        fail "$1 (exit $rc)" "$tmp/$2.log"
        return 1
    }
    if stepped "meson setup packaging/meson-example (dependency('ptest') by pkg-config)" meson-setup &&
       stepped "meson compile" meson-compile; then
        if grep -q "Run-time dependency ptest found: YES $version" "$build/meson-logs/meson-log.txt"; then
            ok "meson found ptest $version"
        else
            fail "meson found ptest $version" "$build/meson-logs/meson-log.txt"
        fi
        if check "meson test passes" meson test -C "$build" --print-errorlogs; then
            cp "$out" "$tmp/meson-test"
            for suite in fast slow; do
                if grep -q "/ $suite *OK .*subtests passed" "$tmp/meson-test"; then
                    ok "meson test: suite $suite passed, read as TAP (subtests)"
                else
                    fail "meson test: suite $suite passed, read as TAP (subtests)" "$tmp/meson-test"
                fi
            done
        fi
    fi
fi

# ---------------------------------------------------------------------------
# Builds and test runs happen in $tmp: the projects' sources stay as they were.
find "$root/packaging" "$root/tests/integration" -newer "$tmp/started" \
    ! -type d -print >"$out" 2>&1
if [ -s "$out" ]; then
    fail "nothing written into packaging/ or tests/integration/ (files new or changed during the run)" "$out"
else
    ok "nothing written into packaging/ or tests/integration/"
fi

if [ -n "$skipped_sections" ]; then
    optional_done "the integration checks of $skipped_sections"
    [ $? = 77 ] || failures=$((failures + 1))
fi
if [ "$failures" -eq 0 ]; then
    if [ -n "$skipped_sections" ]; then
        echo "integration: the checks that could run passed"
        exit 77
    fi
    echo "integration: all checks passed"
    exit 0
fi
echo "integration: $failures check(s) failed"
exit 1

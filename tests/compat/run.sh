#!/bin/sh
# compat/utest.h: suites written in utest.h's style (tests/compat/*.c and
# cxx.cpp: every check, fixtures, indexed tests, failures on purpose) built
# against it under -Werror, then run in every pool with the outcome counts
# checked, the reports read for what utest.h users rely on (teardown after
# a failed ASSERT, nothing after it, the values shown), and utest.h's flags
# checked as ptest maps them. Without a C++ compiler the C++ file is left
# out (and said so); CC, CXX override the compilers.
set -u
cd "$(dirname "$0")/../.."
out=build/compat
mkdir -p "$out"
CC=${CC:-cc}
CXX=${CXX:-c++}
warn="-Wall -Wextra -Wpedantic -Werror"
failed=0

fail() { echo "compat: FAILED: $*"; failed=$((failed + 1)); }

build() { # output compiler-and-flags source
    if ! $2 $warn -Icompat -c -o "$1" "$3" 2>"$1.log"; then
        fail "$3 does not build with $2"; sed 's/^/    /' "$1.log" | head -20
        return 1
    fi
}

objs=""
for f in main checks fixtures failing; do
    build "$out/$f.o" "$CC -std=c99 -O1" "tests/compat/$f.c" && objs="$objs $out/$f.o"
done
linker=$CC
# pass, fail, skip counts of the whole suite
counts="22 passed, 17 failed, 4 skipped"
if command -v "$CXX" >/dev/null 2>&1; then
    build "$out/cxx.o" "$CXX -std=c++11 -O1" tests/compat/cxx.cpp && objs="$objs $out/cxx.o"
    linker=$CXX
else
    . tests/optional.sh
    optional_skip "the C++ part of the utest.h compatibility checks" \
        "no C++ compiler '$CXX'" g++ || [ $? = 77 ] || failed=$((failed + 1))
    counts="19 passed, 13 failed, 3 skipped"
fi
[ "$failed" -eq 0 ] || exit 1
# Every external function of ptest.h's implementation must be weak in the
# compatibility header, or two files' copies clash at link time: name any
# that ptest.h gained since.
if command -v nm >/dev/null 2>&1; then
    printf '#define PTEST_MAIN\n#include "ptest.h"\n' >"$out/ext.c"
    if $CC -std=c11 -I. -c -o "$out/ext.o" "$out/ext.c"; then
        for sym in $(nm -g --defined-only "$out/ext.o" | awk '$3 != "main" {print $3}'); do
            grep -q "^#pragma weak $sym\$" compat/utest.h ||
                fail "compat/utest.h lacks '#pragma weak $sym' (a new external function of ptest.h)"
        done
    fi
fi
$linker -o "$out/suite" $objs -pthread || { echo "compat: FAILED to link"; exit 1; }
build "$out/own_main.o" "$CC -std=c11 -O1" tests/compat/own_main.c &&
    $CC -o "$out/own_main" "$out/own_main.o" -pthread || exit 1

# The other standards and compilers, compile only (those not installed are
# said in one line, and fail under PTEST_CI): C11 and C2x, C++17 and C++20,
# and the C files as C++, as utest.h suites often build them.
. tests/optional.sh
std_skipped=0
std_check() { # compiler flags files...
    cc=$1 flags=$2; shift 2
    if ! optional_have "$cc"; then
        std_skipped=$((std_skipped + 1)); return
    fi
    for src in "$@"; do
        $cc $flags $warn -Icompat -fsyntax-only "$src" 2>"$out/std.log" ||
            { fail "$src does not build with $cc $flags"; sed 's/^/    /' "$out/std.log" | head -20; }
    done
}
cfiles="tests/compat/main.c tests/compat/checks.c tests/compat/fixtures.c tests/compat/failing.c"
std_check gcc -std=c11 $cfiles
std_check clang -std=c2x $cfiles
std_check g++ "-std=c++20" tests/compat/cxx.cpp
std_check clang++ "-std=c++17" tests/compat/cxx.cpp
std_check g++ "-std=c++14 -x c++" $cfiles
if [ "$std_skipped" -gt 0 ]; then
    pkgs=$(for t in $optional_missing; do optional_package "$t"; done | sort -u | tr '\n' ' ')
    optional_skip "$std_skipped utest.h compatibility builds" \
        "$(echo "$optional_missing" | sed 's/ /, /g') not installed" "${pkgs% }" ||
        [ $? = 77 ] || failed=$((failed + 1))
fi

suite="$out/suite --no-cache"

# Every pool: the same outcomes, exit status 1 (failures on purpose).
for mode in "-j 2" "--pool=thread -j 8" "--forked -j 2" "-j 0"; do
    $suite $mode >"$out/run.log" 2>&1
    rc=$?
    last=$(tail -n 1 "$out/run.log")
    if [ "$rc" -ne 1 ] || [ "$last" != "ptest: $counts" ]; then
        fail "$mode: exit $rc, '$last', not 'ptest: $counts'"
    else
        echo "compat: $mode: $counts"
    fi
done

# What the reports say (the fork pool's run).
$suite -j 2 >"$out/run.log" 2>&1
expect() { # what, pattern
    grep -qF -- "$2" "$out/run.log" || fail "report: no $1 ('$2')"
}
refuse() {
    ! grep -qF -- "$2" "$out/run.log" || fail "report: $1 ('$2')"
}
expect "teardown after a failed ASSERT" "teardown ran after the body's ASSERT"
refuse "a check after a failed ASSERT ran" "not reached after a failed ASSERT"
refuse "a body ran after its set-up failed" "body after a failed set-up"
expect "EXPECT going on" 'EXPECT_STR_EQ("left", "right") failed'
expect "both values" "right: 5"
expect "C's conversion shown" "left:  4294967295"
expect "an _MSG message" "ASSERT_NE(3, 3) failed: three is three"
expect "a prefix compared" '"abcd"'
expect "a NULL string failing" "a string is NULL"
expect "a failure set by hand" "utest_result was set to UTEST_TEST_FAILURE"
expect "an indexed id" "FAILED indexed.third_fails[2]"
if [ "$linker" = "$CXX" ]; then
    expect "an escaped exception" "exception escaped the test: bad range"
    expect "a wrong exception message" 'its message was "bad range"'
fi

# utest.h's flags, as ptest maps them.
$suite --list-tests >"$out/list.txt" 2>&1
$suite --collect-only -q >"$out/co.txt" 2>&1
cmp -s "$out/list.txt" "$out/co.txt" || fail "--list-tests is not --collect-only -q"
grep -qx "bool.true" "$out/list.txt" || fail "--list-tests: no bool.true (a name that is a macro)"
grep -qx "grid.rows\[3\]" "$out/list.txt" || fail "--list-tests: no grid.rows[3]"
flag() { # flags, expected exit status, expected last line
    got=$($suite $1 2>&1 | tail -n 1)
    $suite $1 >/dev/null 2>&1
    rc=$?
    case "$got" in
    $3) [ "$rc" -eq "$2" ] || fail "$1: exit $rc, not $2" ;;
    *) fail "$1: '$got', not '$3'" ;;
    esac
}
flag "--filter=indexed.third_fails/1" 0 "ptest: 1 passed, 0 failed, 0 skipped"
flag "--filter=grid.*" 0 "ptest: 4 passed, 0 failed, 0 skipped"
flag "--filter=*ounter*" 0 "ptest: 2 passed, 0 failed, 0 skipped"
flag "--filter=basics.passes --random-order=7 --enable-mixed-units" 0 "ptest: 1 passed*"
flag "--filter=a*b*c" 4 "ptest: error: --filter=a\*b\*c: *"
flag "--no-such-flag" 4 "ptest: error: unknown flag*"
rm -f "$out/junit.xml" "$out/events.json"
$suite -q --output="$out/junit.xml" --json="$out/events.json" >/dev/null 2>&1
grep -q '<testsuites' "$out/junit.xml" 2>/dev/null || fail "--output=FILE: no JUnit XML"
grep -q 'grid.rows' "$out/events.json" 2>/dev/null || fail "--json: no events"
$suite --tap -k grid 2>/dev/null | head -n 1 | grep -q "^TAP version 14" || fail "--tap"
flag "-k grid -m unit" 5 "*"

# A suite with its own main() and UTEST_STATE().
got=$("$out/own_main" --no-cache --pool=thread -j 4 2>&1 | tail -n 1)
[ "$got" = "ptest: 4 passed, 0 failed, 0 skipped" ] || fail "own_main: '$got'"

if [ "$failed" -eq 0 ]; then
    echo "compat: utest.h suites: every pool, report and flag as expected"
fi
[ "$failed" -eq 0 ]

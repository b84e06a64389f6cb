#!/bin/sh
# tests/windows/run.sh - builds the example suite, a few test programs and
# ptest's own unit tests with MinGW-w64 and runs them under Wine, checking
# exit codes and the summary line of each run. Needs x86_64-w64-mingw32-gcc(-posix) and wine;
# when either is missing, one line says the checks are skipped and names
# the Debian packages (tests/optional.sh), exit 77; under PTEST_CI=1 that
# is a failure. Run from the repository root:
#     sh tests/windows/run.sh        (or: make windows)
set -u
. "$(dirname "$0")/../optional.sh"
CC=${WIN_CC:-x86_64-w64-mingw32-gcc-posix}
command -v "$CC" >/dev/null 2>&1 || CC=${WIN_CC:-x86_64-w64-mingw32-gcc}
WINE=${WINE:-wine}
if ! optional_have "$CC" "$WINE"; then
    optional_done "the Windows checks under Wine"
    exit $?
fi
export WINEDEBUG=-all
export WINEPREFIX=${WINEPREFIX:-/tmp/ptest-wineprefix}
OUT=build/windows
mkdir -p "$OUT"
# -Wno-format: the example library's printf-style attribute is checked
# against msvcrt's printf; __USE_MINGW_ANSI_STDIO gives it C99's.
CFLAGS="-std=c99 -O2 -Wall -Wextra -Wpedantic -Werror -D__USE_MINGW_ANSI_STDIO=1 -I."
LDFLAGS="-static -pthread"
fails=0

build() { # name sources...
    name=$1; shift
    if ! $CC $CFLAGS -o "$OUT/$name.exe" "$@" $LDFLAGS; then
        echo "FAIL build $name"; fails=$((fails + 1)); return 1
    fi
}

# check NAME WANT_RC WANT_LAST_LINE ARGS...: runs and compares.
check() {
    name=$1 want_rc=$2 want=$3; shift 3
    (cd "$OUT" && timeout 120 $WINE "./$name.exe" "$@" >"$name.log" 2>&1)
    rc=$?
    last=$(tr -d '\r' <"$OUT/$name.log" | grep -v '^$' | tail -n 1)
    if [ "$rc" = "$want_rc" ] && [ "$last" = "$want" ]; then
        echo "ok   $name $* -> $rc: $last"
    else
        echo "FAIL $name $* -> $rc (want $want_rc): $last (want: $want)"
        tr -d '\r' <"$OUT/$name.log" | tail -n 20 | sed 's/^/    /'
        fails=$((fails + 1))
    fi
}

# expect_line NAME TEXT: the last run of NAME printed a line with TEXT.
expect_line() {
    if tr -d '\r' <"$OUT/$1.log" | grep -F -q -- "$2"; then
        echo "ok   $1 says: $2"
    else
        echo "FAIL $1 does not say: $2"; fails=$((fails + 1))
    fi
}

build examples -Wno-format -Iexamples examples/strbuf.c examples/ini.c examples/tests/*.c &&
for mode in "-j 0" "--pool=thread -j 4" "-j 4"; do
    # shellcheck disable=SC2086
    check examples 0 "ptest: 69 passed, 0 failed, 2 skipped" $mode -m "not slow" --no-cache
done
build pass tests/progs/pass.c && check pass 0 "ptest: 4 passed, 0 failed, 0 skipped" -j 2 --no-cache
build crash tests/progs/crash.c && {
    check crash 1 "ptest: 1 passed, 2 failed, 0 skipped" -j 2 --no-cache
    expect_line crash "CRASHED crash.segfault - crashed with EXCEPTION_ACCESS_VIOLATION"
    expect_line crash "about to write through NULL"
    check crash 3 "ptest: internal error: a crash in the runner's own process (-j 0, --pool=thread) takes it down; the results above are all there is (the process pool contains crashes)" -j 0 --no-cache
    expect_line crash "CRASHED crash.segfault - crashed with EXCEPTION_ACCESS_VIOLATION (0xc0000005)"
}
build lifecycle tests/windows/lifecycle.c && {
    check lifecycle 1 "ptest: 3 passed, 4 failed, 0 skipped" -j 2 --no-cache
    expect_line lifecycle "TIMEOUT life.hangs"
    expect_line lifecycle "EXITED life.calls_exit - called exit(7)"
    expect_line lifecycle "said on stderr"
    check lifecycle 1 "ptest: 3 passed, 2 failed, 0 skipped" --pool=thread -j 2 --no-cache -k "not crashes and not exit"
    expect_line lifecycle "TIMEOUT life.hangs"
}
# Work stealing in the process pool: 8 slow tests among 256 trivial ones,
# first (stolen from the worker given them all) or last (ordered first once
# their durations are cached); cold and warm, each worker runs 3 or more.
# The slow tests take 1 s each: Wine can take a second to start a worker
# on a busy machine, and the check is of where tests ran, not of speed.
expect_spread() { # NAME: gw0 and gw1 each ran at least 3 of the slow tests
    for w in gw0 gw1; do
        n=$(tr -d '\r' <"$OUT/$1.log" | grep -c "^PASSED slow\..*, $w)")
        if [ "$n" -ge 3 ]; then
            echo "ok   $1: $w ran $n slow tests"
        else
            echo "FAIL $1: $w ran $n of the slow tests (want 3 or more)"; fails=$((fails + 1))
        fi
    done
}
export MIXED_SLOW_MS=1000
for prog in mixed_first mixed_last; do
    build "$prog" "tests/progs/$prog.c" && rm -rf "$OUT/cache-$prog" && for pass in cold warm; do
        check "$prog" 0 "ptest: 264 passed, 0 failed, 0 skipped" -j 2 -v --cache-dir="cache-$prog"
        expect_spread "$prog"
    done
done
unset MIXED_SLOW_MS
# ptest's unit tests (tests/unit/; not the black-box ones, which run
# shells). 39 skip: the tests of what only POSIX (or Linux) has say so, and
# ptest skips the death tests. The thread pool gets one worker: the tests
# share static state and the environment, so they are not for threads
# running side by side (on Linux neither). -O1: one big translation unit.
# The count comes from the build itself (every collected test but the 39),
# so a new unit test does not need this file changed.
build unit -O1 tests/unit/main.c &&
unit_total=$(cd "$OUT" && timeout 120 $WINE ./unit.exe --collect-only -q | tr -d '\r' | grep -c .) &&
for mode in "-j 2" "-j 0" "--pool=thread -j 1"; do
    # shellcheck disable=SC2086
    check unit 0 "ptest: $((unit_total - 39)) passed, 0 failed, 39 skipped" $mode --no-cache
done
if [ "$fails" -ne 0 ]; then
    echo "windows: $fails check(s) failed"
    exit 1
fi
echo "windows: all checks passed"

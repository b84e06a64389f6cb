#!/bin/sh
# tests/windows/blackbox.sh - the black-box self-tests and the golden
# transcripts against the Windows build, under Wine (make windows-blackbox).
# The self-test binary (tests/selftest) runs natively; the programs under
# test (tests/progs/) are built with MinGW-w64 into build/windows/bb/ and
# started through the harness's emulator prefix (tests/blackbox/harness.h):
#     PTEST_EMULATOR=$WINE PTEST_EXE_SUFFIX=.exe PTEST_PROGRAM_DIR=build/windows/bb
# with PTEST_GOLDEN_VARIANT=windows, so that a command whose Windows
# output differs matches its transcript in tests/golden/windows/NAME.t,
# written down with why (golden.c).
# A program that does not build for Windows is said with the reason (it
# needs what MinGW-w64 lacks); the tests that run it skip, saying why
# (bb_unbuilt in tests/blackbox/harness.c, golden_unsupported in golden.c).
# Extra arguments go to tests/selftest (e.g. -k golden). Exit 77 (skipped)
# without MinGW-w64 or Wine, except under PTEST_CI=1.
set -u
. "$(dirname "$0")/../optional.sh"
. "$(dirname "$0")/wine.sh"
optional_target="make windows-blackbox"
WINE=${WINE:-$(wine_for 64)}
CC=${WIN_CC:-x86_64-w64-mingw32-gcc-posix}
command -v "$CC" >/dev/null 2>&1 || CC=${WIN_CC:-x86_64-w64-mingw32-gcc}
CXX=${WIN_CXX:-x86_64-w64-mingw32-g++-posix}
command -v "$CXX" >/dev/null 2>&1 || CXX=${WIN_CXX:-x86_64-w64-mingw32-g++}
if ! optional_have "$CC" "$CXX" "$WINE"; then
    optional_done "the black-box tests of the Windows build"
    exit $?
fi
export WINEDEBUG=-all
# a prefix of its own: the wineserver it stops at the end is no other run's
export WINEPREFIX=${WINEPREFIX_BLACKBOX:-/tmp/ptest-wineprefix-blackbox}
OUT=build/windows/bb
CFLAGS="-std=c99 -O2 -g -Wall -Wextra -Wpedantic -Werror -D__USE_MINGW_ANSI_STDIO=1 -I."
LDFLAGS="-static -pthread"
mkdir -p "$OUT/tests/progs"
unbuilt=
for src in tests/progs/*.c; do
    name=$(basename "$src" .c)
    exe=$OUT/tests/progs/$name.exe
    [ "$exe" -nt "$src" ] && [ "$exe" -nt ptest.h ] && continue
    if [ -s "$OUT/$name.err" ] && [ "$OUT/$name.err" -nt "$src" ] &&
        [ "$OUT/$name.err" -nt ptest.h ]; then
        unbuilt="$unbuilt $name" # failed already, and nothing changed
        continue
    fi
    # shellcheck disable=SC2086
    if ! $CC $CFLAGS -o "$exe" "$src" $LDFLAGS 2>"$OUT/$name.err"; then
        unbuilt="$unbuilt $name"
    fi
done
for dir in tests/progs/dup tests/progs/multi tests/progs/badcapacity; do
    name=$(basename "$dir")
    mkdir -p "$OUT/$dir"
    [ "$OUT/$dir/$name.exe" -nt ptest.h ] && continue
    # shellcheck disable=SC2086
    $CC $CFLAGS -o "$OUT/$dir/$name.exe" "$dir"/*.c $LDFLAGS 2>"$OUT/$name.err" ||
        unbuilt="$unbuilt $name"
done
mkdir -p "$OUT/tests/progs/cxx"
# shellcheck disable=SC2086
{ $CC $CFLAGS -c -o "$OUT/tests/progs/cxx/main.o" tests/progs/cxx/main.c &&
    $CXX -std=c++11 -O2 -Wall -Wextra -Wpedantic -Werror -I. -o "$OUT/tests/progs/cxx/cxx.exe" \
        "$OUT/tests/progs/cxx/main.o" tests/progs/cxx/*.cc $LDFLAGS; } 2>"$OUT/cxx.err" ||
    unbuilt="$unbuilt cxx"
for name in $unbuilt; do
    echo "windows-blackbox: tests/progs/$name does not build for Windows: $(grep -m1 'error' "$OUT/$name.err")"
done
make -s tests/selftest || exit 1
# Wine's own processes (wineserver, services.exe, ...) start with the
# first program and would be left behind in that command's session: start
# them here, to stay for the run, and stop them after it.
if [ ! -d "$WINEPREFIX" ]; then # a new prefix, made before the server stays
    $WINE wineboot.exe -i >/dev/null 2>&1
    wineserver -w
fi
wineserver -p
$WINE cmd /c exit >/dev/null 2>&1
# Every black-box test and golden transcript (not the unit tests, which
# run natively here: make windows runs them as Windows programs). What
# cannot run on Windows is skipped, saying why (docs/platforms.md).
PTEST_EMULATOR=$WINE PTEST_EXE_SUFFIX=.exe PTEST_PROGRAM_DIR=$OUT PTEST_GOLDEN_VARIANT=windows \
    ./tests/selftest -m "not unit" "$@"
rc=$?
wineserver -k
exit $rc

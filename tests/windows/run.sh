#!/bin/sh
# tests/windows/run.sh - builds the example suite, test programs and
# ptest's own unit tests for Windows with each toolchain below and runs
# them under Wine, checking exit codes, the summary line of each run and
# the lines that matter. A toolchain that is not installed (or, for i686,
# a Wine that cannot run 32-bit programs) is one line saying it is
# skipped and naming the Debian packages (tests/optional.sh), and the
# script exits 77 when it ran none; under PTEST_CI=1 a skip is a failure.
# Run from the repository root:
#     sh tests/windows/run.sh        (or: make windows)
#     WIN_TOOLCHAINS="gcc-x86_64 clang-x86_64" sh tests/windows/run.sh
#
# Toolchains (build/windows/NAME/):
#   gcc-x86_64    x86_64-w64-mingw32-gcc(-posix), C99: every check below
#   gcc-i686      i686-w64-mingw32-gcc(-posix), C99, 32-bit (wine32)
#   g++-x86_64    x86_64-w64-mingw32-g++(-posix): the programs as C++11
#   clang-x86_64  clang --target=x86_64-w64-mingw32 with MinGW-w64's
#                 headers and libraries (the gcc-x86_64 toolchain's)
# The work-stealing checks (mixed_*) run with the first toolchain only:
# they check the scheduler, which no toolchain changes, and take longest.
# WIN_QUICK=1: every toolchain in one mode each, no work-stealing checks
# (make windows-toolchains, after make test has run gcc-x86_64 in full).
set -u
. "$(dirname "$0")/../optional.sh"
. "$(dirname "$0")/wine.sh"
optional_target="make windows"
WINE_SET=${WINE:-}
export WINEDEBUG=-all
export WINEPREFIX=${WINEPREFIX:-/tmp/ptest-wineprefix}
TOOLCHAINS=${WIN_TOOLCHAINS:-gcc-x86_64 gcc-i686 g++-x86_64 clang-x86_64}
fails=0
ran=0
skips=0

# first_cmd CMD...: the first CMD on PATH (or the last, to be named missing).
first_cmd() {
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 && { echo "$c"; return; }
    done
    echo "$c"
}

# toolchain NAME: sets CC, CFLAGS, LDFLAGS, OUT for NAME; 1 (after the
# skip line) when its tools are missing.
toolchain() {
    optional_missing=
    case $1 in *-i686) bits=32 ;; *) bits=64 ;; esac
    WINE=${WINE_SET:-$(wine_for $bits)}
    LDFLAGS="-static -pthread"
    # -D__USE_MINGW_ANSI_STDIO: C99's printf, as the implementation has
    CFLAGS="-std=c99 -O2 -Wall -Wextra -Wpedantic -Werror -D__USE_MINGW_ANSI_STDIO=1 -I."
    case $1 in
    gcc-x86_64)
        CC=$(first_cmd x86_64-w64-mingw32-gcc-posix x86_64-w64-mingw32-gcc)
        optional_have "$CC" "$WINE" ;;
    gcc-i686)
        # SSE2 arithmetic: with x87's (FLT_EVAL_METHOD 2), 9 unit tests of
        # formatted and compared values fail, as with gcc -m32 on Linux;
        # issue 18's part 1 decides those (make cross, i386)
        CC=$(first_cmd i686-w64-mingw32-gcc-posix i686-w64-mingw32-gcc)
        CFLAGS="$CFLAGS -msse2 -mfpmath=sse"
        optional_have "$CC" "$WINE" ;;
    g++-x86_64)
        CC="$(first_cmd x86_64-w64-mingw32-g++-posix x86_64-w64-mingw32-g++) -x c++"
        CFLAGS="-std=c++11 -O2 -Wall -Wextra -Wpedantic -Werror -I."
        optional_have ${CC%% *} "$WINE" ;;
    clang-x86_64)
        gcc=$(first_cmd x86_64-w64-mingw32-gcc-posix x86_64-w64-mingw32-gcc)
        optional_have clang "$gcc" "$WINE" &&
            CC="clang --target=x86_64-w64-mingw32" &&
            LDFLAGS="$LDFLAGS -L$(dirname "$($gcc -print-libgcc-file-name)")" ;;
    *)
        echo "make windows: unknown toolchain $1"; fails=$((fails + 1)); return 1 ;;
    esac
    optional_done "the Windows checks with $1 under Wine"
    orc=$?
    if [ "$orc" != 0 ]; then
        [ "$orc" = 77 ] || fails=$((fails + 1))
        skips=$((skips + 1))
        return 1
    fi
    OUT=build/windows/$1
    mkdir -p "$OUT"
}

build() { # name sources...
    name=$1; shift
    # shellcheck disable=SC2086
    if ! $CC $CFLAGS -o "$OUT/$name.exe" "$@" $LDFLAGS; then
        echo "FAIL [$tc] build $name"; fails=$((fails + 1)); return 1
    fi
}

# check NAME WANT_RC WANT_LAST_LINE ARGS...: runs and compares.
check() {
    name=$1 want_rc=$2 want=$3; shift 3
    (cd "$OUT" && timeout 120 $WINE "./$name.exe" "$@" >"$name.log" 2>&1)
    rc=$?
    last=$(tr -d '\r' <"$OUT/$name.log" | grep -v '^$' | tail -n 1)
    if [ "$rc" = "$want_rc" ] && [ "$last" = "$want" ]; then
        echo "ok   [$tc] $name $* -> $rc: $last"
    else
        echo "FAIL [$tc] $name $* -> $rc (want $want_rc): $last (want: $want)"
        tr -d '\r' <"$OUT/$name.log" | tail -n 20 | sed 's/^/    /'
        fails=$((fails + 1))
    fi
}

# expect_line NAME TEXT: the last run of NAME printed a line with TEXT.
expect_line() {
    if tr -d '\r' <"$OUT/$1.log" | grep -F -q -- "$2"; then
        echo "ok   [$tc] $1 says: $2"
    else
        echo "FAIL [$tc] $1 does not say: $2"; fails=$((fails + 1))
    fi
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
            echo "ok   [$tc] $1: $w ran $n slow tests"
        else
            echo "FAIL [$tc] $1: $w ran $n of the slow tests (want 3 or more)"; fails=$((fails + 1))
        fi
    done
}

stealing() {
    export MIXED_SLOW_MS=1000
    for prog in mixed_first mixed_last; do
        build "$prog" "tests/progs/$prog.c" && rm -rf "$OUT/cache-$prog" && for pass in cold warm; do
            check "$prog" 0 "ptest: 264 passed, 0 failed, 0 skipped" -j 2 -v --cache-dir="cache-$prog"
            expect_spread "$prog"
        done
    done
    unset MIXED_SLOW_MS
}

# modes ALL...: the modes to run a program in, one word each ("-j+0"):
# all of them with the first toolchain, the first with the others (they
# build the same code differently; the first toolchain checks the modes).
# unplus WORD: the arguments of such a word.
modes() {
    if [ -z "${WIN_QUICK:-}" ] && { [ -z "$first" ] || [ "$first" = "$tc" ]; }; then
        printf '%s\n' "$@" | tr ' ' +
    else
        printf '%s\n' "$1" | tr ' ' +
    fi
}
unplus() {
    echo "$1" | tr + ' '
}

# The checks of one toolchain.
suite() {
    if [ "$tc" != g++-x86_64 ]; then # the example library is C, not C++
        build examples -Wno-format -Iexamples examples/strbuf.c examples/ini.c examples/tests/*.c &&
        for mode in $(modes "-j 0" "--pool=thread -j 4" "-j 4"); do
            # shellcheck disable=SC2086
            check examples 0 "ptest: 70 passed, 0 failed, 1 skipped" $(unplus "$mode") -m "not slow" --no-cache
        done
    fi
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
    # Death tests: each body runs in a new process of the program (the
    # same outcomes as on Linux, in every pool and under --forked).
    build death tests/progs/death.c && for mode in $(modes "-j 2" "-j 0" "--pool=thread -j 2" "--forked -j 2"); do
        # shellcheck disable=SC2086
        check death 1 "ptest: 5 passed, 7 failed, 0 skipped" $(unplus "$mode") --no-cache
        expect_line death "FAILED death.bad_signal - tests/progs/death.c:43: expected the test to die of SIGSEGV, but it crashed with SIGABRT (abort) (0xc0000409)"
        expect_line death "FAILED death.bad_signal_not_exit - tests/progs/death.c:53: expected the test to call exit(1), but it was killed by SIGTERM (raise)"
    done
    build death_fixtures tests/progs/death_fixtures.c && for mode in $(modes "-j 2" "-j 0"); do
        # shellcheck disable=SC2086
        check death_fixtures 1 "ptest: 1 passed, 2 failed, 0 skipped" $(unplus "$mode") --no-cache
    done
    # Signals in Windows terms (docs/platforms.md); -j 0 and the thread
    # pool leave out the crash.* tests, which would take the runner down.
    build signals tests/windows/signals.c && {
        for mode in $(modes "-j 2" "--forked -j 2"); do
            # shellcheck disable=SC2086
            check signals 1 "ptest: 9 passed, 4 failed, 0 skipped" $(unplus "$mode") --no-cache
            expect_line signals "CRASHED crash.int_divide_by_zero - crashed with EXCEPTION_INT_DIVIDE_BY_ZERO (0xc0000094)"
            expect_line signals "CRASHED crash.raise_term - was killed by SIGTERM (raise)"
            expect_line signals "FAILED bad.divide_is_no_segv - tests/windows/signals.c:63: expected the test to die of SIGSEGV, but it crashed with EXCEPTION_INT_DIVIDE_BY_ZERO (0xc0000094)"
            expect_line signals "FAILED bad.exit_3_is_no_abort - tests/windows/signals.c:69: expected the test to die of SIGABRT, but it called exit(3)"
        done
        for mode in $(modes "-j 0" "--pool=thread -j 2"); do
            # shellcheck disable=SC2086
            check signals 1 "ptest: 9 passed, 2 failed, 0 skipped" $(unplus "$mode") --no-cache -k "not crash"
        done
    }
    # --forked: a process per test (and without it, one for them all).
    build forked tests/windows/forked.c && {
        check forked 0 "ptest: 4 passed, 0 failed, 0 skipped" --forked -j 1 --no-cache
        check forked 1 "ptest: 1 passed, 3 failed, 0 skipped" -j 1 --no-cache
    }
    # Jobs: what a test starts dies with it, on a timeout too.
    build jobs tests/windows/jobs.c && {
        export JOBS_TAG="$tc-pool-$$"
        check jobs 1 "ptest: 1 passed, 2 failed, 0 skipped" -j 2 --no-cache
        expect_line jobs "TIMEOUT jobs.timeout_kills_grandchild"
        expect_line jobs "TIMEOUT jobs.death_child_hangs"
        check jobs 0 "gone deathhang" gone timeout death deathhang
        expect_line jobs "gone timeout"
        expect_line jobs "gone death"
        export JOBS_TAG="$tc-inline-$$"
        check jobs 0 "ptest: 1 passed, 0 failed, 0 skipped" -j 0 --no-cache -k death_child_leaves
        check jobs 0 "gone death" gone death
        unset JOBS_TAG
    }
    # ptest's unit tests (tests/unit/; not the black-box ones, which run
    # shells). 49 skip: the tests of what only POSIX (or Linux) has say
    # so (10 of them --affected's, which Windows builds leave out, the
    # waitid() check of a childless worker, the memory advice for big
    # blocks: huge pages, populating, and resource limits), and so
    # do the death tests of synthetic cases (a death test's process is
    # the program again, which has no such case). The thread
    # pool gets one worker: the tests share static state and the
    # environment, so they are not for threads running side by side (on
    # Linux neither). -O1: one big translation unit. The count comes from
    # the build itself (every collected test but the 49), so a new unit
    # test does not need this file changed. Not as C++: the unit tests
    # are C (the header as C++ is checked by the programs above).
    [ "$tc" = g++-x86_64 ] && return
    build unit -O1 tests/unit/main.c &&
    unit_total=$(cd "$OUT" && timeout 120 $WINE ./unit.exe --collect-only -q | tr -d '\r' | grep -c .) &&
    for mode in $(modes "-j 2" "-j 0" "--pool=thread -j 1"); do
        # shellcheck disable=SC2086
        check unit 0 "ptest: $((unit_total - 49)) passed, 0 failed, 49 skipped" $(unplus "$mode") --no-cache
    done
}

# wine_runs: whether Wine runs a program of this toolchain (a 32-bit one
# needs wine32, which needs dpkg's i386 architecture).
wine_runs() {
    build pass tests/progs/pass.c || return 0 # the build failure is counted
    (cd "$OUT" && timeout 120 $WINE ./pass.exe --collect-only -q >/dev/null 2>&1)
}

first=
for tc in $TOOLCHAINS; do
    toolchain "$tc" || continue
    if [ $bits = 32 ] && ! wine_kernel_runs_32bit; then
        echo "make windows: the Windows checks with $tc not run: this kernel cannot run" \
            "32-bit programs (built without IA32 emulation; no package changes that)"
        continue
    fi
    if ! wine_runs; then
        optional_missing=
        optional_skip "the Windows checks with $tc under Wine" \
            "Wine cannot run its programs (32-bit: dpkg --add-architecture i386 first)" wine32:i386
        [ $? = 77 ] || fails=$((fails + 1))
        skips=$((skips + 1))
        continue
    fi
    ran=$((ran + 1))
    suite
    if [ -z "$first" ]; then
        first=$tc
        [ -n "${WIN_QUICK:-}" ] || stealing
    fi
done
if [ "$fails" -ne 0 ]; then
    echo "windows: $fails check(s) failed"
    exit 1
fi
if [ "$ran" -eq 0 ]; then
    exit 77
fi
echo "windows: all checks passed ($ran toolchain(s) run, $skips skipped)"

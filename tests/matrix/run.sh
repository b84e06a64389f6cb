#!/bin/sh
# The compile matrix: the same four translation units (every public macro,
# two more test files, a PTEST_NO_SHORT_NAMES unit) and main.c, built with
# each compiler and standard the contract names under -Werror, linked into
# one binary that must find all 19 tests and pass 16 (3 skip). The builds
# with compilers that are not installed are skipped, in one line naming
# their Debian packages (tests/optional.sh); under PTEST_CI=1 that is a
# failure. Also: every external symbol the
# header defines starts with ptest_, and -O2 -flto and --gc-sections builds
# still find every test, and so does tcc (its registration reads the
# executable's section headers).
set -u
cd "$(dirname "$0")/../.."
. tests/optional.sh
out=tests/matrix/build
mkdir -p "$out"
warn="-Wall -Wextra -Wpedantic -Werror"
srcs="tests/matrix/main.c tests/matrix/every_macro.c tests/matrix/second.c tests/matrix/third.c tests/matrix/no_short_names.c"
expected=19
failed=0 built=0 skipped=0

build_and_run() { # name compiler flags...
    name=$1 cc=$2; shift 2
    if ! optional_have "$cc"; then
        skipped=$((skipped + 1))
        return
    fi
    lang=""
    case "$cc" in *++) lang="-x c++" ;; esac
    if ! "$cc" $lang "$@" $warn -I. -o "$out/$name" $srcs -pthread 2>"$out/$name.log"; then
        echo "matrix: $name: FAILED to build"; sed 's/^/    /' "$out/$name.log" | head -20
        failed=$((failed + 1)); return
    fi
    listed=$("$out/$name" --collect-only -q | wc -l)
    summary=$("$out/$name" -j 2 -q 2>&1 | tail -n 1)
    if [ "$listed" -ne "$expected" ] || [ "$summary" != "ptest: 16 passed, 0 failed, 3 skipped" ]; then
        echo "matrix: $name: FAILED: $listed of $expected tests listed; $summary"
        failed=$((failed + 1)); return
    fi
    built=$((built + 1))
    echo "matrix: $name: ok"
}

for cc in gcc clang; do
    for std in c99 c11 c17 c2x; do
        build_and_run "$cc-$std" "$cc" -std=$std -O1
    done
done
build_and_run musl-gcc-c11 musl-gcc -std=c11 -O1
build_and_run gcc-constructors gcc -std=c11 -O1 -DPTEST_USE_CONSTRUCTORS
build_and_run gcc-no-threads gcc -std=c11 -O1 -DPTEST_NO_THREADS
if [ -x "$out/gcc-no-threads" ]; then # no thread pool to ask for: a usage error
    "$out/gcc-no-threads" --pool=thread >/dev/null 2>&1
    rc=$?
    if [ "$rc" -ne 4 ]; then
        echo "matrix: gcc-no-threads: --pool=thread exited $rc, not 4 (usage error)"
        failed=$((failed + 1))
    fi
fi
build_and_run gcc-c99-lto gcc -std=c99 -O2 -flto
build_and_run gcc-gc-sections gcc -std=c11 -O2 -ffunction-sections -fdata-sections -Wl,--gc-sections
build_and_run clang-c11-lto clang -std=c11 -O2 -flto
build_and_run tcc-c99 tcc -std=c99
for cxx in g++ clang++; do
    for std in c++11 c++17 c++20; do
        build_and_run "$cxx-$std" "$cxx" -std=$std -O1
    done
done

# Namespace hygiene: what the header itself defines externally is ptest_*.
if command -v nm >/dev/null 2>&1 && [ -f "$out/gcc-c11" ]; then
    gcc -std=c11 $warn -I. -c -o "$out/main.o" tests/matrix/main.c
    bad=$(nm -g --defined-only "$out/main.o" | awk '{print $3}' | grep -v '^ptest_' | grep -v '^main$' || true)
    if [ -n "$bad" ]; then
        echo "matrix: nm: external symbols without the ptest_ prefix:"; echo "$bad"
        failed=$((failed + 1))
    else
        echo "matrix: nm: every external symbol starts with ptest_"
    fi
fi

optional_done "$skipped compile-matrix builds"
[ $? = 1 ] && failed=$((failed + 1))
echo "matrix: $built builds passed, $failed failed"
[ "$failed" -eq 0 ]

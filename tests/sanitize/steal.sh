#!/bin/sh
# tests/sanitize/steal.sh - the work-stealing race programs under
# AddressSanitizer + UndefinedBehaviorSanitizer and under ThreadSanitizer,
# in every pool (part of make check). Each of tests/progs/mixed_*.c is
# built both ways and run cold and warm, with slow tests short enough
# (MIXED_SLOW_MS) that steals race the tests' starts; every run must pass
# all 264 tests, each exactly once (MIXED_LOG), with no sanitizer report.
# --forked (a process a test, slow under the sanitizers) runs one program.
# Run from the repository root: sh tests/sanitize/steal.sh
set -u
CC=${CC:-cc}
out=build/sanitize
mkdir -p "$out"
fails=0 runs=0
for prog in mixed_first mixed_last mixed_spread; do
    for san in "asan:-fsanitize=address,undefined -fno-sanitize-recover=undefined" \
               "tsan:-fsanitize=thread"; do
        name=${san%%:*} flags=${san#*:}
        bin=$out/$prog-$name
        if ! $CC -std=c99 -O1 -g -Wall -Wextra -Wpedantic -Werror $flags -I. -o "$bin" "tests/progs/$prog.c" -pthread; then
            echo "steal.sh: $bin: FAILED to build"; fails=$((fails + 1)); continue
        fi
        pools="-j 2,-j 4 --pool=thread"
        [ "$prog" = mixed_first ] && pools="$pools,-j 3 --forked" # a fork a test: slow here
        IFS=,
        for pool in $pools; do
            unset IFS
            rm -rf "$out/cache"
            for pass in cold warm; do
                rm -f "$out/log"
                # shellcheck disable=SC2086
                last=$(MIXED_SLOW_MS=3 MIXED_LOG="$out/log" ASAN_OPTIONS=detect_leaks=1 \
                       TSAN_OPTIONS=halt_on_error=1 timeout 120 \
                       "$bin" $pool -q --cache-dir="$out/cache" 2>&1 | tail -n 1)
                total=$(wc -l <"$out/log")
                once=$(sort "$out/log" | uniq | wc -l)
                runs=$((runs + 1))
                if [ "$last" != "ptest: 264 passed, 0 failed, 0 skipped" ] ||
                   [ "$total" -ne 264 ] || [ "$once" -ne 264 ]; then
                    echo "steal.sh: $bin $pool ($pass): $last; $total runs of $once tests"
                    fails=$((fails + 1))
                fi
            done
        done
        unset IFS
    done
done
echo "steal.sh: $runs sanitized runs, $fails failed"
[ "$fails" -eq 0 ]

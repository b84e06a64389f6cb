#!/bin/sh
# Coverage through the fork pool: the example suite built with --coverage
# and run on two forked workers must give gcov the same lines as the same
# suite run inline (-j 0), where nothing forks. Workers leave with exit(),
# so their counters are flushed; this checks they are. Uses gcovr: without
# it, one line says the check is skipped and names the Debian package
# (tests/optional.sh), exit 77; under PTEST_CI=1 that is a failure.
set -u
cd "$(dirname "$0")/../.."
. tests/optional.sh
if ! optional_have gcovr; then
    optional_done "the check of coverage through the fork pool"
    exit $?
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
summary() { # dir -j
    mkdir -p "$1"
    ${CC:-cc} -std=c99 -O0 -g --coverage -I. -Iexamples -o "$1/tests" \
        examples/strbuf.c examples/ini.c examples/tests/*.c -pthread || return 1
    "$1/tests" -j "$2" --no-cache -q > "$1/run.log" 2>&1
    gcovr -r . --filter 'examples/[a-z]*\.c' "$1" | grep -E '^examples/|^TOTAL'
}
pool=$(summary "$tmp/pool" 2) || { echo "coverage: FAIL: the pool build or run failed"; exit 1; }
inline=$(summary "$tmp/inline" 0) || { echo "coverage: FAIL: the inline build or run failed"; exit 1; }
echo "$pool"
if [ -z "$pool" ] || [ "$pool" != "$inline" ]; then
    echo "coverage: FAIL: the fork pool's coverage differs from the inline run's:"
    echo "$inline"
    exit 1
fi
echo "coverage: the fork pool's coverage equals the inline run's"

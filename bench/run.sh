#!/bin/sh
# Builds the benchmark programs and runs every case; prints one table.
#
#     bench/run.sh          (or: make bench, make -C bench)
#
# Never fails because a peer is missing or the machine is slow: what cannot
# be built or run shows as n/a (or FAIL/HANG, with the command, below the
# table). The table also goes to bench/build/results.txt.
set -u
cd "$(dirname "$0")" || exit 1

if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=python3; fi
JOBS=$(nproc 2>/dev/null || echo 2)

mkdir -p build
"$PY" gen.py build || { echo "bench: gen.py failed" >&2; exit 1; }
echo "bench: building with make -j$JOBS (log: bench/build/build.log) ..."
start=$(date +%s)
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
        make -k -j"$JOBS" build >build/build.log 2>&1; then
    echo "bench: some programs did not build (a peer not installed, or" \
         "ptest.h); they show as n/a. See bench/build/build.log."
fi
echo "bench: built in $(( $(date +%s) - start )) s"

"$PY" bench.py || echo "bench: bench.py failed (exit $?)" >&2
exit 0

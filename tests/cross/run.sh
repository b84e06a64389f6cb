#!/bin/sh
# tests/cross/run.sh [ARCH...] - make cross: ptest's self-suite built for
# other architectures with Debian's cross compilers and run under
# qemu-user: aarch64, armhf, i386, s390x (big-endian) and riscv64 unless
# named. For each, tests/cross/build.mk builds the selftest, the
# black-box programs and the example suite, static, into build/cross/ARCH;
# then, under qemu:
#   - the selftest, whole: its unit tests test the header's arithmetic on
#     that architecture, and its harness starts every program under test
#     through qemu too (PTEST_EMULATOR, tests/blackbox/harness.h), so the
#     golden transcripts are checked against the cross-built programs;
#   - the example suite in the fork pool, the thread pool and --forked.
# Each emulated program starts through tests/cross/subreaper.c (built for
# the host), as qemu-user 7.2 refuses the guest's subreaper prctl.
# Golden transcripts may match tests/golden/qemu/ (PTEST_GOLDEN_VARIANT).
# Deselected: the tests that drive host tools, not ptest's code for the
# architecture, and the two that check the kernel's memory advice
# (huge pages, populating), which qemu-user ignores
# (CROSS_DESELECT below; docs/platforms.md says why).
# Architectures run one at a time (CROSS_JOBS, default 1): two self-suites
# at once see each other's processes and files (harness.finds_leftovers
# pgreps the machine; the example suite's settings file is one path);
# each one's log is build/cross/ARCH/log. A missing cross compiler or qemu
# skips that architecture in one line (tests/optional.sh), except under
# PTEST_CI=1, where that fails.
set -u
cd "$(dirname "$0")/../.."
. tests/optional.sh
optional_target="make cross"

CROSS_JOBS=${CROSS_JOBS:-1}
CROSS_DESELECT='not integration. and not misuse. and not big_blocks_ask_for_huge_pages and not big_blocks_are_backed_at_once'

# cross_triple ARCH: the GNU triple of Debian's cross compiler.
cross_triple() {
    case $1 in
    aarch64) echo aarch64-linux-gnu ;;
    armhf) echo arm-linux-gnueabihf ;;
    i386) echo i686-linux-gnu ;;
    s390x) echo s390x-linux-gnu ;;
    riscv64) echo riscv64-linux-gnu ;;
    *) return 1 ;;
    esac
}

# cross_qemu ARCH: its qemu-user emulator.
cross_qemu() {
    case $1 in
    armhf) echo qemu-arm ;;
    *) echo "qemu-$1" ;;
    esac
}

# cross_one ARCH: builds and runs one architecture; its output goes to
# build/cross/ARCH/log, one summary line to stdout. 0 passed, 77 skipped.
cross_one() {
    arch=$1 triple=$(cross_triple "$1") qemu=$(cross_qemu "$1")
    out=build/cross/$arch
    optional_missing=
    optional_have "$triple-gcc" "$triple-g++" "$qemu"
    if ! optional_done "the self-suite on $arch"; then
        return $?
    fi
    mkdir -p "$out"
    log=$out/log
    cxx=$triple-g++
    (
        echo "== build ($triple-gcc)"
        nice make -s -j2 -f tests/cross/build.mk CC="$triple-gcc" CROSS_CXX="$cxx" OUT="$out" &&
        echo "== selftest: $qemu $out/tests/selftest -j 2 -k '$CROSS_DESELECT'" &&
        PTEST_EMULATOR="$reaper $qemu"' -0 "$argv0"' PTEST_PROGRAM_DIR=$out \
            PTEST_GOLDEN_VARIANT=qemu \
            "$reaper" "$qemu" "$out/tests/selftest" -j 2 -k "$CROSS_DESELECT" -q \
            --json="$out/selftest.jsonl"
        rc=$?
        # each test it skipped, in one line; under PTEST_CI a failure
        optional_target="make cross: $arch" sh tests/optional.sh report "$out/selftest.jsonl" || rc=1
        for pool in "--pool=fork" "--pool=thread" "--forked"; do
            echo "== example suite $pool"
            "$reaper" "$qemu" "$out/examples/tests/tests" -j 2 $pool --no-cache -q || rc=1
        done
        exit $rc
    ) >"$log" 2>&1
    rc=$?
    summary=$(grep '^ptest: ' "$log" | head -1)
    if [ $rc = 0 ]; then
        echo "make cross: $arch: passed (selftest: ${summary#ptest: }; example suite in 3 pools)"
    else
        echo "make cross: $arch: FAILED, see $log:"
        # each failure with its indented report (CI shows only this)
        awk '/^(FAILED|CRASHED|EXITED|TIMEOUT|XPASSED|ptest:|make|.*error)/ { on = 1; print; next }
             on && /^ / { print; next } { on = 0 }' "$log" | head -80 | sed 's/^/    /'
    fi
    return $rc
}

archs=${*:-aarch64 armhf i386 s390x riscv64}
for a in $archs; do
    cross_triple "$a" >/dev/null || { echo "make cross: unknown architecture '$a' (aarch64 armhf i386 s390x riscv64)" >&2; exit 2; }
done

# qemu-user 7.2 refuses prctl(PR_SET_CHILD_SUBREAPER): each emulated
# runner is started through tests/cross/subreaper.c, built for the host,
# which sets it before it execs qemu.
mkdir -p build/cross
reaper=$PWD/build/cross/subreaper
if [ ! -x "$reaper" ] || [ tests/cross/subreaper.c -nt "$reaper" ]; then
    ${HOSTCC:-cc} -std=c99 -O2 -Wall -Wextra -Werror -o "$reaper" tests/cross/subreaper.c ||
        { echo "make cross: cannot build tests/cross/subreaper.c with ${HOSTCC:-cc}"; exit 1; }
fi

# Bounded parallelism: CROSS_JOBS architectures at a time; the status of
# each is kept in build/cross/ARCH/status.
mkdir -p build/cross
running=0 pids=
for a in $archs; do
    rm -f "build/cross/$a/status"
    ( cross_one "$a"; s=$?; mkdir -p "build/cross/$a"; echo $s >"build/cross/$a/status" ) &
    running=$((running + 1))
    if [ "$running" -ge "$CROSS_JOBS" ]; then
        wait_any=1
        while [ "$wait_any" = 1 ]; do
            done_n=0
            for b in $archs; do [ -f "build/cross/$b/status" ] && done_n=$((done_n + 1)); done
            started=0
            for b in $archs; do started=$((started + 1)); [ "$b" = "$a" ] && break; done
            [ $((started - done_n)) -lt "$CROSS_JOBS" ] && wait_any=0 || sleep 1
        done
        running=$((started - done_n))
    fi
done
wait
rc=0 skipped=0
for a in $archs; do
    s=$(cat "build/cross/$a/status" 2>/dev/null || echo 1)
    case $s in
    0) ;;
    77) skipped=1 ;;
    *) rc=1 ;;
    esac
done
exit $rc

# hostile.t's commands as qemu-i386 runs them (make cross): a difference
# of the ABI, written down, not skipped.
#
# tests/progs/stray writes 4 + 39 bytes of junk and then a forged message
# header, sizeof(struct ptest__msg) bytes, into the worker's result pipe;
# the runner skips all of them and counts them. That struct, nine 32-bit
# fields and two doubles, is 56 bytes where a double is aligned to 8
# (x86-64, aarch64, armhf, s390x, riscv64: 99 in all) and 52 on i386,
# whose ABI aligns a double to 4 (95 in all). Every result still arrives,
# as ../hostile.t says.

$ tests/progs/stray -j 1
ptest VERSION: 5 tests selected, 1 fork worker
ptest: warning: 95 stray bytes on the workers' result pipes were skipped: a test wrote to a file descriptor of ptest's
FAILED stray.fails_in_between
    tests/progs/stray.c:50: FAIL: a real failure

short test summary:
FAILED stray.fails_in_between - tests/progs/stray.c:50: FAIL: a real failure

Ran 5 tests in N.NNs with 1 fork worker
4 passed, 1 failed
ptest: 4 passed, 1 failed, 0 skipped
[1]

$ tests/progs/stray -j 2 -v
ptest VERSION: 5 tests selected, 2 fork workers
ptest: warning: 95 stray bytes on the workers' result pipes were skipped: a test wrote to a file descriptor of ptest's
PASSED stray.first
FAILED stray.fails_in_between
    tests/progs/stray.c:50: FAIL: a real failure
PASSED stray.second
PASSED stray.forged_ready
PASSED stray.after

short test summary:
FAILED stray.fails_in_between - tests/progs/stray.c:50: FAIL: a real failure

Ran 5 tests in N.NNs with 2 fork workers
4 passed, 1 failed
ptest: 4 passed, 1 failed, 0 skipped
[1]

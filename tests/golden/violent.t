# Tests that end their process the hard ways: a stack overflow, SIGKILL
# sent to itself, a raised SIGBUS, _exit(0) from a helper. The fork pool
# reports each for what it was and goes on; violent.survivor passes.
$ tests/progs/violent -j 1
ptest VERSION: 5 tests selected, 1 fork worker
CRASHED violent.stack_overflow
    was killed by SIGSEGV (Segmentation fault)
    tests/progs/violent.c:27: recursing
CRASHED violent.kills_itself
    was killed by SIGKILL (Killed)
CRASHED violent.raises_sigbus
    was killed by SIGBUS (Bus error)
EXITED violent.exits_from_a_helper
    called exit(0)

short test summary:
CRASHED violent.stack_overflow - was killed by SIGSEGV (Segmentation fault)
CRASHED violent.kills_itself - was killed by SIGKILL (Killed)
CRASHED violent.raises_sigbus - was killed by SIGBUS (Bus error)
EXITED violent.exits_from_a_helper - called exit(0)

Ran 5 tests in N.NNs with 1 fork worker
1 passed, 3 crashed, 1 exited
ptest: 1 passed, 4 failed, 0 skipped
[1]

# -j 0 runs in the runner's own process: a crash there cannot be survived,
# but it is named (the handler runs on an alternate stack, so even a stack
# overflow is), and the run stops with exit 3.
$ tests/progs/violent -j 0 -k "stack_overflow or survivor"
ptest VERSION: 2 tests selected (3 deselected), running inline (-j 0)

CRASHED violent.stack_overflow - was killed by SIGSEGV
ptest: internal error: a crash in the runner's own process (-j 0) takes it down; the results above are all there is (the fork pool contains crashes)
[3]

# Tests that stop their own worker with a signal only another process can
# undo: raise(SIGSTOP), and raise(SIGTTIN), which is what reading the
# terminal does to a worker (a background process group). Each times out,
# and the reason names the signal that had it stopped then; the test whose
# child continues it passes.
$ tests/progs/stopped -j 1
ptest VERSION: 4 tests selected, 1 fork worker
TIMEOUT stopped.by_sigstop
    timed out after 0.5s; it was stopped by SIGSTOP when its time ran out
TIMEOUT stopped.by_sigttin
    timed out after 0.5s; it was stopped by SIGTTIN when its time ran out: it read from the terminal, which a worker (a background process group) may not

short test summary:
TIMEOUT stopped.by_sigstop - timed out after 0.5s; it was stopped by SIGSTOP when its time ran out
TIMEOUT stopped.by_sigttin - timed out after 0.5s; it was stopped by SIGTTIN when its time ran out: it read from the terminal, which a worker (a background process group) may not

Ran 4 tests in N.NNs with 1 fork worker
2 passed, 2 timed out
ptest: 2 passed, 2 failed, 0 skipped
[1]

# Under --forked each test has a process of its own, which its worker
# watches: the same reasons.
$ tests/progs/stopped -j 1 --forked --tb=line
ptest VERSION: 4 tests selected, 1 fork worker (--forked: a process per test)
TIMEOUT stopped.by_sigstop - timed out after 0.5s; it was stopped by SIGSTOP when its time ran out
TIMEOUT stopped.by_sigttin - timed out after 0.5s; it was stopped by SIGTTIN when its time ran out: it read from the terminal, which a worker (a background process group) may not

short test summary:
TIMEOUT stopped.by_sigstop - timed out after 0.5s; it was stopped by SIGSTOP when its time ran out
TIMEOUT stopped.by_sigttin - timed out after 0.5s; it was stopped by SIGTTIN when its time ran out: it read from the terminal, which a worker (a background process group) may not

Ran 4 tests in N.NNs with 1 fork worker
2 passed, 2 timed out
ptest: 2 passed, 2 failed, 0 skipped
[1]

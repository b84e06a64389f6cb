# Typed fixtures: FIXTURE, FIXTURE_SETUP, FIXTURE_TEARDOWN, TEST_F and
# TEST_F_P. Every FIXTURE_TEARDOWN appends a line to $FIXTURE_LOG (sorted
# here, as workers finish in any order): it runs after a passing body,
# after a fatal ASSERT in the body (acct.overdraw: balance -400, the line
# after the ASSERT never ran), after a failing FIXTURE_SETUP (the vault:
# opened 1, and no body), and for the death test in the test's process
# ("where set up"), where the child's write to self (its name) is not
# seen: "after (unnamed)".
$ FIXTURE_LOG="$PTEST_CACHE_DIR/log" tests/progs/typed_fixtures -j 2 -k "not slot"; rc=$?
> sort "$PTEST_CACHE_DIR/log"; exit $rc
ptest VERSION: 7 tests selected (32 deselected), 2 fork workers
FAILED acct.overdraw
    tests/progs/typed_fixtures.c:71: ASSERT_GE(self->balance, 0) failed
        left:  -400
        right: 0
FAILED acct.withdraw[2]
    tests/progs/typed_fixtures.c:81: ASSERT_GE(self->balance, 0) failed: withdrew 101
        left:  -1
        right: 0
FAILED vault.count_gold
    tests/progs/typed_fixtures.c:104: ASSERT_TRUE(getenv("VAULT_KEY") != NULL) failed: the vault is locked
        value: false

short test summary:
FAILED acct.overdraw - tests/progs/typed_fixtures.c:71: ASSERT_GE(self->balance, 0) failed
FAILED acct.withdraw[2] - tests/progs/typed_fixtures.c:81: ASSERT_GE(self->balance, 0) failed: withdrew 101
FAILED vault.count_gold - tests/progs/typed_fixtures.c:104: ASSERT_TRUE(getenv("VAULT_KEY") != NULL) failed: the vault is locked

Ran 7 tests in N.NNs with 2 fork workers
4 passed, 3 failed
ptest: 4 passed, 3 failed, 0 skipped
acct teardown after (unnamed): balance 100 (where set up)
acct teardown after deposit: balance 150 (where set up)
acct teardown after overdraw: balance -400 (where set up)
acct teardown after withdraw: balance -1 (where set up)
acct teardown after withdraw: balance 0 (where set up)
acct teardown after withdraw: balance 90 (where set up)
vault teardown: opened 1 (where set up)
[1]

# Set up properly, the vault's body runs and its teardown sees all of it.
$ VAULT_KEY=1 FIXTURE_LOG="$PTEST_CACHE_DIR/log" tests/progs/typed_fixtures -q -k vault
> cat "$PTEST_CACHE_DIR/log"
Ran 1 test in N.NNs with 1 fork worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped
vault body ran with opened 2 (where set up)
vault teardown: opened 2 (where set up)

# Each running test has its own instance: 32 tests write their own value
# into self, sleep, and find it still theirs, on 8 threads.
$ tests/progs/typed_fixtures --pool=thread -j 8 -k slot
ptest VERSION: 32 tests selected (7 deselected), 8 thread workers
Ran 32 tests in N.NNs with 8 thread workers
32 passed
ptest: 32 passed, 0 failed, 0 skipped

# The same teardowns in every pool: inline, threads, a process per test.
$ FIXTURE_LOG="$PTEST_CACHE_DIR/log" tests/progs/typed_fixtures -j 0 -q >/dev/null
> sort "$PTEST_CACHE_DIR/log"
acct teardown after (unnamed): balance 100 (where set up)
acct teardown after deposit: balance 150 (where set up)
acct teardown after overdraw: balance -400 (where set up)
acct teardown after withdraw: balance -1 (where set up)
acct teardown after withdraw: balance 0 (where set up)
acct teardown after withdraw: balance 90 (where set up)
vault teardown: opened 1 (where set up)

$ FIXTURE_LOG="$PTEST_CACHE_DIR/log" tests/progs/typed_fixtures --pool=thread -j 4 -q >/dev/null
> sort "$PTEST_CACHE_DIR/log"
acct teardown after (unnamed): balance 100 (where set up)
acct teardown after deposit: balance 150 (where set up)
acct teardown after overdraw: balance -400 (where set up)
acct teardown after withdraw: balance -1 (where set up)
acct teardown after withdraw: balance 0 (where set up)
acct teardown after withdraw: balance 90 (where set up)
vault teardown: opened 1 (where set up)

$ FIXTURE_LOG="$PTEST_CACHE_DIR/log" tests/progs/typed_fixtures --forked -j 2 -q >/dev/null
> sort "$PTEST_CACHE_DIR/log"
acct teardown after (unnamed): balance 100 (where set up)
acct teardown after deposit: balance 150 (where set up)
acct teardown after overdraw: balance -400 (where set up)
acct teardown after withdraw: balance -1 (where set up)
acct teardown after withdraw: balance 0 (where set up)
acct teardown after withdraw: balance 90 (where set up)
vault teardown: opened 1 (where set up)

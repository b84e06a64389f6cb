# The commands of ../typed_fixtures.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../typed_fixtures.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them

# process workers: Windows starts its workers, Linux forks them
$ FIXTURE_LOG="$PTEST_CACHE_DIR/log" tests/progs/typed_fixtures -j 2 -k "not slot"; rc=$?
> sort "$PTEST_CACHE_DIR/log"; exit $rc
ptest VERSION: 7 tests selected (32 deselected), 2 process workers
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

Ran 7 tests in N.NNs with 2 process workers
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

# process workers: Windows starts its workers, Linux forks them
$ VAULT_KEY=1 FIXTURE_LOG="$PTEST_CACHE_DIR/log" tests/progs/typed_fixtures -q -k vault
> cat "$PTEST_CACHE_DIR/log"
Ran 1 test in N.NNs with 1 process worker
1 passed
ptest: 1 passed, 0 failed, 0 skipped
vault body ran with opened 2 (where set up)
vault teardown: opened 2 (where set up)

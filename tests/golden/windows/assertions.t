# The commands of ../assertions.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../assertions.t there. Differences:
# - the process pool is reported as "process workers": Windows starts its
#   workers, Linux forks them

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/assertions -j 2
ptest VERSION: 8 tests selected, 2 process workers
FAILED assert.expect_goes_on
    tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed
        left:  4
        right: 5
    tests/progs/assertions.c:14: EXPECT_TRUE(x > 10) failed
        value: false
    --- stdout ---
    still running after two failed EXPECTs
FAILED assert.assert_stops
    tests/progs/assertions.c:20: ASSERT_EQ(1 + 1, 3) failed
        left:  2
        right: 3
FAILED assert.from_helper
    tests/progs/assertions.c:26: ASSERT_GT(v, 0) failed: from a helper, v=-2
        left:  -2
        right: 0
FAILED assert.strings
    tests/progs/assertions.c:37: EXPECT_STR_EQ("hello world", "hello wordl") failed
        left:  "hello world"
        right: "hello wordl"
        first difference at index 9
    tests/progs/assertions.c:38: EXPECT_STR_NE("same", "same") failed
        left:  "same"
        right: "same"
    tests/progs/assertions.c:39: ASSERT_STR_EQ("abc", NULL) failed
        left:  "abc"
        right: NULL
        right is NULL, left is a string
FAILED assert.memory
    tests/progs/assertions.c:47: ASSERT_MEM_EQ(a, b, sizeof a) failed
        first difference at offset 10 of 20
        left  @8: 09 0a 0b 0c 00 00 00 00 00 00 00 00
        right @8: 09 0a ff 0c 00 00 00 00 00 00 00 00
FAILED assert.values_by_type
    tests/progs/assertions.c:56: EXPECT_EQ(c, 'b') failed
        left:  'a' (97)
        right: 98
    tests/progs/assertions.c:57: EXPECT_GT(neg, u) failed
        left:  -1
        right: 1
    tests/progs/assertions.c:58: EXPECT_EQ(d, 0.3) failed
        left:  0.30000000000000004
        right: 0.29999999999999999
    tests/progs/assertions.c:59: EXPECT_NEAR(d, 0.5, 0.01) failed
        left:  0.30000000000000004
        right: 0.5
        difference 0.19999999999999996 is more than 0.01
    tests/progs/assertions.c:60: EXPECT_FALSE(u == 1u) failed
        value: true
FAILED assert.pointers
    tests/progs/assertions.c:67: EXPECT_NOT_NULL(none) failed
        value: NULL
    tests/progs/assertions.c:68: EXPECT_NULL(&x) failed
        value: 0xADDR
FAILED assert.fail_and_log
    tests/progs/assertions.c:73: step 1 of 2
    tests/progs/assertions.c:74: FAIL: explicit failure: bad state

short test summary:
FAILED assert.expect_goes_on - tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed
FAILED assert.assert_stops - tests/progs/assertions.c:20: ASSERT_EQ(1 + 1, 3) failed
FAILED assert.from_helper - tests/progs/assertions.c:26: ASSERT_GT(v, 0) failed: from a helper, v=-2
FAILED assert.strings - tests/progs/assertions.c:37: EXPECT_STR_EQ("hello world", "hello wordl") failed
FAILED assert.memory - tests/progs/assertions.c:47: ASSERT_MEM_EQ(a, b, sizeof a) failed
FAILED assert.values_by_type - tests/progs/assertions.c:56: EXPECT_EQ(c, 'b') failed
FAILED assert.pointers - tests/progs/assertions.c:67: EXPECT_NOT_NULL(none) failed
FAILED assert.fail_and_log - tests/progs/assertions.c:74: FAIL: explicit failure: bad state

Ran 8 tests in N.NNs with 2 process workers
8 failed
ptest: 0 passed, 8 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/assertions --tb=short -k "goes_on or strings"
ptest VERSION: 2 tests selected (6 deselected), 2 process workers
FAILED assert.expect_goes_on
    tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed
        left:  4
        right: 5
    tests/progs/assertions.c:14: EXPECT_TRUE(x > 10) failed
        value: false
FAILED assert.strings
    tests/progs/assertions.c:37: EXPECT_STR_EQ("hello world", "hello wordl") failed
        left:  "hello world"
        right: "hello wordl"
        first difference at index 9
    tests/progs/assertions.c:38: EXPECT_STR_NE("same", "same") failed
        left:  "same"
        right: "same"
    tests/progs/assertions.c:39: ASSERT_STR_EQ("abc", NULL) failed
        left:  "abc"
        right: NULL
        right is NULL, left is a string

short test summary:
FAILED assert.expect_goes_on - tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed
FAILED assert.strings - tests/progs/assertions.c:37: EXPECT_STR_EQ("hello world", "hello wordl") failed

Ran 2 tests in N.NNs with 2 process workers
2 failed
ptest: 0 passed, 2 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/assertions --tb=line
ptest VERSION: 8 tests selected, 2 process workers
FAILED assert.expect_goes_on - tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed
FAILED assert.assert_stops - tests/progs/assertions.c:20: ASSERT_EQ(1 + 1, 3) failed
FAILED assert.from_helper - tests/progs/assertions.c:26: ASSERT_GT(v, 0) failed: from a helper, v=-2
FAILED assert.strings - tests/progs/assertions.c:37: EXPECT_STR_EQ("hello world", "hello wordl") failed
FAILED assert.memory - tests/progs/assertions.c:47: ASSERT_MEM_EQ(a, b, sizeof a) failed
FAILED assert.values_by_type - tests/progs/assertions.c:56: EXPECT_EQ(c, 'b') failed
FAILED assert.pointers - tests/progs/assertions.c:67: EXPECT_NOT_NULL(none) failed
FAILED assert.fail_and_log - tests/progs/assertions.c:74: FAIL: explicit failure: bad state

short test summary:
FAILED assert.expect_goes_on - tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed
FAILED assert.assert_stops - tests/progs/assertions.c:20: ASSERT_EQ(1 + 1, 3) failed
FAILED assert.from_helper - tests/progs/assertions.c:26: ASSERT_GT(v, 0) failed: from a helper, v=-2
FAILED assert.strings - tests/progs/assertions.c:37: EXPECT_STR_EQ("hello world", "hello wordl") failed
FAILED assert.memory - tests/progs/assertions.c:47: ASSERT_MEM_EQ(a, b, sizeof a) failed
FAILED assert.values_by_type - tests/progs/assertions.c:56: EXPECT_EQ(c, 'b') failed
FAILED assert.pointers - tests/progs/assertions.c:67: EXPECT_NOT_NULL(none) failed
FAILED assert.fail_and_log - tests/progs/assertions.c:74: FAIL: explicit failure: bad state

Ran 8 tests in N.NNs with 2 process workers
8 failed
ptest: 0 passed, 8 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/assertions --tb=no -k "memory or pointers"
ptest VERSION: 2 tests selected (6 deselected), 2 process workers
FAILED assert.memory
FAILED assert.pointers

short test summary:
FAILED assert.memory - tests/progs/assertions.c:47: ASSERT_MEM_EQ(a, b, sizeof a) failed
FAILED assert.pointers - tests/progs/assertions.c:67: EXPECT_NOT_NULL(none) failed

Ran 2 tests in N.NNs with 2 process workers
2 failed
ptest: 0 passed, 2 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/assertions -x -j 1 --tb=line
ptest VERSION: 8 tests selected, 1 process worker
FAILED assert.expect_goes_on - tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed

short test summary:
FAILED assert.expect_goes_on - tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed

stopped after 1 failure (-x)
Ran 1 test in N.NNs with 1 process worker
1 failed, 7 not run
ptest: 0 passed, 1 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/firstfail -x -j 1 --tb=line
ptest VERSION: 301 tests selected, 1 process worker
FAILED first.fails - tests/progs/firstfail.c:12: FAIL: the first failure

short test summary:
FAILED first.fails - tests/progs/firstfail.c:12: FAIL: the first failure

stopped after 1 failure (-x)
Ran 1 test in N.NNs with 1 process worker
1 failed, 300 not run
ptest: 0 passed, 1 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/firstfail -x -j 1 --forked --tb=line
ptest VERSION: 301 tests selected, 1 process worker (--forked: a process per test)
FAILED first.fails - tests/progs/firstfail.c:12: FAIL: the first failure

short test summary:
FAILED first.fails - tests/progs/firstfail.c:12: FAIL: the first failure

stopped after 1 failure (-x)
Ran 1 test in N.NNs with 1 process worker
1 failed, 300 not run
ptest: 0 passed, 1 failed, 0 skipped
[1]

# process workers: Windows starts its workers, Linux forks them
$ tests/progs/assertions --maxfail=2 -j 1 --tb=line
ptest VERSION: 8 tests selected, 1 process worker
FAILED assert.expect_goes_on - tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed
FAILED assert.assert_stops - tests/progs/assertions.c:20: ASSERT_EQ(1 + 1, 3) failed

short test summary:
FAILED assert.expect_goes_on - tests/progs/assertions.c:13: EXPECT_EQ(x, 5) failed
FAILED assert.assert_stops - tests/progs/assertions.c:20: ASSERT_EQ(1 + 1, 3) failed

stopped after 2 failures (--maxfail=2)
Ran 2 tests in N.NNs with 1 process worker
2 failed, 6 not run
ptest: 0 passed, 2 failed, 0 skipped
[1]

# assertions.t's commands as qemu-i386 runs them (make cross): a
# difference that C allows on i386, written down, not skipped.
#
# i386 computes with the x87 unit: FLT_EVAL_METHOD is 2, so C lets the
# constant expression 0.1 + 0.2 in tests/progs/assertions.c be evaluated
# in long double, where it rounds to the double nearest 0.3, not to
# 0.30000000000000004 as in double arithmetic. So on i386 EXPECT_EQ(d, 0.3)
# passes and EXPECT_NEAR shows that value. The other architectures make
# cross runs (FLT_EVAL_METHOD 0 or 1) print ../assertions.t; qemu's
# variants are shared by all of them, so this transcript is accepted there
# too, but only i386 prints it.
$ tests/progs/assertions -j 2
ptest VERSION: 8 tests selected, 2 fork workers
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
    tests/progs/assertions.c:59: EXPECT_NEAR(d, 0.5, 0.01) failed
        left:  0.29999999999999999
        right: 0.5
        difference 0.20000000000000001 is more than 0.01
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

Ran 8 tests in N.NNs with 2 fork workers
8 failed
ptest: 0 passed, 8 failed, 0 skipped
[1]

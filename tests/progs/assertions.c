/* assertions.c - failing assertions, one kind per test, to pin down the
 * failure report: file:line, the expression as written, both values by
 * type, the first difference of strings and memory, and that EXPECT_* go
 * on while ASSERT_* (also from a helper function) end the test. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>

TEST(assert, expect_goes_on)
{
    int x = 4;
    EXPECT_EQ(x, 5);
    EXPECT_TRUE(x > 10);
    printf("still running after two failed EXPECTs\n");
}

TEST(assert, assert_stops)
{
    ASSERT_EQ(1 + 1, 3);
    printf("never printed\n");
}

static void check_positive(int v)
{
    ASSERT_GT_MSG(v, 0, "from a helper, v=%d", v);
}

TEST(assert, from_helper)
{
    check_positive(-2);
    FAIL("not reached: the helper's ASSERT ended the test");
}

TEST(assert, strings)
{
    EXPECT_STR_EQ("hello world", "hello wordl");
    EXPECT_STR_NE("same", "same");
    ASSERT_STR_EQ("abc", NULL);
}

TEST(assert, memory)
{
    const unsigned char a[20] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    unsigned char b[20] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    b[10] = 0xff;
    ASSERT_MEM_EQ(a, b, sizeof a);
}

TEST(assert, values_by_type)
{
    char c = 'a';
    unsigned u = 1u;
    long neg = -1;
    double d = 0.1 + 0.2;
    EXPECT_EQ(c, 'b');
    EXPECT_GT(neg, u);
    EXPECT_EQ(d, 0.3);
    EXPECT_NEAR(d, 0.5, 0.01);
    EXPECT_FALSE(u == 1u);
}

TEST(assert, pointers)
{
    int x = 0;
    int *none = NULL;
    EXPECT_NOT_NULL(none);
    EXPECT_NULL(&x);
}

TEST(assert, fail_and_log)
{
    ptest_log("step %d of %d", 1, 2);
    FAIL("explicit failure: %s", "bad state");
}

/* pass.c - tests that pass: the quiet path. A passing test's output and
 * ptest_log lines are not shown. Used by golden/pass.t and the black-box
 * tests of closed stdout and -j 0. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>

TEST(pass, arithmetic)
{
    ASSERT_EQ(2 + 2, 4);
    EXPECT_NE(1, 2);
    EXPECT_LT(-1, 1u); /* compared by value, not by C's conversions */
}

TEST(pass, strings)
{
    EXPECT_STR_EQ("abc", "abc");
    EXPECT_STR_NE("abc", "abd");
    EXPECT_MEM_EQ("abc", "abc", 3);
}

TEST(pass, output_is_hidden)
{
    printf("stdout of a passing test\n");
    fprintf(stderr, "stderr of a passing test\n");
    ptest_log("a log line of a passing test");
}

TEST(pass, floats)
{
    EXPECT_NEAR(0.1 + 0.2, 0.3, 1e-9);
    EXPECT_GT(2.5, 2);
}

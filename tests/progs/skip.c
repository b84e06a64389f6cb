/* skip.c - skipped tests: by the SKIP option (the body never runs) and at
 * run time with SKIP_TEST (the rest of the body does not run). Skips do
 * not fail the run. */
#define PTEST_MAIN
#include "ptest.h"

TEST(skip, by_option, SKIP("not on this platform"))
{
    FAIL("a skipped test's body never runs");
}

TEST(skip, at_run_time)
{
    SKIP_TEST("needs %s", "a network");
    FAIL("not reached after SKIP_TEST");
}

TEST(skip, runs)
{
    EXPECT_EQ(1, 1);
}

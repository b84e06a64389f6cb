/* xfail.c - tests expected to fail. Failing (by assertion or by crash) is
 * an xfail and does not fail the run; passing is an xpass, which does. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdlib.h>

TEST(xfail, fails, XFAIL("bug 12"))
{
    EXPECT_EQ(1, 2);
}

TEST(xfail, crashes, XFAIL("bug 13"))
{
    abort();
}

TEST(xfail, passes, XFAIL("bug 14"))
{
    EXPECT_EQ(1, 1);
}

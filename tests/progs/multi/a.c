/* multi/a.c - tests and a marker in a second translation unit. */
#include "ptest.h"

PTEST_MARKER(storage, "touches the disk");

TEST(a, passes, MARK(storage))
{
    EXPECT_STR_EQ("a", "a");
}

TEST(a, fails)
{
    EXPECT_EQ(2 * 21, 41);
}

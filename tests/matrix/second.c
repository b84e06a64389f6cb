/* second.c - a second translation unit of the matrix binary. */
#include "ptest.h"

TEST(second, counts, MARK(matrix)) { EXPECT_EQ(2 + 2, 4); }
TEST(second, strings) { EXPECT_STR_EQ("a" "b", "ab"); }

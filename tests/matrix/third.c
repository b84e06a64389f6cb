/* third.c - a third translation unit of the matrix binary. */
#include "ptest.h"

TEST(third, bits, MARK(slow)) { EXPECT_EQ(1u << 4, 16u); }

/* multi/b.c - a third translation unit, using the marker a.c declares. */
#include "ptest.h"

#include <stdlib.h>

TEST(b, uses_storage, MARK(storage), MARK(slow))
{
    EXPECT_TRUE(1);
}

TEST(b, crashes)
{
    abort();
}

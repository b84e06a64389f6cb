/* no_short_names.c - PTEST_NO_SHORT_NAMES removes the aliases, so this
 * translation unit can define its own TEST and ASSERT. */
#define PTEST_NO_SHORT_NAMES
#include "ptest.h"

#define TEST(x) ((x) * 2)
#define ASSERT(x) ((void)(x))

PTEST_TEST(prefixed, only, PTEST_MARK(unit))
{
    ASSERT(0);
    PTEST_ASSERT_EQ(TEST(21), 42);
}

/* no_short_names.c - PTEST_NO_SHORT_NAMES removes the aliases, so this
 * translation unit can define its own TEST and ASSERT. */
#define PTEST_NO_SHORT_NAMES
#include "ptest.h"

#define TEST(x) ((x) * 2)
#define ASSERT(x) ((void)(x))
#define FIXTURE(x) ((x) + 1)
#define TEST_F(x) ((x) - 1)

PTEST_TEST(prefixed, only, PTEST_MARK(unit))
{
    ASSERT(0);
    PTEST_ASSERT_EQ(TEST(21), 42);
}

PTEST_FIXTURE(prefixed_fx)
{
    int x;
};
PTEST_FIXTURE_SETUP(prefixed_fx) { self->x = FIXTURE(1); }
PTEST_FIXTURE_TEARDOWN(prefixed_fx) { self->x = 0; }

PTEST_TEST_F(prefixed_fx, only, PTEST_MARK(unit))
{
    PTEST_ASSERT_EQ(self->x, 2);
    PTEST_ASSERT_EQ(TEST_F(self->x), 1);
}

/* skip_more.c - skips that are not the test's own decision. A TEST_P over
 * an array of no elements has one case, skipped, as pytest's empty
 * parameter set (the array needs GNU C: __extension__ keeps -Wpedantic
 * quiet). A SKIP_TEST in a TEARDOWN only ends the teardown: the body ran,
 * so a passing test passes and a passing XFAIL test is an XPASS. */
#define PTEST_MAIN
#include "ptest.h"

__extension__ static const int none[] = {};
static const int some[] = {1, 2};

TEST_P(params, none, int, none)
{
    FAIL("an empty parameter set has no element to run with");
}

TEST_P(params, some, int, some)
{
    EXPECT_GT(*PARAM, 0);
}

static void skip_after(void)
{
    SKIP_TEST("teardown has nothing to clean");
}

TEST(teardown, skips, TEARDOWN(skip_after))
{
    EXPECT_EQ(1, 1);
}

TEST(teardown, skips_after_xpass, XFAIL("bug 15"), TEARDOWN(skip_after))
{
    EXPECT_EQ(1, 1);
}

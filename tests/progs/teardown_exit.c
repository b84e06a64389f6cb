/* teardown_exit.c - a SUITE_TEARDOWN that calls exit(0) once its tests
 * are done. In the runner's own process (-j 0, --pool=thread) that ends
 * the run, which must then exit 3, never 0, saying why. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdlib.h>

SUITE_TEARDOWN(leaving)
{
    exit(0);
}

TEST(leaving, passes)
{
    EXPECT_EQ(1, 1);
}

TEST(leaving, fails)
{
    FAIL("a real failure");
}

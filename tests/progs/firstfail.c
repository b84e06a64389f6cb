/* firstfail.c - a failure first, then 300 trivial tests: the fork pool
 * hands trivial tests out in batches of dozens, and -x must not run the
 * rest of the failing test's batch. The worker stops its batch after a
 * failure under -x; under --maxfail=N it stops when the runner says so. */
#define PTEST_MAIN
#include "ptest.h"

static const int many[300];

TEST(first, fails)
{
    FAIL("the first failure");
}

TEST_P(first, then_passes, int, many)
{
    (void)PARAM;
}

/* coverage.c - gcov data from the fork pool is complete: the example suite
 * built with --coverage gives the same per-file line coverage run on two
 * workers as run inline (tests/integration/coverage.sh, with gcovr).
 * Skipped when gcovr is not installed, except under PTEST_CI=1. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <string.h>

TEST(integration, coverage_through_the_fork_pool, MARK(integration), MARK(slow),
     TIMEOUT(240), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    bb_run("sh tests/integration/coverage.sh", 0, 220, &r);
    BB_EXPECT_CLEAN(&r);
    if (r.exit_code == BB_SKIP_STATUS)
        bb_skip_result(&r);
    EXPECT_EQ_MSG(r.exit_code, 0, "tests/integration/coverage.sh failed:\n%s", r.output);
    EXPECT_NOT_NULL_MSG(strstr(r.output, "coverage equals the inline"),
                        "no verdict in:\n%s", r.output);
    bb_result_free(&r);
}

/* reports_tools.c - the report files read by their real consumers (xmllint,
 * Python's XML and JSON parsers, prove): tests/integration/reports.sh.
 * Skipped when one of them is not installed, except under PTEST_CI=1. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <string.h>

TEST(integration, reports_read_by_their_consumers, MARK(integration),
     TIMEOUT(120), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    bb_run("sh tests/integration/reports.sh", 0, 100, &r);
    BB_EXPECT_CLEAN(&r);
    if (r.exit_code == BB_SKIP_STATUS)
        bb_skip_result(&r);
    EXPECT_EQ_MSG(r.exit_code, 0, "tests/integration/reports.sh failed:\n%s", r.output);
    EXPECT_NOT_NULL_MSG(strstr(r.output, "reports: all checks passed"),
                        "no verdict in:\n%s", r.output);
    bb_result_free(&r);
}

/* views.c - --trace read by Python's json and checked against the run's
 * own events, --html read by xmllint, Python's HTML parser and headless
 * Chromium, with hostile test output: tests/integration/views.sh.
 * Skipped when one of them is not installed, except under PTEST_CI=1. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <string.h>

TEST(integration, trace_and_html_read_by_their_consumers, MARK(integration),
     TIMEOUT(300), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    bb_run("sh tests/integration/views.sh", 0, 280, &r);
    BB_EXPECT_CLEAN(&r);
    if (r.exit_code == BB_SKIP_STATUS)
        bb_skip_result(&r);
    EXPECT_EQ_MSG(r.exit_code, 0, "tests/integration/views.sh failed:\n%s", r.output);
    EXPECT_NOT_NULL_MSG(strstr(r.output, "views: all checks passed"),
                        "no verdict in:\n%s", r.output);
    bb_result_free(&r);
}

/* packaging/bazel-example under a real Bazel, offline, in three shards:
 * tests/integration/bazel.sh (a cold Bazel: about a minute). */
TEST(integration, bazel_example_shards, MARK(integration), MARK(slow),
     TIMEOUT(600), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    bb_run("sh tests/integration/bazel.sh", 0, 580, &r);
    BB_EXPECT_CLEAN(&r);
    if (r.exit_code == BB_SKIP_STATUS)
        bb_skip_result(&r);
    EXPECT_EQ_MSG(r.exit_code, 0, "tests/integration/bazel.sh failed:\n%s", r.output);
    EXPECT_NOT_NULL_MSG(strstr(r.output, "bazel: all checks passed"),
                        "no verdict in:\n%s", r.output);
    bb_result_free(&r);
}

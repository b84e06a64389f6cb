/* forensics.c - a test stopped for its timeout shows where it was: the
 * last assertion or ptest_log line it reached and (glibc, not on Windows)
 * its stack, in its captured stderr. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <string.h>

TEST(blackbox, timeout_shows_where_the_test_was, MARK(integration),
     TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    bb_run("tests/progs/hang -j 1 -k sleeps", 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NOT_NULL_MSG(strstr(r.output, "TIMEOUT hang.sleeps"), "%s", r.output);
    EXPECT_NOT_NULL_MSG(strstr(r.output, "last reached tests/progs/hang.c:20"), "%s",
                        r.output);
#if defined(__GLIBC__)
    /* glibc's backtrace(), from the worker's SIGTERM handler; a Windows
     * worker past its deadline is terminated, with no handler to run */
    if (!bb_on("windows"))
        EXPECT_NOT_NULL_MSG(strstr(r.output,
                                   "[ptest: the test's stack when it was stopped]"),
                            "no backtrace in:\n%s", r.output);
#endif
    bb_result_free(&r);
}

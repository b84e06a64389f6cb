/* edge.c - the corners of ptest_discover_tests, for tests/integration/run.sh:
 * outcomes CTest must tell apart, options that must reach every test, and
 * tests the EXTRA_ARGS must keep from being discovered. Some fail on purpose:
 * run.sh checks that each gets the CTest result written beside it. */
#define _POSIX_C_SOURCE 200809L
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

PTEST_MARKER(excluded, "EXTRA_ARGS deselects these: never discovered");
PTEST_MARKER(db, "a marker that becomes a CTest label");

/* Passed. */
TEST(edge, passes, MARK(db)) { ASSERT_TRUE(1); }

/* Failed, though its output holds the line of a skipped run. */
TEST(edge, fails_saying_skipped)
{
    printf("ptest: 0 passed, 0 failed, 1 skipped\n");
    FAIL("failing on purpose");
}

/* Failed: a crash. */
TEST(edge, crashes) { raise(SIGSEGV); }

/* Skipped: at run time, and as an expected failure. */
TEST(edge, skips_at_run_time) { SKIP_TEST("skipped on purpose"); }
TEST(edge, xfails, XFAIL("fails on purpose")) { FAIL("expected"); }

/* Failed: past its TIMEOUT (1 s), which is its CTest TIMEOUT too. */
TEST(edge, times_out, TIMEOUT(1))
{
    struct timespec ts = {30, 0};
    nanosleep(&ts, NULL);
}

/* Passed: the PROPERTIES' ENVIRONMENT (a list) and WORKING_DIRECTORY (a
 * directory of the build, holding edge-workdir.txt) reach the test. */
TEST(edge, sees_properties, RESOURCE(edge_lock))
{
    FILE *f = fopen("edge-workdir.txt", "r");
    ASSERT_NOT_NULL_MSG(f, "not run in WORKING_DIRECTORY");
    fclose(f);
    ASSERT_NOT_NULL(getenv("EDGE_A"));
    ASSERT_STR_EQ(getenv("EDGE_A"), "1");
    ASSERT_NOT_NULL(getenv("EDGE_B"));
    ASSERT_STR_EQ(getenv("EDGE_B"), "2");
}

/* Passed: RESOURCE(pair) of capacity 2 is two CTest locks, pair#1 and
 * pair#2, dealt in turn; SLOTS(2) is PROCESSORS 2. */
PTEST_RESOURCE(pair, 2);
TEST(edge, pair_a, RESOURCE(pair)) { ASSERT_TRUE(1); }
TEST(edge, pair_b, RESOURCE(pair), SLOTS(2)) { ASSERT_TRUE(1); }
TEST(edge, pair_c, RESOURCE(pair)) { ASSERT_TRUE(1); }

/* Never discovered: -m "not excluded" in EXTRA_ARGS. */
TEST(edge, excluded, MARK(excluded)) { FAIL("should not have been discovered"); }

struct one { int n; };
static const struct one ones[] = {{1}, {2}};
TEST_P(edge, param, struct one, ones) { ASSERT_GT(PARAM->n, 0); }

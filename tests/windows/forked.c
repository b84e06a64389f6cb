/* forked.c - what tests/windows/run.sh checks under Wine: --forked runs
 * each test in a process of its own. Each test counts the tests its
 * process has run and expects to be the first; without --forked, one
 * worker runs them all and all but its first fail (run.sh checks that
 * too, so the check can fail). */
#define PTEST_MAIN
#include "ptest.h"

static int tests_here; /* tests this process has run */

TEST(forked, first) { EXPECT_EQ(++tests_here, 1); }
TEST(forked, second) { EXPECT_EQ(++tests_here, 1); }
TEST(forked, third) { EXPECT_EQ(++tests_here, 1); }
TEST(forked, fourth) { EXPECT_EQ(++tests_here, 1); }

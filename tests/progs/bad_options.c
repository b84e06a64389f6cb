/* bad_options.c - contradictory or impossible options: a negative
 * TIMEOUT and two deaths expected of one test. Definition errors, exit 2. */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>

TEST(defs, negative_timeout, TIMEOUT(-1))
{
}

TEST(defs, two_deaths, EXPECT_SIGNAL(SIGABRT), EXPECT_EXIT(1))
{
}

/* durations.c - a fast test defined before a slow one (100 ms). Once a
 * run has cached their durations, the runner starts the slow one first
 * (the longest first, so parallel runs end sooner); with PTEST_STABLE=1
 * its transcript must not change for that. */
#define PTEST_MAIN
#include "ptest.h"

#include <time.h>

TEST(order, fast)
{
    EXPECT_EQ(1, 1);
}

TEST(order, slow)
{
    struct timespec ts = {0, 100 * 1000 * 1000};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* sleepy.c - 64 tests that each sleep 50 ms: I/O bound, so -j 16 runs
 * them 16 at a time. The black-box tests check counts and exit codes, and
 * never timings. */
#define PTEST_MAIN
#include "ptest.h"

#include <time.h>

static const int naps[64];

TEST_P(sleepy, nap, int, naps)
{
    struct timespec ts = {0, 50 * 1000 * 1000};
    while (nanosleep(&ts, &ts) != 0)
        ;
    EXPECT_EQ(*PARAM, 0);
}

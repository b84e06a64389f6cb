/* ticker.c - 200 tests of 250 ms, for `./ticker -v -j 4 | head -1`: the
 * whole run would take 12.5 s, but the runner must notice its closed
 * stdout at the next line it writes, stop, and leave nothing behind. */
#define PTEST_MAIN
#include "ptest.h"

#include <time.h>

static const int ticks[200];

TEST_P(ticker, tick, int, ticks)
{
    struct timespec ts = {0, 250 * 1000 * 1000};
    (void)PARAM;
    while (nanosleep(&ts, &ts) != 0)
        ;
}

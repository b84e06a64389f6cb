/* queued.c - tests slow enough (3 ms) that the fork pool queues each
 * worker's next case behind the one it runs. A worker that dies in a test
 * (crashes.abort, hangs.forever past its TIMEOUT) must take only that test
 * down: the case queued behind it runs on a fresh worker and passes. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "pause.h"

static const int naps[20];

static void nap(void)
{
    struct timespec ts = {0, 3000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

TEST_P(queued, before, int, naps) { (void)PARAM; nap(); }

TEST(crashes, abort)
{
    nap();
    printf("about to abort\n");
    fflush(stdout);
    abort();
}

TEST(queued, after_crash) { nap(); printf("ran after the crash\n"); }

TEST(hangs, forever, TIMEOUT(0.5))
{
    for (;;)
        prog_pause();
}

TEST(queued, after_hang) { nap(); }

TEST_P(queued, later, int, naps) { (void)PARAM; nap(); }

/* crash.c - tests that kill their worker: a segfault and an abort. Each is
 * reported with its signal's name and the output it wrote before dying;
 * the worker is replaced and the run goes on (crash.survivor passes). */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>
#include <stdlib.h>

TEST(crash, segfault)
{
    volatile int *volatile p = NULL;
    printf("about to write through NULL\n");
    fflush(stdout);
    *p = 42;
}

TEST(crash, abort)
{
    ptest_log("about to abort");
    abort();
}

TEST(crash, survivor)
{
    EXPECT_EQ(1, 1);
}

/* exits.c - tests that end their worker with exit() or _exit(). A test
 * passes only when its worker says so: exit(0) is a failure too ("called
 * exit(0)"), never a pass. exits.survivor shows the run goes on. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

TEST(exits, exit_0)
{
    printf("buffered, flushed by exit()\n");
    exit(0);
}

TEST(exits, exit_3)
{
    exit(3);
}

TEST(exits, underscore_exit_0)
{
    _exit(0);
}

TEST(exits, survivor)
{
    EXPECT_EQ(1, 1);
}

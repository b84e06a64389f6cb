/* pausable.c - two tests of 20 naps of 50 ms (1 s) under TIMEOUT(2), for
 * Ctrl-Z: while the run is stopped (SIGTSTP) no test may progress, and
 * after fg (SIGCONT) the time stopped does not count against the timeout,
 * so both pass although the run takes longer than 2 s. */
#define PTEST_MAIN
#include "ptest.h"

#include <unistd.h>

static void naps(void)
{
    int i;
    for (i = 0; i < 20; i++)
        usleep(50 * 1000);
}

TEST(pausable, one, TIMEOUT(2))
{
    naps();
    EXPECT_EQ(1, 1);
}

TEST(pausable, two, TIMEOUT(2))
{
    naps();
    EXPECT_EQ(2, 2);
}

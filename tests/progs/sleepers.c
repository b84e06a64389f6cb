/* sleepers.c - tests that sleep far longer than any black-box test waits
 * (TIMEOUT(120)), one of them deaf to SIGTERM: the runner is interrupted
 * (SIGINT, SIGTERM) while they run and must stop them all. */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>
#include <unistd.h>

static const int beds[6];

TEST(sleepers, deaf, TIMEOUT(120))
{
    signal(SIGTERM, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    for (;;)
        pause();
}

TEST_P(sleepers, bed, int, beds, TIMEOUT(120))
{
    (void)PARAM;
    for (;;)
        pause();
}

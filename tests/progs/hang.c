/* hang.c - tests that never finish, with TIMEOUT(0.5): one sleeps, one
 * ignores SIGTERM, one blocks every signal. Each is reported as timed out
 * with its output so far; the runner's SIGTERM, grace and SIGKILL end even
 * the stubborn ones, and the run goes on (hang.survivor passes); even
 * the worker that moved itself into the runner's process group, out of
 * reach of a signal to its own group.
 * hang.default_timeout has no TIMEOUT(): run it with --timeout=SEC or
 * PTEST_TIMEOUT (the default is 60 s). */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>
#include <stdio.h>
#include "pause.h"

TEST(hang, sleeps, TIMEOUT(0.5))
{
    printf("going to sleep\n");
    fflush(stdout);
    ptest_log("last words");
    for (;;)
        prog_pause();
}

TEST(hang, ignores_sigterm, TIMEOUT(0.5))
{
    signal(SIGTERM, SIG_IGN);
    for (;;)
        prog_pause();
}

TEST(hang, blocks_all_signals, TIMEOUT(0.5))
{
#if !defined(_WIN32) /* no signals to block there: it only waits */
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);
#endif
    for (;;)
        prog_pause();
}

TEST(hang, leaves_its_group, TIMEOUT(0.5))
{
#if !defined(_WIN32) /* no process groups there: it only waits */
    setpgid(0, getpgid(getppid()));
#endif
    for (;;)
        prog_pause();
}

TEST(hang, default_timeout)
{
    for (;;)
        prog_pause();
}

TEST(hang, survivor)
{
    EXPECT_EQ(1, 1);
}

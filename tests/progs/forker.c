/* forker.c - tests that start children and leave them behind: one sleeps
 * forever, one ignores SIGTERM too. The tests pass; the children must not
 * outlive the run. The black-box harness fails a run that leaves any
 * process in its session. */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>
#include <unistd.h>

static pid_t spawn_sleeper(int deaf)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (deaf)
            signal(SIGTERM, SIG_IGN);
        for (;;)
            pause();
    }
    return pid;
}

TEST(forker, leaves_a_child)
{
    ASSERT_GT(spawn_sleeper(0), 0);
}

TEST(forker, leaves_a_deaf_child)
{
    ASSERT_GT(spawn_sleeper(1), 0);
}

TEST(forker, after)
{
    EXPECT_EQ(1, 1);
}

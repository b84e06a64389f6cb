/* forker.c - tests that start children and leave them behind: one sleeps
 * forever, one ignores SIGTERM too, one is a daemon (double fork, its own
 * session). The tests pass with a warning naming them; the children must
 * not outlive the run. The black-box harness fails a run that leaves any
 * process in its session. */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>
#include <sys/wait.h>
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

TEST(forker, leaves_a_daemon)
{
    pid_t pid = fork();
    if (pid == 0) { /* the daemon's parent: a new session, then gone */
        setsid();
        spawn_sleeper(1);
        _exit(0);
    }
    ASSERT_GT(pid, 0);
    ASSERT_EQ(waitpid(pid, NULL, 0), pid);
}

TEST(forker, after)
{
    EXPECT_EQ(1, 1);
}

/* stopped.c - tests that stop their own worker with a signal only another
 * process can undo: raise(SIGSTOP), and raise(SIGTTIN), which is what
 * reading the terminal does to a worker (a background process group).
 * Each times out, and its report names the signal that had it stopped.
 * stopped.continued stops itself too, but the child it started continues
 * it: it passes, as does stopped.survivor. POSIX only. */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

TEST(stopped, by_sigstop, TIMEOUT(0.5))
{
    raise(SIGSTOP);
}

TEST(stopped, by_sigttin, TIMEOUT(0.5))
{
    raise(SIGTTIN);
}

/* The child sends SIGCONT until it is killed: one sent before the stop
 * would be lost. */
TEST(stopped, continued, TIMEOUT(5))
{
    pid_t parent = getpid(), child = fork();
    int status = 0;
    ASSERT_GE(child, 0);
    if (child == 0) {
        struct timespec tick = {0, 10 * 1000000L};
        for (;;) {
            nanosleep(&tick, NULL);
            kill(parent, SIGCONT);
        }
    }
    raise(SIGSTOP);
    kill(child, SIGKILL);
    EXPECT_EQ(waitpid(child, &status, 0), child);
}

TEST(stopped, survivor)
{
    EXPECT_EQ(1, 1);
}

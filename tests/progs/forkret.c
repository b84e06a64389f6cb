/* forkret.c - tests that fork() and let the child come back into the test
 * body: it returns, asserts, fails or skips there. The child ends where it
 * leaves the body (status 1 if the test has failed by then), never runs
 * the next test or reports; its failures are the test's. */
#define PTEST_MAIN
#include "ptest.h"

#include <sys/wait.h>
#include <unistd.h>

/* The child's exit status, or -1 if it did not exit. */
static int reap(pid_t pid)
{
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -2;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(forkret, child_returns)
{
    pid_t pid = fork();
    if (pid == 0)
        return;
    EXPECT_EQ(reap(pid), 0);
}

TEST(forkret, child_fails)
{
    pid_t pid = fork();
    if (pid == 0)
        FAIL("in the child");
    EXPECT_EQ(reap(pid), 1);
}

TEST(forkret, child_expect_fails)
{
    pid_t pid = fork();
    if (pid == 0) {
        EXPECT_EQ(2 + 2, 5);
        return;
    }
    EXPECT_EQ(reap(pid), 1);
}

TEST(forkret, child_skips)
{
    pid_t pid = fork();
    if (pid == 0)
        SKIP_TEST("only the child skips");
    EXPECT_EQ(reap(pid), 0);
}

TEST(forkret, parent_fails)
{
    pid_t pid = fork();
    if (pid == 0)
        return;
    EXPECT_EQ(reap(pid), 0);
    FAIL("in the parent");
}

TEST(forkret, after)
{
    EXPECT_EQ(1, 1);
}

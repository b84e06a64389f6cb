/* violent.c - tests that end their process the hard ways: endless
 * recursion (a stack overflow, which only a handler on an alternate stack
 * can see), SIGKILL sent to itself (no handler can see that), a raised
 * SIGBUS, and _exit(0) from a helper function. Each is reported for what
 * it was, and the run goes on to violent.survivor. */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>
#include <unistd.h>

/* Recurses until the stack runs out; depth keeps the compiler from
 * proving it endless (and from turning it into a loop). */
static volatile long depth_limit = -1;

static int recurse(volatile char *previous, long depth)
{
    volatile char frame[512];
    frame[0] = previous ? previous[0] : 1;
    if (depth == depth_limit)
        return 0;
    return recurse(frame, depth + 1) + frame[0];
}

TEST(violent, stack_overflow)
{
    ptest_log("recursing");
    EXPECT_EQ(recurse(NULL, 0), 0);
}

TEST(violent, kills_itself)
{
    kill(getpid(), SIGKILL);
}

TEST(violent, raises_sigbus)
{
    raise(SIGBUS);
}

static void leave(void)
{
    _exit(0);
}

TEST(violent, exits_from_a_helper)
{
    leave();
}

TEST(violent, survivor)
{
    EXPECT_EQ(1, 1);
}

/* death.c - death tests: EXPECT_SIGNAL and EXPECT_EXIT run the body in a
 * fresh fork and pass when it dies as declared. The death.bad_* tests
 * fail: the body returned, died of another signal, exited with another
 * code, or failed an assertion (even a non-fatal EXPECT) first. */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

TEST(death, segfault, EXPECT_SIGNAL(SIGSEGV))
{
    volatile int *volatile p = NULL;
    *p = 1;
}

TEST(death, abort, EXPECT_SIGNAL(SIGABRT))
{
    abort();
}

TEST(death, exit_3, EXPECT_EXIT(3))
{
    exit(3);
}

TEST(death, exit_0, EXPECT_EXIT(0))
{
    exit(0);
}

TEST(death, underscore_exit_7, EXPECT_EXIT(7))
{
    _exit(7);
}

TEST(death, bad_returns, EXPECT_SIGNAL(SIGSEGV))
{
    ptest_log("returning normally");
}

TEST(death, bad_signal, EXPECT_SIGNAL(SIGSEGV))
{
    abort();
}

TEST(death, bad_code, EXPECT_EXIT(2))
{
    exit(3);
}

TEST(death, bad_signal_not_exit, EXPECT_EXIT(1))
{
    raise(SIGTERM);
}

TEST(death, bad_assertion_first, EXPECT_EXIT(0))
{
    ASSERT_EQ(1, 2);
    exit(0);
}

TEST(death, bad_returns_not_exit_0, EXPECT_EXIT(0))
{
}

TEST(death, bad_expect_then_abort, EXPECT_SIGNAL(SIGABRT))
{
    EXPECT_EQ(1, 2);
    abort();
}

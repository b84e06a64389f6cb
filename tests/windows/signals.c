/* signals.c - what tests/windows/run.sh checks under Wine: the signals of
 * death tests in Windows terms (docs/platforms.md has the table). Each
 * sig.* death test dies the way its name says and passes when ptest maps
 * that end to the declared signal; the bad.* ones die of something else
 * and fail, naming the exception. The crash.* tests are no death tests:
 * their outcome names the exception that ended them. */
#define PTEST_MAIN
#include "ptest.h"

#include <assert.h>
#include <signal.h>
#include <stdlib.h>

static volatile int zero, seven = 7; /* 1 / x compiles to no division */

TEST(sig, access_violation, EXPECT_SIGNAL(SIGSEGV))
{
    volatile int *volatile p = NULL;
    *p = 1;
}

TEST(sig, raise_segv, EXPECT_SIGNAL(SIGSEGV))
{
    raise(SIGSEGV);
}

TEST(sig, int_divide_by_zero, EXPECT_SIGNAL(SIGFPE))
{
    volatile int n = seven / zero;
    (void)n;
}

TEST(sig, raise_fpe, EXPECT_SIGNAL(SIGFPE))
{
    raise(SIGFPE);
}

TEST(sig, illegal_instruction, EXPECT_SIGNAL(SIGILL))
{
    __builtin_trap();
}

TEST(sig, abort, EXPECT_SIGNAL(SIGABRT))
{
    abort();
}

TEST(sig, failed_assert, EXPECT_SIGNAL(SIGABRT))
{
    assert(zero == 1);
}

TEST(sig, raise_term, EXPECT_SIGNAL(SIGTERM))
{
    raise(SIGTERM);
}

TEST(sig, exit_3_is_no_abort, EXPECT_EXIT(3))
{
    exit(3);
}

TEST(bad, divide_is_no_segv, EXPECT_SIGNAL(SIGSEGV))
{
    volatile int n = seven / zero;
    (void)n;
}

TEST(bad, exit_3_is_no_abort, EXPECT_SIGNAL(SIGABRT))
{
    exit(3);
}

TEST(crash, int_divide_by_zero)
{
    volatile int n = seven / zero;
    (void)n;
}

TEST(crash, raise_term)
{
    raise(SIGTERM);
}

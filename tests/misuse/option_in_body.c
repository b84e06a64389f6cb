/* option_in_body.c - an option macro written as a statement in a test's
 * body, a mistake that must not compile. Built by tests/blackbox/misuse.c
 * with -DMISUSE=N (1..10, one option each); without MISUSE the same options
 * are used correctly, in TEST's list, and the file must compile cleanly.
 * Not a test program: nothing runs it. */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>

static void fixture(void) {}

TEST(misuse, correct, MARK(slow), TIMEOUT(3), SKIP("x"), XFAIL("r"),
     RESOURCE(db), SETUP(fixture), TEARDOWN(fixture))
{
}

PTEST_RESOURCE(pool, 3);
TEST(misuse, shared, RESOURCE(pool), SLOTS(2)) {}
TEST(misuse, death, EXPECT_SIGNAL(SIGABRT)) {}
TEST(misuse, exits, EXPECT_EXIT(3)) {}

#if defined(MISUSE)
TEST(misuse, in_body)
{
#if MISUSE == 1
    MARK(slow);
#elif MISUSE == 2
    TIMEOUT(3);
#elif MISUSE == 3
    SKIP("not here");
#elif MISUSE == 4
    XFAIL("r");
#elif MISUSE == 5
    RESOURCE(db);
#elif MISUSE == 6
    SETUP(fixture);
#elif MISUSE == 7
    TEARDOWN(fixture);
#elif MISUSE == 8
    EXPECT_SIGNAL(SIGABRT);
#elif MISUSE == 9
    PTEST_EXPECT_EXIT(3);
#elif MISUSE == 10
    SLOTS(2);
#endif
}
#endif

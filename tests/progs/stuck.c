/* stuck.c - fixtures that never finish, or crash, chosen by the
 * environment; run with a short --timeout.
 *   WORKER_HANG=every    WORKER_SETUP pauses forever in every worker: no
 *                        test can run, and the run says why, in time
 *   WORKER_HANG=first    only in worker gw0: the others run the tests,
 *                        and gw0 is stopped a second after none is left
 *   SETUP_FAIL=first     WORKER_SETUP fails an assertion in gw0 after
 *                        0.5 s: the others run the tests, and a warning
 *                        says that gw0's set-up failed
 *   SLOW=1               the fine tests sleep 1 s each (TIMEOUT(10)): a
 *                        set-up times out while the tests still run
 *   FAIL_ONE=1           fine.one fails (for -x)
 *   SUITE_HANG=1         SUITE_SETUP(stuck) pauses forever: each of its
 *                        tests times out, suite "fine" passes
 *   SUITE_CRASH=1        SUITE_SETUP(stuck) aborts: each of its tests
 *                        crashes, suite "fine" passes
 *   TEARDOWN_FAIL=suite  SUITE_TEARDOWN(stuck) fails an assertion
 *   TEARDOWN_FAIL=worker WORKER_TEARDOWN fails an assertion
 *                        (either fails the run after its tests passed)
 *   TEARDOWN_CRASH=1     WORKER_TEARDOWN aborts (after the above)
 * The last two behave the same in the fork pool and under --forked, where
 * a suite is set up in the worker, outside the test's own process. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdlib.h>
#include <string.h>
#include "pause.h"

static int wants(const char *name, const char *value)
{
    const char *v = getenv(name);
    return v && (strcmp(value, "*") == 0 || strcmp(v, value) == 0);
}

static void maybe_slow(void)
{
    if (wants("SLOW", "*"))
        usleep(1000 * 1000);
}

WORKER_SETUP()
{
    if (wants("SETUP_FAIL", "first") && ptest_worker_id() == 0) {
        usleep(500 * 1000);
        ASSERT_TRUE_MSG(0, "gw0 cannot set up");
    }
    if (wants("WORKER_HANG", "every") ||
        (wants("WORKER_HANG", "first") && ptest_worker_id() == 0))
        for (;;)
            prog_pause();
}

SUITE_SETUP(stuck)
{
    if (wants("SUITE_CRASH", "*"))
        abort();
    if (wants("SUITE_HANG", "*"))
        for (;;)
            prog_pause();
}

SUITE_TEARDOWN(stuck)
{
    EXPECT_FALSE(wants("TEARDOWN_FAIL", "suite"));
}

WORKER_TEARDOWN()
{
    EXPECT_FALSE(wants("TEARDOWN_FAIL", "worker"));
    if (wants("TEARDOWN_CRASH", "*"))
        abort();
}

TEST(stuck, one)
{
    EXPECT_EQ(1, 1);
}

TEST(stuck, two)
{
    EXPECT_EQ(2, 2);
}

TEST(fine, one, TIMEOUT(10))
{
    maybe_slow();
    EXPECT_FALSE(wants("FAIL_ONE", "*"));
}

TEST(fine, two, TIMEOUT(10))
{
    maybe_slow();
    EXPECT_EQ(2, 2);
}

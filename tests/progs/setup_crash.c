/* setup_crash.c - a WORKER_SETUP that aborts: in every worker
 * (SETUP_CRASH=every), so no test can run and the run fails saying why,
 * or in the first worker only (SETUP_CRASH=first), so the others run
 * every test and the run says that a worker died. With TEARDOWN_CRASH
 * set, WORKER_TEARDOWN aborts after the tests, which the run says too;
 * with TEARDOWN_EXIT, it calls exit(0), which looks like a clean quit but
 * skips what was left of the teardown, and the run says that too. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdlib.h>
#include <string.h>

WORKER_SETUP()
{
    const char *when = getenv("SETUP_CRASH");
    if (when && (strcmp(when, "every") == 0 ||
                 (strcmp(when, "first") == 0 && ptest_worker_id() == 0)))
        abort();
}

WORKER_TEARDOWN()
{
    if (getenv("TEARDOWN_CRASH"))
        abort();
    if (getenv("TEARDOWN_EXIT"))
        exit(0);
}

TEST(setup_crash, one)
{
    EXPECT_EQ(1, 1);
}

TEST(setup_crash, two)
{
    EXPECT_EQ(2, 2);
}

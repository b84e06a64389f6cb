/* retire_teardown.c - a test leaves a thread running, so its worker
 * retires after it (the thread would run on under later tests); that
 * worker's WORKER_TEARDOWN then aborts. The crash is a teardown error,
 * which fails the run, not a worker that "died outside any test". */
#define PTEST_MAIN
#include "ptest.h"

#include <pthread.h>
#include <stdlib.h>
#include "pause.h"

static void *sleeper(void *arg)
{
    (void)arg;
    for (;;)
        prog_pause();
    return NULL;
}

WORKER_TEARDOWN()
{
    if (getenv("TEARDOWN_CRASH"))
        abort();
}

TEST(retire, leaves_a_thread)
{
    pthread_t t;
    ASSERT_EQ(pthread_create(&t, NULL, sleeper, NULL), 0);
    pthread_detach(t);
}

TEST(retire, after)
{
    EXPECT_EQ(1, 1);
}

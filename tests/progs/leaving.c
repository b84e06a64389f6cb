/* leaving.c - workers leave one by one as the last tests end, not all
 * together after the last one. Run with -j 3 and LEAVING_DIR set to an
 * empty directory. The two quick tests meet (each waits until the other
 * has started), so they run on two workers beside the one running
 * leaving.last. When they end, the queue is empty: one of the two stays
 * as the spare (a death in leaving.last would hand its case back), the
 * other leaves, and its WORKER_TEARDOWN writes the mark that
 * leaving.last waits for. A runner that kept every worker until the last
 * test ended would let leaving.last wait in vain (10 s) and fail. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void nap(void)
{
    struct timespec ts = {0, 5000000L};
    nanosleep(&ts, NULL);
}

/* Waits up to 10 s for the file LEAVING_DIR/name; 0 once it is there. */
static int wait_for(const char *name)
{
    char path[4096];
    int tries;
    snprintf(path, sizeof path, "%s/%s", getenv("LEAVING_DIR"), name);
    for (tries = 0; tries < 2000; tries++) {
        if (access(path, F_OK) == 0)
            return 0;
        nap();
    }
    return -1;
}

static void mark(const char *name)
{
    char path[4096];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", getenv("LEAVING_DIR"), name);
    f = fopen(path, "w");
    if (f)
        fclose(f);
}

WORKER_TEARDOWN()
{
    mark("left");
}

TEST(leaving, last)
{
    ASSERT_EQ_MSG(wait_for("left"), 0, "no worker left while this test ran");
}

TEST(leaving, quick_one)
{
    mark("one");
    ASSERT_EQ_MSG(wait_for("two"), 0, "leaving.quick_two never started");
}

TEST(leaving, quick_two)
{
    mark("two");
    ASSERT_EQ_MSG(wait_for("one"), 0, "leaving.quick_one never started");
}

/* threadexit.c - a test that ends its own thread with pthread_exit(). On
 * the thread pool that thread had the test: it is reported EXITED, a new
 * thread takes the slot, and the run goes on (threadexit.survivor). In a
 * fork worker it ends the worker's only thread, so the worker exits. */
#define PTEST_MAIN
#include "ptest.h"

#include <pthread.h>

TEST(threadexit, ends_its_thread)
{
    pthread_exit(NULL);
}

TEST(threadexit, survivor)
{
    EXPECT_EQ(1, 1);
}

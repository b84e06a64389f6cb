/* channel.c - a test that puts /dev/null on every descriptor from 3 up, as
 * code that "sanitises" its descriptors may: the worker's pipes to the
 * runner among them. Its results would go nowhere and its next batch
 * would read as the end: the worker notices that its pipes are not the
 * runner's any more, leaves, and the test gets one outcome (CRASHED, with
 * why); it runs once (each run adds a line to $CHANNEL_LOG), and the tests
 * after it run in a fresh worker. channel.nulls_and_tidies does the same
 * but closes its own descriptor: it leaked nothing, so its pass waits in
 * shared memory, where the runner finds it when the worker has left. */
#define PTEST_MAIN
#include "ptest.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

TEST(channel, before)
{
    EXPECT_EQ(1, 1);
}

/* Puts /dev/null on every descriptor from 3 up; returns its own. */
static int null_every_fd(const char *name)
{
    int fd, null;
    FILE *log = fopen(getenv("CHANNEL_LOG"), "a");
    if (log) {
        fprintf(log, "%s ran\n", name);
        fclose(log);
    }
    null = open("/dev/null", O_RDWR);
    for (fd = 3; fd < 1024; fd++)
        if (fd != null)
            dup2(null, fd);
    return null;
}

TEST(channel, nulls_every_fd)
{
    null_every_fd("nulls_every_fd");
}

TEST(channel, nulls_and_tidies)
{
    close(null_every_fd("nulls_and_tidies"));
}

TEST(channel, fails_after)
{
    FAIL("a real failure after it");
}

TEST(channel, crashes_after)
{
    raise(SIGSEGV); /* said as a crash, not as a broken pipe */
}

TEST(channel, after)
{
    EXPECT_EQ(2, 2);
}

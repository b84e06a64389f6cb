/* death_fixtures.c - a death test's SETUP() and TEARDOWN() run in the
 * test's own process, around the child that dies: the child sees what
 * SETUP() prepared, and TEARDOWN() runs once the child has ended. Each
 * step appends a line to $DEATH_LOG saying where it ran. A TEARDOWN()
 * that fails fails the test although its child died as declared; a
 * SETUP() that fails means no child at all, and TEARDOWN() still runs. */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int prepared;
static pid_t setup_pid;

static void note(const char *what)
{
    const char *path = getenv("DEATH_LOG");
    FILE *f = path ? fopen(path, "a") : NULL;
    if (!f)
        return;
    fprintf(f, "%s %s\n", what,
            getpid() == setup_pid ? "in the test's process" : "in a child");
    fclose(f);
}

static void prepare(void)
{
    setup_pid = getpid();
    prepared = 42;
    note("setup");
}

static void clean(void)
{
    note("teardown");
}

static void clean_badly(void)
{
    note("teardown");
    EXPECT_EQ(prepared, 0);
}

static void prepare_badly(void)
{
    setup_pid = getpid();
    note("setup");
    ASSERT_EQ(1, 2);
}

TEST(dfix, sees_setup, EXPECT_SIGNAL(SIGABRT), SETUP(prepare), TEARDOWN(clean))
{
    note("body");
    if (prepared == 42)
        abort();
}

TEST(dfix, teardown_fails, EXPECT_EXIT(0), SETUP(prepare), TEARDOWN(clean_badly))
{
    note("body");
    exit(0);
}

TEST(dfix, setup_fails, EXPECT_EXIT(0), SETUP(prepare_badly), TEARDOWN(clean))
{
    note("body");
    exit(0);
}

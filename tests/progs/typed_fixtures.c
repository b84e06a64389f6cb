/* typed_fixtures.c - TEST_F and TEST_F_P through the real runner. Each
 * test has its own zeroed instance of its fixture (self). Every
 * FIXTURE_TEARDOWN appends a line to $FIXTURE_LOG, so the transcript can
 * show it ran after a passing body, after a fatal ASSERT in the body,
 * after a failing FIXTURE_SETUP, and in the test's process around a death
 * test's child. The slot tests each write their own value into self,
 * sleep, and check it is still theirs: run with --pool=thread -j 8, a
 * shared instance would fail them. */
#define PTEST_MAIN
#include "ptest.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pid_t setup_pid;

/* Appends one line, in one fputs: in the thread pool another thread's
 * death test flushes every stream (fflush(NULL)) before it forks, which
 * would write half a line if it were two calls. */
static void note(const char *fmt, const char *test, int value)
{
    const char *path = getenv("FIXTURE_LOG");
    char line[256];
    size_t n;
    FILE *f = path ? fopen(path, "a") : NULL;
    if (!f)
        return;
    snprintf(line, sizeof line, fmt, test, value);
    n = strlen(line);
    snprintf(line + n, sizeof line - n, " (%s)\n",
             getpid() == setup_pid ? "where set up" : "elsewhere");
    fputs(line, f);
    fclose(f);
}

/* An account: the body names its test, the teardown logs what it sees. */
FIXTURE(acct)
{
    const char *test;
    int balance;
};

FIXTURE_SETUP(acct)
{
    setup_pid = getpid();
    ASSERT_EQ(self->balance, 0); /* fresh and zeroed */
    self->balance = 100;
}

FIXTURE_TEARDOWN(acct)
{
    note("acct teardown after %s: balance %d", self->test ? self->test : "(unnamed)",
         self->balance);
}

TEST_F(acct, deposit)
{
    self->test = "deposit";
    self->balance += 50;
    ASSERT_EQ(self->balance, 150);
}

TEST_F(acct, overdraw)
{
    self->test = "overdraw";
    self->balance -= 500;
    ASSERT_GE(self->balance, 0); /* fails: the teardown still runs */
    self->balance = 0;
}

static const int amounts[] = {10, 100, 101};

TEST_F_P(acct, withdraw, int, amounts)
{
    self->test = "withdraw";
    self->balance -= *PARAM;
    ASSERT_GE_MSG(self->balance, 0, "withdrew %d", *PARAM);
}

/* A death test: set up here, the body in a child with a copy of self
 * (what it writes stays there), the teardown here after the child. */
TEST_F(acct, dies, EXPECT_SIGNAL(SIGABRT))
{
    self->test = "dies";
    if (self->balance == 100)
        abort();
}

/* A fixture whose set-up fails: the body never runs, the teardown does,
 * and sees how far the set-up got. */
FIXTURE(vault)
{
    int opened;
};

FIXTURE_SETUP(vault)
{
    setup_pid = getpid();
    self->opened = 1;
    ASSERT_TRUE_MSG(getenv("VAULT_KEY") != NULL, "the vault is locked");
    self->opened = 2;
}

FIXTURE_TEARDOWN(vault)
{
    note("vault teardown%s: opened %d", "", self->opened);
}

TEST_F(vault, count_gold)
{
    note("vault body%s ran with opened %d", "", self->opened);
}

/* Isolation: 32 tests, each writes its own value, sleeps, checks. */
FIXTURE(slot)
{
    int mine;
    char pad[60];
    int again;
};

FIXTURE_SETUP(slot)
{
    ASSERT_EQ(self->mine, 0);
    ASSERT_EQ(self->again, 0);
}

static const int slot_ids[32] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                                 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

TEST_F_P(slot, keeps_its_own, int, slot_ids)
{
    struct timespec pause = {0, 3000000}; /* 3 ms */
    int i;
    self->mine = *PARAM * 7919;
    self->again = *PARAM;
    for (i = 0; i < 3; i++) {
        nanosleep(&pause, NULL);
        ASSERT_EQ(self->mine, *PARAM * 7919);
        ASSERT_EQ(self->again, *PARAM);
        self->again = *PARAM;
    }
}

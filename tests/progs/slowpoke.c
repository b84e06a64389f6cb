/* slowpoke.c - a test that stays running until the runner has said it is
 * slow three times, for the black-box tests of --slow (tests/blackbox/
 * slow.c): it reads the run's JSON Lines ($SLOWPOKE_JSON) until it holds
 * three test_slow events for it, so the count of notices does not depend
 * on how fast the machine is. Without SLOWPOKE_JSON it sleeps 1 s. With
 * more than 30 s of waiting it fails. Two quick tests keep it company. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void poke_nap(long ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* How many test_slow events for poke.waits the file at path holds. */
static int poke_notices(const char *path)
{
    static const char event[] = "{\"type\":\"test_slow\",\"id\":\"poke.waits\"";
    char line[512];
    int n = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        n += strncmp(line, event, sizeof event - 1) == 0;
    fclose(f);
    return n;
}

TEST(poke, quick_a) { EXPECT_EQ(1, 1); }

TEST(poke, waits)
{
    const char *path = getenv("SLOWPOKE_JSON");
    int waited;
    if (!path) {
        poke_nap(1000);
        return;
    }
    for (waited = 0; poke_notices(path) < 3; waited += 20) {
        ASSERT_LT_MSG(waited, 30000, "no third SLOW notice in 30 s");
        poke_nap(20);
    }
}

TEST(poke, quick_b) { EXPECT_EQ(2, 2); }

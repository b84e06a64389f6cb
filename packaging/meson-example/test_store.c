/* test_store.c - tests that share a file in the working directory: with
 * RESOURCE(store) they never run at the same time in a ptest run, and
 * meson.build runs the slow suite alone (is_parallel: false). */
#define _POSIX_C_SOURCE 200809L
#include "ptest.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

PTEST_MARKER(db, "uses the example's store file");

#define STORE "example-store.txt"

/* Writes text to the store, waits a moment, and checks it is still there:
 * a test touching the store at the same time would show. */
static void write_and_check(const char *text)
{
    char got[64] = "";
    struct timespec nap = {0, 50 * 1000 * 1000};
    FILE *f = fopen(STORE, "w");
    ASSERT_NOT_NULL(f);
    fputs(text, f);
    ASSERT_EQ(fclose(f), 0);
    nanosleep(&nap, NULL);
    f = fopen(STORE, "r");
    ASSERT_NOT_NULL(f);
    ASSERT_NOT_NULL(fgets(got, sizeof got, f));
    fclose(f);
    ASSERT_STR_EQ(got, text);
}

TEST(store, append, MARK(db), RESOURCE(store))
{
    write_and_check("append");
}

TEST(store, roundtrip, MARK(db), MARK(slow), RESOURCE(store), TIMEOUT(30))
{
    int i;
    char text[32];
    for (i = 0; i < 4; i++) {
        snprintf(text, sizeof text, "roundtrip %d", i);
        write_and_check(text);
    }
}

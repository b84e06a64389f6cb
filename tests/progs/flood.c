/* flood.c - 10 MB on stdout, in a passing and in a failing test. Capture
 * must not stall the worker; the failing test's report keeps the head and
 * the tail of the output with a note of how much was left out. Every line
 * is 64 bytes, so the counts in golden/flood.t are exact. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>

#define FLOOD_LINES (10 * 1024 * 1024 / 64)

static void flood(void)
{
    long i;
    for (i = 0; i < FLOOD_LINES; i++)
        printf("flood line %07ld ............................................\n", i);
}

TEST(flood, passes)
{
    flood();
}

TEST(flood, fails)
{
    flood();
    FAIL("failed after %d lines", FLOOD_LINES);
}

/* flood.c - 10 MB on stdout, in a passing and in a failing test. Capture
 * must not stall the worker; the failing test's report keeps the head and
 * the tail of the output with a note of how much was left out. Every line
 * is 64 bytes, so the counts in golden/flood.t are exact. flood.huge
 * writes 96 MiB, which the runner must not keep in memory while the test
 * runs (Linux: it frees the middle of the capture file). */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define FLOOD_LINES (10 * 1024 * 1024 / 64)
#define HUGE_LINES (96 * 1024 * 1024 / 64)

static void flood_lines(long lines)
{
    long i;
    for (i = 0; i < lines; i++)
        printf("flood line %07ld ............................................\n", i);
}

static void flood(void)
{
    flood_lines(FLOOD_LINES);
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

TEST(flood, huge)
{
    struct stat st;
    int waits;
#if !defined(__linux__)
    SKIP_TEST("capture files are trimmed on Linux only");
#endif
    ASSERT_EQ(fstat(1, &st), 0);
    if (!S_ISREG(st.st_mode))
        SKIP_TEST("stdout is not captured (-s, -j 0 or the thread pool)");
    flood_lines(HUGE_LINES);
    fflush(stdout);
    /* the runner looks every 100 ms; give it 20 s on a loaded machine */
    for (waits = 0; waits < 400; waits++) {
        ASSERT_EQ(fstat(1, &st), 0);
        if ((long long)st.st_blocks * 512 < 48ll << 20) /* half of it */
            break;
        usleep(50 * 1000);
    }
    EXPECT_EQ(st.st_size, (off_t)HUGE_LINES * 64);
    EXPECT_LT_MSG((long long)st.st_blocks * 512, 48ll << 20,
                  "the runner did not free the capture's middle");
    FAIL("failed after %d lines", HUGE_LINES);
}

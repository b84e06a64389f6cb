/* lifecycle.c - what tests/windows/run.sh checks under Wine: tests that
 * end their worker (a crash, exit(), a hang past its timeout) among tests
 * that pass, fail and write output. Every one gets its outcome and the run
 * goes on; the counts are checked by the script, not by timings. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

TEST(life, passes)
{
    EXPECT_EQ(ptest_worker_id() >= -1, 1);
}

TEST(life, fails_with_output)
{
    printf("said on stdout\n");
    fprintf(stderr, "said on stderr\n");
    EXPECT_STR_EQ("left", "right");
}

TEST(life, crashes)
{
    volatile int *volatile p = NULL;
    *p = 1;
}

TEST(life, calls_exit)
{
    exit(7);
}

TEST(life, hangs, TIMEOUT(0.5))
{
    for (;;)
        Sleep(50);
}

TEST(life, tmpdir_is_fresh)
{
    const char *dir = ptest_tmpdir();
    char path[4200];
    FILE *f;
    snprintf(path, sizeof path, "%s/file.txt", dir);
    f = fopen(path, "w");
    ASSERT_NOT_NULL(f);
    fclose(f);
}

TEST(life, after_all)
{
    EXPECT_TRUE(1);
}

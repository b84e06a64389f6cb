/* tmpdirs.c - tests that write into ptest_tmpdir() and end every way: its
 * directory goes when the test passes, skips or fails as expected (XFAIL,
 * by an assertion or a crash), and stays, named in the report, when it
 * fails or crashes. Run with --basetemp=DIR to see what is left in DIR. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void leave_a_file(void)
{
    char path[4200];
    FILE *f;
    snprintf(path, sizeof path, "%s/data.txt", ptest_tmpdir());
    f = fopen(path, "w");
    ASSERT_NOT_NULL(f);
    fputs("written by the test\n", f);
    fclose(f);
}

TEST(tmpdirs, passes)
{
    leave_a_file();
    EXPECT_STR_EQ(ptest_tmpdir(), ptest_tmpdir()); /* the same one, made once */
}

TEST(tmpdirs, skips)
{
    leave_a_file();
    SKIP_TEST("after making its directory");
}

TEST(tmpdirs, fails_as_expected, XFAIL("known bug"))
{
    leave_a_file();
    FAIL("expected");
}

TEST(tmpdirs, crashes_as_expected, XFAIL("known crash"))
{
    leave_a_file();
    abort();
}

TEST(tmpdirs, crashes)
{
    leave_a_file();
    abort();
}

TEST(tmpdirs, fails)
{
    leave_a_file();
    FAIL("look in the directory");
}

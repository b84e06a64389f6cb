/* nonewline.c - output without a trailing newline. The report shows it on
 * its own line: the runner adds the missing newline, so nothing is glued
 * to the next line. */
#define PTEST_MAIN
#include "ptest.h"

#include <stdio.h>

TEST(nonewline, stdout_and_stderr)
{
    printf("stdout without a newline");
    fprintf(stderr, "stderr without a newline");
    FAIL("see the output");
}

TEST(nonewline, passes)
{
    printf("quiet");
}

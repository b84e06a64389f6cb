/* badmarkers.c - markers that -m could never select: one named 'or' (a
 * word of -m's grammar), one redeclaring the built-in 'slow'. Each is a
 * definition error at start that names the declaration (exit 2). */
#define PTEST_MAIN
#include "ptest.h"

PTEST_MARKER(or, "a word of the expression grammar");
PTEST_MARKER(slow, "built in already");

TEST(marks, fine, MARK(slow))
{
    EXPECT_EQ(1, 1);
}

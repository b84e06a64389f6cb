/* dup/main.c - the same test id defined in two files (one.c, two.c): a
 * definition error naming both places, exit 2, nothing runs. */
#define PTEST_MAIN
#include "ptest.h"

TEST(dup, unique)
{
}

/* undeclared.c - a test using a marker nobody declared: a definition
 * error reported at start with its file:line (exit 2), and nothing runs. */
#define PTEST_MAIN
#include "ptest.h"

TEST(defs, fine)
{
}

TEST(defs, typo, MARK(slwo))
{
}

TEST(defs, unknown, MARK(gpu))
{
}

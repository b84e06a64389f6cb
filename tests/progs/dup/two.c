/* dup/two.c - defines same.name again: ptest refuses to guess. */
#include "ptest.h"

TEST(other, name)
{
}

TEST(same, name)
{
}

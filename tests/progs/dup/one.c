/* dup/one.c - defines same.name, as two.c does. */
#include "ptest.h"

TEST(same, name)
{
}

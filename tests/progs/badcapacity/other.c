/* other.c - badcapacity's second file: "twice" again, capacity 2. */
#include "ptest.h"

PTEST_RESOURCE(twice, 2);

TEST(other, fine, RESOURCE(twice)) {}

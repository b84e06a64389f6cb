/* markers.c - marked tests for selection with -m (marker expressions), -k
 * (keywords: substrings of ids) and positional ids; two custom markers.
 * Every test passes: the transcripts are about which ones are selected. */
#define PTEST_MAIN
#include "ptest.h"

PTEST_MARKER(db, "needs a database");
PTEST_MARKER(network, "talks to the network");

static const int squares[] = {0, 1, 4};

TEST(fast, one, MARK(unit))
{
}

TEST(fast, two)
{
}

TEST(slowpoke, crunch, MARK(slow))
{
}

TEST(db, query, MARK(db), MARK(integration))
{
}

TEST(db, migrate, MARK(db), MARK(slow))
{
}

TEST(net, fetch, MARK(network), MARK(integration), MARK(slow))
{
}

TEST_P(param, square, int, squares, MARK(unit))
{
    int i = (int)(PARAM - squares);
    EXPECT_EQ(*PARAM, i * i);
}

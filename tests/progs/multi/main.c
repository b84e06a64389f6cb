/* multi/main.c - a test binary from three translation units: this one
 * defines PTEST_MAIN (the implementation and main()); a.c and b.c only
 * include ptest.h. A marker declared in a.c is used in b.c. Tests run in
 * file and line order. */
#define PTEST_MAIN
#include "ptest.h"

TEST(main, first)
{
    EXPECT_EQ(1, 1);
}

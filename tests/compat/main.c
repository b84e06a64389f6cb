/* The suite's main file, as a utest.h suite has it: UTEST_MAIN() after a
 * few tests of its own. Part of the compat suite (tests/compat/run.sh). */
#include "utest.h"

#include <stdbool.h>

UTEST(basics, passes) { ASSERT_TRUE(1); }

/* Names that are macros elsewhere stay as written: the id is bool.true. */
UTEST(bool, true) { EXPECT_TRUE(true); }
UTEST(bool, false) { EXPECT_FALSE(false); }

UTEST(basics, skips) {
    UTEST_SKIP("not today");
    ASSERT_TRUE(0); /* not reached */
}

UTEST_MAIN()

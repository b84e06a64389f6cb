/* Fixtures: UTEST_F with set-up and teardown, UTEST_I with utest_index.
 * Each test gets its own zeroed instance (no statics), so they are safe
 * in the thread pool. Part of tests/compat/run.sh. */
#include "utest.h"

struct counter {
    int value;
    int from_setup;
    char name[16];
};

UTEST_F_SETUP(counter) {
    ASSERT_EQ(utest_fixture->value, 0); /* zeroed, never shared */
    utest_fixture->from_setup = 5;
    strcpy(utest_fixture->name, "counter");
}

UTEST_F_TEARDOWN(counter) {
    EXPECT_EQ(utest_fixture->from_setup, 5);
    EXPECT_LE(utest_fixture->value, 100);
}

UTEST_F(counter, counts) {
    int i;
    for (i = 0; i < 10; i++)
        utest_fixture->value++;
    ASSERT_EQ(utest_fixture->value, 10);
    ASSERT_STREQ(utest_fixture->name, "counter");
}

UTEST_F(counter, fresh_instance) {
    ASSERT_EQ(utest_fixture->value, 0);
    utest_fixture->value = 99;
}

struct grid {
    size_t row;
    int odd;
};

UTEST_I_SETUP(grid) {
    utest_fixture->row = utest_index;
    utest_fixture->odd = (int)(utest_index & 1);
}

UTEST_I_TEARDOWN(grid) {
    EXPECT_EQ(utest_fixture->row, utest_index);
}

UTEST_I(grid, rows, 4) {
    ASSERT_LT(utest_fixture->row, 4u);
    ASSERT_EQ(utest_fixture->odd, (int)(utest_fixture->row % 2));
}

struct skipper {
    int unused;
};

UTEST_F_SETUP(skipper) { UTEST_SKIP("no device in this sandbox"); }
UTEST_F_TEARDOWN(skipper) { ASSERT_TRUE(0); /* never: set-up did not pass */ }
UTEST_F(skipper, body) { ASSERT_TRUE(0); /* never */ }

/* Tests that fail on purpose; the names say how. run.sh checks that each
 * fails, and what its report says. */
#include "utest.h"

/* EXPECT_* go on: both failures are reported. */
UTEST(failing, expect_goes_on) {
    int a = 1, b = 2;
    EXPECT_EQ(a, b);
    EXPECT_STREQ("left", "right");
}

/* ASSERT_* return: the line after is not reached. */
UTEST(failing, assert_returns) {
    int a = 1;
    ASSERT_GT(a, 5);
    EXPECT_TRUE_MSG(0, "not reached after a failed ASSERT");
}

UTEST(failing, messages) { ASSERT_NE_MSG(3, 3, "three is three"); }
UTEST(failing, truth) { ASSERT_FALSE(1); }
UTEST(failing, strn) { EXPECT_STRNEQ("abcdef", "abcxyz", 4); }
UTEST(failing, strnne) { EXPECT_STRNNE("abcdef", "abcxyz", 3); }
UTEST(failing, null_string) { EXPECT_STREQ((const char *)NULL, (const char *)NULL); }
UTEST(failing, near) { ASSERT_NEAR(1.0, 1.5, 0.25); }
/* C compares -1 < 1u as UINT_MAX < 1u, false, and so does utest.h; the
 * report shows the values as compared. */
UTEST(failing, c_conversion) { EXPECT_LT(-1, 1u); }
UTEST(failing, by_hand) { *utest_result = UTEST_TEST_FAILURE; }

struct resource {
    int open;
};

UTEST_F_SETUP(resource) { utest_fixture->open = 1; }
UTEST_F_TEARDOWN(resource) {
    /* Reached after the body's failed ASSERT, as in utest.h. */
    EXPECT_EQ_MSG(utest_fixture->open, 0, "teardown ran after the body's ASSERT");
}
UTEST_F(resource, teardown_after_assert) {
    ASSERT_EQ(utest_fixture->open, 2);
    utest_fixture->open = 0; /* not reached */
}

struct broken {
    int x;
};

UTEST_F_SETUP(broken) { ASSERT_EQ_MSG(utest_fixture->x, 1, "set-up fails"); }
UTEST_F_TEARDOWN(broken) { (void)utest_fixture; }
UTEST_F(broken, setup_fails) { EXPECT_TRUE_MSG(0, "body after a failed set-up"); }

struct indexed {
    size_t i;
};

UTEST_I_SETUP(indexed) { utest_fixture->i = utest_index; }
UTEST_I_TEARDOWN(indexed) { (void)utest_fixture; }
/* Fails for index 2 only. */
UTEST_I(indexed, third_fails, 3) { ASSERT_NE(utest_fixture->i, (size_t)2); }

/* Every check utest.h has, each passing, in C: the suite must report all
 * of these as passed in every pool. Part of tests/compat/run.sh. */
#include <string.h> /* a system header first: this file may go without ptest's implementation */

#include "utest.h"

static int calls;
static int counted(int v) { calls++; return v; }

UTEST(checks, compare) {
    int a = 42, b = 13;
    unsigned u = 7u;
    long long big = 1LL << 40;
    const char *p = "x";
    ASSERT_EQ(a, 42);
    ASSERT_NE(a, b);
    ASSERT_LT(b, a);
    ASSERT_LE(13, b);
    ASSERT_GT(a, b);
    ASSERT_GE(a, 42);
    EXPECT_EQ(u, 7u);
    EXPECT_NE(big, 0);
    EXPECT_LT(b, big);
    EXPECT_LE(a, 42);
    EXPECT_GT(2.5, 2.25);
    EXPECT_GE(big, big);
    EXPECT_EQ(p, p);
    EXPECT_NE(p, NULL);
    ASSERT_EQ_MSG(a, 42, "a is the answer");
    ASSERT_NE_MSG(a, b, "different");
    ASSERT_LT_MSG(b, a, "less");
    ASSERT_LE_MSG(b, b, "less or equal");
    ASSERT_GT_MSG(a, b, "greater");
    ASSERT_GE_MSG(a, a, "greater or equal");
    EXPECT_EQ_MSG(a, 42, "m");
    EXPECT_NE_MSG(a, 0, "m");
    EXPECT_LT_MSG(0, a, "m");
    EXPECT_LE_MSG(0, a, "m");
    EXPECT_GT_MSG(a, 0, "m");
    EXPECT_GE_MSG(a, 0, "m");
}

/* C's own comparison, as utest.h makes it: -1 converts to UINT_MAX. */
UTEST(checks, c_conversions) {
    unsigned all = 0xffffffffu;
    int minus = -1;
    EXPECT_EQ(minus, (int)all);
    EXPECT_EQ((unsigned)minus, all);
}

UTEST(checks, once) {
    calls = 0;
    ASSERT_EQ(counted(1), 1);
    EXPECT_NE(counted(2), 3);
    EXPECT_TRUE(counted(1));
    EXPECT_STREQ(counted(1) ? "a" : "b", "a");
    EXPECT_NEAR(counted(1), 1.0, 0.0);
    ASSERT_EQ(calls, 5);
}

UTEST(checks, truth) {
    ASSERT_TRUE(1);
    ASSERT_FALSE(0);
    EXPECT_TRUE(42);
    EXPECT_FALSE(0);
    ASSERT_TRUE_MSG(1, "m");
    ASSERT_FALSE_MSG(0, "m");
    EXPECT_TRUE_MSG(1, "m");
    EXPECT_FALSE_MSG(0, "m");
}

UTEST(checks, strings) {
    char buf[8];
    strcpy(buf, "foobar");
    ASSERT_STREQ(buf, "foobar");
    ASSERT_STRNE(buf, "foo");
    ASSERT_STRNEQ(buf, "fooBAR", 3);
    ASSERT_STRNNE(buf, "fox", 3);
    EXPECT_STREQ("a", "a");
    EXPECT_STRNE("a", "b");
    EXPECT_STRNEQ("abc", "abd", 2);
    EXPECT_STRNNE("abc", "abd", 3);
    ASSERT_STREQ_MSG(buf, "foobar", "m");
    ASSERT_STRNE_MSG(buf, "x", "m");
    ASSERT_STRNEQ_MSG(buf, "foo", 3, "m");
    ASSERT_STRNNE_MSG(buf, "bar", 3, "m");
    EXPECT_STREQ_MSG(buf, "foobar", "m");
    EXPECT_STRNE_MSG(buf, "x", "m");
    EXPECT_STRNEQ_MSG(buf, "foo", 3, "m");
    EXPECT_STRNNE_MSG(buf, "bar", 3, "m");
}

UTEST(checks, near) {
    float a = 42.0f, b = 42.01f;
    ASSERT_NEAR(a, b, 0.01f);
    EXPECT_NEAR(1.0, 1.0 + 1e-12, 1e-9);
    ASSERT_NEAR_MSG(a, b, 0.1, "m");
    EXPECT_NEAR_MSG(-1.0, -1.05, 0.1, "m");
}

/* utest.h's set-up may skip, and so may the body. */
UTEST(checks, skip_with_reason) { UTEST_SKIP("skipped on purpose"); }

/* A helper with checks: as in utest.h it takes utest_result, and its
 * ASSERT returns from the helper only. */
static void helper(int *utest_result, int v) { ASSERT_EQ(v, 3); }

/* utest.h's helper macros, which suites use in their own code. */
UTEST_C_FUNC int compat_declared_only(int v);
static UTEST_INLINE int twice(int v) { return 2 * v; }

UTEST(checks, utest_helpers) {
    const void *p = "text";
    ASSERT_EQ(UTEST_CAST(int, 'a'), 97);
    ASSERT_STREQ(UTEST_PTR_CAST(const char *, p), "text");
    ASSERT_TRUE(UTEST_NULL == 0);
    ASSERT_EQ(twice(21), 42);
    UTEST_PRINTF("captured with the test's output\n");
}

UTEST(checks, helper) {
    helper(utest_result, 3);
    ASSERT_EQ(*utest_result, UTEST_TEST_PASSED);
}

/* every_macro.c - uses every public macro of ptest.h once, so the compile
 * matrix (tests/matrix/run.sh) proves each compiles warning-free in every
 * compiler and standard. Linked with second.c, third.c and
 * no_short_names.c into one binary; main.c holds PTEST_MAIN. */
#include "ptest.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

PTEST_MARKER(matrix, "tests of the compile matrix");
PTEST_RESOURCE(matrix_lock, 2);

static int fixture_runs;

static void set_up(void) { fixture_runs++; }
static void tear_down(void) { fixture_runs--; }

struct pair { int in, out; };
static const struct pair doubles[] = {{1, 2}, {2, 4}, {3, 6}};

WORKER_SETUP() { fixture_runs = 0; }
WORKER_TEARDOWN() { fixture_runs = 0; }
SUITE_SETUP(every) { fixture_runs = 0; }
SUITE_TEARDOWN(every) { fixture_runs = 0; }

TEST(every, assertions, MARK(matrix), MARK(unit), TIMEOUT(10),
     SETUP(set_up), TEARDOWN(tear_down), RESOURCE(matrix_lock))
{
    const char *s = "hello";
    unsigned char a[4] = {1, 2, 3, 4}, b[4] = {1, 2, 3, 4};
    int *none = NULL;
    ASSERT_EQ(fixture_runs, 1);
    ASSERT_TRUE(1); ASSERT_FALSE(0);
    ASSERT_EQ(1, 1); ASSERT_NE(1, 2); ASSERT_LT(1, 2); ASSERT_LE(2, 2);
    ASSERT_GT(3, 2); ASSERT_GE(3, 3);
    ASSERT_NULL(none); ASSERT_NOT_NULL(s);
    ASSERT_STR_EQ(s, "hello"); ASSERT_STR_NE(s, "world");
    ASSERT_MEM_EQ(a, b, sizeof a); ASSERT_NEAR(0.1 + 0.2, 0.3, 1e-9);
    EXPECT_TRUE(1); EXPECT_FALSE(0);
    EXPECT_EQ(1u, 1u); EXPECT_NE(1.0, 2.0); EXPECT_LT('a', 'b'); EXPECT_LE(2L, 2L);
    EXPECT_GT(3ULL, 2ULL); EXPECT_GE(3, 3);
    EXPECT_NULL(none); EXPECT_NOT_NULL(s);
    EXPECT_STR_EQ(s, "hello"); EXPECT_STR_NE(s, "world");
    EXPECT_MEM_EQ(a, b, sizeof a); EXPECT_NEAR(1.0f, 1.0f, 0.0);
    ASSERT_TRUE_MSG(1, "m %d", 1); ASSERT_FALSE_MSG(0, "m");
    ASSERT_EQ_MSG(1, 1, "m"); ASSERT_NE_MSG(1, 2, "m"); ASSERT_LT_MSG(1, 2, "m");
    ASSERT_LE_MSG(1, 2, "m"); ASSERT_GT_MSG(2, 1, "m"); ASSERT_GE_MSG(2, 1, "m");
    ASSERT_NULL_MSG(none, "m"); ASSERT_NOT_NULL_MSG(s, "m");
    ASSERT_STR_EQ_MSG(s, "hello", "m"); ASSERT_STR_NE_MSG(s, "x", "m");
    ASSERT_MEM_EQ_MSG(a, b, 4, "m"); ASSERT_NEAR_MSG(1.0, 1.0, 0.1, "m");
    EXPECT_TRUE_MSG(1, "m %s", "x"); EXPECT_FALSE_MSG(0, "m");
    EXPECT_EQ_MSG(1, 1, "m"); EXPECT_NE_MSG(1, 2, "m"); EXPECT_LT_MSG(1, 2, "m");
    EXPECT_LE_MSG(1, 2, "m"); EXPECT_GT_MSG(2, 1, "m"); EXPECT_GE_MSG(2, 1, "m");
    EXPECT_NULL_MSG(none, "m"); EXPECT_NOT_NULL_MSG(s, "m");
    EXPECT_STR_EQ_MSG(s, "hello", "m"); EXPECT_STR_NE_MSG(s, "x", "m");
    EXPECT_MEM_EQ_MSG(a, b, 4, "m"); EXPECT_NEAR_MSG(1.0, 1.0, 0.1, "m");
    ptest_log("worker %d (%s)", ptest_worker_id(), ptest_worker_name());
}

TEST(every, skipped, SKIP("never runs")) { FAIL("a skipped test ran"); }
TEST(every, skipped_at_run_time) { SKIP_TEST("skipped on purpose %d", 1); }
TEST(every, expected_failure, XFAIL("fails on purpose")) { FAIL("as %s", "expected"); }
TEST(every, dies, EXPECT_SIGNAL(SIGABRT)) { abort(); }
TEST(every, exits, EXPECT_EXIT(3)) { exit(3); }

TEST_P(every, doubles, struct pair, doubles, MARK(matrix))
{
    ASSERT_EQ(PARAM->in * 2, PARAM->out);
}

FIXTURE(every_fx)
{
    int value;
    char name[16];
};
FIXTURE_SETUP(every_fx) { self->value = 5; }
FIXTURE_TEARDOWN(every_fx) { self->value = 0; }

TEST_F(every_fx, plain, MARK(matrix), TIMEOUT(10), SETUP(set_up), TEARDOWN(tear_down),
       RESOURCE(matrix_lock), SLOTS(2))
{
    ASSERT_EQ(self->value, 5);
    ASSERT_EQ(self->name[0], '\0');
}

TEST_F(every_fx, dies, EXPECT_SIGNAL(SIGABRT)) { if (self->value == 5) abort(); }

TEST_F_P(every_fx, doubles, struct pair, doubles, MARK(matrix))
{
    ASSERT_EQ(self->value, 5);
    ASSERT_EQ(PARAM->in * 2, PARAM->out);
}

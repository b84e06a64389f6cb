/* A utest.h suite with its own main(): UTEST_STATE() once, and main calls
 * utest_main. Built alone as build/compat/own_main by tests/compat/run.sh. */
#include "utest.h"

UTEST_STATE();

struct pair {
    int a, b;
};

UTEST_I_SETUP(pair) {
    utest_fixture->a = (int)utest_index;
    utest_fixture->b = (int)utest_index * 2;
}

UTEST_I_TEARDOWN(pair) { EXPECT_EQ(utest_fixture->a * 2, utest_fixture->b); }

UTEST_I(pair, doubles, 3) { ASSERT_GE(utest_fixture->b, utest_fixture->a); }

UTEST(own_main, runs) { ASSERT_STRNE("own", "main"); }

int main(int argc, const char *const argv[]) {
    int status = utest_main(argc, argv);
    return status;
}

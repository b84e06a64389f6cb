// A C++ file of the same suite: fixtures with C++ members, the exception
// checks, and an exception escaping a test. Part of tests/compat/run.sh.
#include "utest.h"

#include <stdexcept>
#include <string>
#include <vector>

static void thrower(int kind)
{
    if (kind == 1)
        throw std::range_error("bad range");
    if (kind == 2)
        throw 42;
}

UTEST(cxx, exceptions) {
    ASSERT_EXCEPTION(thrower(1), std::range_error);
    EXPECT_EXCEPTION(thrower(1), std::exception);
    ASSERT_EXCEPTION_MSG(thrower(2), int, "an int");
    EXPECT_EXCEPTION_MSG(thrower(1), std::range_error, "m");
    ASSERT_EXCEPTION_WITH_MESSAGE(thrower(1), std::range_error, "bad range");
    EXPECT_EXCEPTION_WITH_MESSAGE(thrower(1), std::range_error, "bad");
    ASSERT_EXCEPTION_WITH_MESSAGE_MSG(thrower(1), std::range_error, "bad", "m");
    EXPECT_EXCEPTION_WITH_MESSAGE_MSG(thrower(1), std::exception, "bad range", "m");
}

UTEST(cxx, compare) {
    std::string s = "abc";
    enum class colour { red, green };
    colour c = colour::green;
    ASSERT_EQ(s.size(), 3u);
    ASSERT_STREQ(s.c_str(), "abc");
    ASSERT_TRUE(c == colour::green);
    EXPECT_NE(&s, nullptr);
    EXPECT_NEAR(0.1 + 0.2, 0.3, 1e-9);
}

UTEST(cxx_failing, nothing_thrown) { EXPECT_EXCEPTION(thrower(0), std::range_error); }
UTEST(cxx_failing, wrong_type) { ASSERT_EXCEPTION(thrower(2), std::range_error); }
UTEST(cxx_failing, wrong_message) {
    EXPECT_EXCEPTION_WITH_MESSAGE(thrower(1), std::range_error, "good range");
}
UTEST(cxx_failing, escapes) { thrower(1); }

struct cxx_fixture {
    std::vector<int> items;
    int setups;
};

UTEST_F_SETUP(cxx_fixture) {
    utest_fixture->items.push_back(1);
    utest_fixture->setups++;
}
UTEST_F_TEARDOWN(cxx_fixture) { EXPECT_EQ(utest_fixture->setups, 1); }

UTEST_F(cxx_fixture, owns_its_members) {
    utest_fixture->items.push_back(2);
    ASSERT_EQ(utest_fixture->items.size(), 2u);
}

// A skip ends the test after the fixture's destructors have run.
UTEST_F(cxx_fixture, skips) {
    utest_fixture->items.resize(1000);
    UTEST_SKIP("skipped with a fixture to destroy");
}

/* test_calc.c - quick tests, one of them parameterized, one skipped. */
#include "ptest.h"

#include "calc.h"

TEST(calc, adds)
{
    ASSERT_EQ(calc_add(2, 2), 4);
    ASSERT_EQ(calc_add(-2, 2), 0);
}

struct parse_case {
    const char *text;
    int ok, value;
};
static const struct parse_case parse_cases[] = {
    {"42", 1, 42}, {"-7", 1, -7}, {"4x", 0, 0},
};

/* Ids calc.parses[0], calc.parses[1], calc.parses[2]. */
TEST_P(calc, parses, struct parse_case, parse_cases)
{
    int value = 0;
    ASSERT_EQ(calc_parse(PARAM->text, &value), PARAM->ok);
    ASSERT_EQ(value, PARAM->value);
}

TEST(calc, overflow, SKIP("calc_add does not detect overflow yet"))
{
    FAIL("a skipped test does not run");
}

TEST(calc, many_sums, MARK(slow))
{
    long i, sum = 0;
    for (i = 0; i < 20000000; i++)
        sum = calc_add((int)(sum % 1000), 1);
    ASSERT_GT(sum, 0);
}

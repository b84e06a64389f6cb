/* longname.c - tests whose ids are 2,300 bytes long (a generated name, as
 * a macro may make one): every report names them whole, nothing cuts
 * them to a column. LONGNAME(x) is x followed by 256 copies of
 * "abcdefgh_". */
#define PTEST_MAIN
#include "ptest.h"

#define LN_CAT_(a, b) a##b
#define LN_CAT(a, b) LN_CAT_(a, b)
#define LN_X2(a) LN_CAT(a, a)
#define LN_X16(a) LN_X2(LN_X2(LN_X2(LN_X2(a))))
#define LONGNAME(x) LN_CAT(x, LN_X16(LN_X16(abcdefgh_)))

TEST(longname, LONGNAME(fails_))
{
    ASSERT_EQ(1 + 1, 3);
}

TEST(longname, LONGNAME(passes_))
{
}

static const int ln_values[] = {1, 2};
TEST_P(longname, LONGNAME(param_), int, ln_values)
{
    ASSERT_LT(*PARAM, 2);
}

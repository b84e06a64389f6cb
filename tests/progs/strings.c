/* strings.c - C strings in assertions. ASSERT_EQ/EXPECT_EQ on two char
 * pointers compare the pointers (that is what EQ means) and, failing,
 * show both strings and point at STR_EQ; STR_EQ compares the contents,
 * where NULL equals NULL and no string. Built as C and, by
 * tests/golden/strings.t, as C++: both must report the same. */
#define PTEST_MAIN
#include "ptest.h"

#include <string.h>

TEST(strings, eq_compares_pointers)
{
    char a[] = "same text", b[] = "same text";
    const char *p = a;
    EXPECT_EQ(p, a);   /* the same pointer: passes */
    EXPECT_EQ(a, b);   /* equal text at two addresses: fails */
    EXPECT_STR_EQ(a, b);
}

TEST(strings, eq_shows_strings_safely)
{
    char big[200];
    const char *none = NULL, *odd = "tab\there\x01";
    const unsigned char *bytes = (const unsigned char *)"\xff\xfe";
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    EXPECT_EQ(none, odd);
    EXPECT_EQ(odd, big);
    ASSERT_EQ(bytes, (const unsigned char *)odd);
}

TEST(strings, str_eq_and_null)
{
    const char *none = NULL;
    EXPECT_STR_EQ(none, NULL);  /* passes: NULL equals NULL */
    EXPECT_STR_NE(none, "");    /* passes: NULL is no string */
    EXPECT_STR_EQ(none, "");
    EXPECT_STR_NE(none, NULL);
    ASSERT_STR_EQ("abc", none);
}

/* Unit tests of the assertion machinery: value capture (_Generic), the
 * comparison by value, value formatting and quoting, and the exact report
 * every assertion family writes when it fails (file:line, the expression
 * as written, both values, the first difference), caught with a private
 * test context (UT_CAPTURE in unit.h). Also: each argument is evaluated
 * exactly once, fatal assertions leave, non-fatal ones go on. */

#include <limits.h>
#include <signal.h>

/* The values part of a comparison report; the plain C99 fallback (no
 * _Generic) has none. */
#if defined(PTEST__VALUES_GENERIC)
#define UT_LR(l, r) "    left:  " l "\n    right: " r "\n"
#else
#define UT_LR(l, r) ""
#endif

/* Expects the report to begin with "FILE:LINE: " + head. */
#define UT_EXPECT_HEAD(cap, head)                                              \
    do {                                                                       \
        char *ut_want_ = ut_fmt("%s:%d: %s", (cap)->file, (cap)->line, head);  \
        EXPECT_EQ_MSG(strncmp((cap)->text, ut_want_, strlen(ut_want_)), 0,     \
                      "want the report to begin with:\n%s\ngot:\n%s",          \
                      ut_want_, (cap)->text);                                  \
        free(ut_want_);                                                        \
    } while (0)

static int ut_after; /* set by statements that must (not) run after a failure */

/* ------------------------------------------------------------------------
 * ptest__compare_values: by value, not by C's conversions.
 * ------------------------------------------------------------------------ */

struct ut_cmp_case {
    struct ptest__value a, b;
    int want;               /* -1, 0, 1, or 2 for unordered */
};

static const int ut_cells[2] = {0, 0};

#define UT_VI(x) {PTEST__V_INT, (x), 0, 0, NULL}
#define UT_VU(x) {PTEST__V_UINT, 0, (x), 0, NULL}
#define UT_VC(x) {PTEST__V_CHAR, (x), 0, 0, NULL}
#define UT_VB(x) {PTEST__V_BOOL, (x), 0, 0, NULL}
#define UT_VF(x) {PTEST__V_FLOAT, 0, 0, (x), NULL}
/* A float's and a double's value: C lets a constant carry more range and
 * precision than its type where FLT_EVAL_METHOD is 1 (0.1f is then 0.1
 * as a double, s390x) or 2 (0.1 is 0.1L, i386's x87); a cast drops it
 * (C11 5.2.4.2.2, 6.3.1.8), so these hold on every machine. */
#define UT_VFLT(x) UT_VF((float)(x))
#define UT_VDBL(x) UT_VF((double)(x))
#define UT_VP(x) {PTEST__V_PTR, 0, 0, 0, (x)}

static const struct ut_cmp_case ut_cmp_cases[] = {
    /* signed against unsigned */
    {UT_VI(-1), UT_VU(1), -1},
    {UT_VU(1), UT_VI(-1), 1},
    {UT_VI(-1), UT_VU(UINTMAX_MAX), -1},
    {UT_VU(UINTMAX_MAX), UT_VI(-1), 1},
    {UT_VI(5), UT_VU(5), 0},
    {UT_VU(0), UT_VI(0), 0},
    {UT_VI(INTMAX_MAX), UT_VU((uintmax_t)INTMAX_MAX + 1), -1},
    {UT_VU((uintmax_t)INTMAX_MAX), UT_VI(INTMAX_MAX), 0},
    {UT_VI(INTMAX_MIN), UT_VI(INTMAX_MAX), -1},
    {UT_VI(INTMAX_MIN), UT_VU(0), -1},
    {UT_VU(UINTMAX_MAX), UT_VU(UINTMAX_MAX - 1), 1},
    /* chars and bools are integers */
    {UT_VC('a'), UT_VI(97), 0},
    {UT_VC(-1), UT_VU(255), -1},
    {UT_VC('b'), UT_VC('a'), 1},
    {UT_VB(1), UT_VI(1), 0},
    {UT_VB(1), UT_VI(2), -1},
    {UT_VB(0), UT_VU(0), 0},
    {UT_VB(1), UT_VB(0), 1},
    /* floats, against each other and integers */
    {UT_VF(1.5), UT_VF(1.5), 0},
    {UT_VF(1.0), UT_VI(2), -1},
    {UT_VI(-1), UT_VF(-0.5), -1},
    {UT_VU(UINTMAX_MAX), UT_VF(1e30), -1},
    {UT_VF(-0.0), UT_VI(0), 0},
    {UT_VDBL(0.1), UT_VFLT(0.1f), -1},
    {UT_VF(INFINITY), UT_VU(UINTMAX_MAX), 1},
    {UT_VF(-INFINITY), UT_VI(INTMAX_MIN), -1},
    /* NaN is unordered with everything, itself included */
    {UT_VF(NAN), UT_VF(NAN), 2},
    {UT_VF(NAN), UT_VI(0), 2},
    {UT_VU(0), UT_VF(NAN), 2},
    {UT_VF(NAN), UT_VF(INFINITY), 2},
    /* pointers, by address */
    {UT_VP(&ut_cells[0]), UT_VP(&ut_cells[1]), -1},
    {UT_VP(&ut_cells[1]), UT_VP(&ut_cells[0]), 1},
    {UT_VP(&ut_cells[1]), UT_VP(&ut_cells[1]), 0},
    {UT_VP(NULL), UT_VP(&ut_cells[0]), -1},
    {UT_VP(NULL), UT_VI(0), 0},
    {UT_VU(0), UT_VP(NULL), 0},
};

TEST_P(unit_values, compare, struct ut_cmp_case, ut_cmp_cases, MARK(unit))
{
    EXPECT_EQ(ptest__compare_values(PARAM->a, PARAM->b), PARAM->want);
}

TEST(unit_values, compare_is_antisymmetric, MARK(unit))
{
    size_t i;
    for (i = 0; i < sizeof ut_cmp_cases / sizeof ut_cmp_cases[0]; i++) {
        const struct ut_cmp_case *c = &ut_cmp_cases[i];
        int want = c->want == 2 ? 2 : -c->want;
        EXPECT_EQ_MSG(ptest__compare_values(c->b, c->a), want, "case %lu",
                      (unsigned long)i);
    }
}

TEST(unit_values, op_holds, MARK(unit))
{
    /* rows: cmp -1, 0, 1, 2 (unordered); columns: EQ NE LT LE GT GE */
    static const int want[4][6] = {
        {0, 1, 1, 1, 0, 0},
        {1, 0, 0, 1, 0, 1},
        {0, 1, 0, 0, 1, 1},
        {0, 1, 0, 0, 0, 0},
    };
    int row, op;
    for (row = 0; row < 4; row++)
        for (op = PTEST__EQ; op <= PTEST__GE; op++)
            EXPECT_EQ_MSG(ptest__op_holds(op, row == 3 ? 2 : row - 1),
                          want[row][op], "cmp %d op %d", row - 1, op);
}

/* ------------------------------------------------------------------------
 * _Generic capture: each operand keeps its type.
 * ------------------------------------------------------------------------ */

#if defined(PTEST__VALUES_GENERIC)
enum ut_color { UT_RED = -1, UT_GREEN = 1 };

TEST(unit_values, generic_capture_kinds, MARK(unit))
{
    int i = -1;
    unsigned u = 1;
    char c = 'x';
    signed char sc = -2;
    unsigned char uc = 200;
    short s = -3;
    unsigned short us = 3;
    long l = -4;
    unsigned long ul = 4;
    long long ll = -5;
    unsigned long long ull = 5;
    float f = 1.5f;
    double d = 2.5;
    long double ld = 3.5L;
    _Bool b = 1;
    size_t z = 6;
    const char *str = "s";
    char arr[4] = "abc";
    int *p = &i;
    const int ci = 7;

    EXPECT_EQ(PTEST__VAL(i).kind, PTEST__V_INT);
    EXPECT_EQ(PTEST__VAL(i).i, -1);
    EXPECT_EQ(PTEST__VAL(u).kind, PTEST__V_UINT);
    EXPECT_EQ(PTEST__VAL(u).u, 1u);
    EXPECT_EQ(PTEST__VAL(c).kind, PTEST__V_CHAR);
    EXPECT_EQ(PTEST__VAL(c).i, 'x');
    EXPECT_EQ(PTEST__VAL('x').kind, PTEST__V_INT); /* a character constant is an int in C */
    EXPECT_EQ(PTEST__VAL(sc).kind, PTEST__V_INT);
    EXPECT_EQ(PTEST__VAL(sc).i, -2);
    EXPECT_EQ(PTEST__VAL(uc).kind, PTEST__V_UINT);
    EXPECT_EQ(PTEST__VAL(uc).u, 200u);
    EXPECT_EQ(PTEST__VAL(s).kind, PTEST__V_INT);
    EXPECT_EQ(PTEST__VAL(us).kind, PTEST__V_UINT);
    EXPECT_EQ(PTEST__VAL(l).kind, PTEST__V_INT);
    EXPECT_EQ(PTEST__VAL(l).i, -4);
    EXPECT_EQ(PTEST__VAL(ul).kind, PTEST__V_UINT);
    EXPECT_EQ(PTEST__VAL(ll).kind, PTEST__V_INT);
    EXPECT_EQ(PTEST__VAL(ll).i, -5);
    EXPECT_EQ(PTEST__VAL(ull).kind, PTEST__V_UINT);
    EXPECT_EQ(PTEST__VAL(LLONG_MIN).i, LLONG_MIN);
    EXPECT_EQ(PTEST__VAL(ULLONG_MAX).u, ULLONG_MAX);
    EXPECT_EQ(PTEST__VAL(f).kind, PTEST__V_FLOAT);
    EXPECT_EQ(PTEST__VAL(f).f, 1.5L);
    EXPECT_EQ(PTEST__VAL(d).kind, PTEST__V_FLOAT);
    EXPECT_EQ(PTEST__VAL(ld).kind, PTEST__V_FLOAT);
    EXPECT_EQ(PTEST__VAL(ld).f, 3.5L);
    EXPECT_EQ(PTEST__VAL(b).kind, PTEST__V_BOOL);
    EXPECT_EQ(PTEST__VAL(b).i, 1);
    EXPECT_EQ(PTEST__VAL(z).kind, PTEST__V_UINT);
    EXPECT_EQ(PTEST__VAL(str).kind, PTEST__V_STR); /* char pointers: strings */
    EXPECT_EQ(PTEST__VAL(str).p, (const void *)str);
    EXPECT_EQ(PTEST__VAL(arr).kind, PTEST__V_STR);
    EXPECT_EQ(PTEST__VAL(arr).p, (const void *)arr);
    EXPECT_EQ(PTEST__VAL("lit").kind, PTEST__V_STR);
    EXPECT_EQ(PTEST__VAL((char *)arr).kind, PTEST__V_STR);
    EXPECT_EQ(PTEST__VAL(&sc).kind, PTEST__V_STR);
    EXPECT_EQ(PTEST__VAL((const signed char *)&sc).kind, PTEST__V_STR);
    EXPECT_EQ(PTEST__VAL(&uc).kind, PTEST__V_STR);
    EXPECT_EQ(PTEST__VAL((const unsigned char *)&uc).kind, PTEST__V_STR);
    EXPECT_EQ(PTEST__VAL((void *)arr).kind, PTEST__V_PTR);
    EXPECT_EQ(PTEST__VAL(p).kind, PTEST__V_PTR);
    EXPECT_EQ(PTEST__VAL(NULL).kind, PTEST__V_PTR);
    EXPECT_NULL(PTEST__VAL(NULL).p);
    EXPECT_EQ(PTEST__VAL(ci).kind, PTEST__V_INT); /* qualifiers dropped */
    EXPECT_EQ(PTEST__VAL(UT_RED).kind, PTEST__V_INT);
    EXPECT_EQ(PTEST__VAL(1 + 1u).kind, PTEST__V_UINT);
    EXPECT_EQ(PTEST__VAL(1.0f * 2).kind, PTEST__V_FLOAT);
}

TEST(unit_values, comparisons_are_by_value, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    int cells[2] = {0, 0};
    /* C says -1 == UINT_MAX and -1 > 1u; ptest compares the values */
    UT_CAPTURE(cap, EXPECT_EQ(-1, UINT_MAX));
    UT_EXPECT_REPORT(cap, "EXPECT_EQ(-1, UINT_MAX) failed\n" UT_LR("-1", "4294967295"));
    UT_CAPTURE(cap, EXPECT_EQ(-1, 1u));
    EXPECT_EQ(cap->ctx.failed, 1);
    UT_EXPECT_REPORT(cap, "EXPECT_EQ(-1, 1u) failed\n" UT_LR("-1", "1"));
    UT_CAPTURE(cap, EXPECT_EQ((long long)-1, ULLONG_MAX));
    EXPECT_EQ(cap->ctx.failed, 1);
    UT_CAPTURE(cap, EXPECT_EQ(-1, (unsigned char)255));
    EXPECT_EQ(cap->ctx.failed, 1);
    UT_CAPTURE(cap, EXPECT_LT(-1, 1u); EXPECT_GT(1u, -1); EXPECT_LE(-1, 0u); EXPECT_GE((size_t)0, -1); EXPECT_NE(-1, UINT_MAX));
    EXPECT_EQ(cap->ctx.failed, 0);
    EXPECT_STR_EQ(cap->text, "");
    /* chars, bools, floats and pointers */
    UT_CAPTURE(cap, EXPECT_EQ((char)'a', 97); EXPECT_EQ(1, 1.0); EXPECT_EQ(0.5, 0.5f); EXPECT_LT(&cells[0], &cells[1]); EXPECT_NE(NAN, NAN); EXPECT_EQ((_Bool)1, 1));
    EXPECT_EQ(cap->ctx.failed, 0);
    EXPECT_STR_EQ(cap->text, "");
    UT_CAPTURE(cap, EXPECT_EQ((char)'a', (char)'b'));
    UT_EXPECT_REPORT(cap, "EXPECT_EQ((char)'a', (char)'b') failed\n" UT_LR("'a' (97)", "'b' (98)"));
    UT_CAPTURE(cap, EXPECT_EQ((_Bool)1, 2));
    UT_EXPECT_REPORT(cap, "EXPECT_EQ((_Bool)1, 2) failed\n" UT_LR("true", "2"));
    UT_CAPTURE(cap, EXPECT_EQ(0.1, 0.1f));
    UT_EXPECT_REPORT(cap, "EXPECT_EQ(0.1, 0.1f) failed\n" UT_LR("0.10000000000000001", "0.10000000149011612"));
    UT_CAPTURE(cap, EXPECT_EQ(NAN, NAN));
    UT_EXPECT_REPORT(cap, "EXPECT_EQ(NAN, NAN) failed\n" UT_LR("nan", "nan"));
    UT_CAPTURE(cap, EXPECT_LE(NAN, INFINITY));
    EXPECT_EQ(cap->ctx.failed, 1);
    UT_CAPTURE(cap, EXPECT_GE(NAN, NAN));
    EXPECT_EQ(cap->ctx.failed, 1);
    ut_capture_free(cap);
}

TEST(unit_values, pointer_report, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    int cells[2] = {0, 0};
    const int *p = &cells[0];
    char *want;
    UT_CAPTURE(cap, EXPECT_EQ(p, NULL));
    want = ut_fmt("EXPECT_EQ(p, NULL) failed\n    left:  " UT_PTR_FMT "\n    right: NULL\n",
                  UT_PTR(p));
    UT_EXPECT_REPORT(cap, want);
    free(want);
    UT_CAPTURE(cap, EXPECT_GT(&cells[0], &cells[1]));
    EXPECT_EQ(cap->ctx.failed, 1);
    ut_capture_free(cap);
}

/* EQ on two char pointers compares the pointers, and its report shows
 * both strings and points at STR_EQ. */
TEST(unit_values, char_pointer_report, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    char a[] = "same", b[] = "same";
    const char *none = NULL, *p = a;
    const unsigned char *u = (const unsigned char *)"\x01\xff";
    char *want;
    UT_CAPTURE(cap, EXPECT_EQ(a, b));
    want = ut_fmt("EXPECT_EQ(a, b) failed\n"
                  "    left:  " UT_PTR_FMT " \"same\"\n"
                  "    right: " UT_PTR_FMT " \"same\"\n"
                  "    EXPECT_EQ compares the pointers; EXPECT_STR_EQ compares the strings\n",
                  UT_PTR(a), UT_PTR(b));
    UT_EXPECT_REPORT(cap, want);
    free(want);
    UT_CAPTURE(cap, ASSERT_EQ(none, p));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    want = ut_fmt("ASSERT_EQ(none, p) failed\n"
                  "    left:  NULL\n"
                  "    right: " UT_PTR_FMT " \"same\"\n"
                  "    ASSERT_EQ compares the pointers; ASSERT_STR_EQ compares the strings\n",
                  UT_PTR(p));
    UT_EXPECT_REPORT(cap, want);
    free(want);
    /* unsigned char: escaped, as STR_EQ shows it */
    UT_CAPTURE(cap, EXPECT_EQ(u, (const unsigned char *)b));
    UT_EXPECT_CONTAINS(cap->text, " \"\\x01\\xff\"\n");
    UT_EXPECT_CONTAINS(cap->text, "EXPECT_STR_EQ compares the strings\n");
    /* one char pointer against NULL: the string, no word on STR_EQ */
    UT_CAPTURE(cap, EXPECT_EQ(p, NULL));
    UT_EXPECT_CONTAINS(cap->text, " \"same\"\n    right: NULL\n");
    UT_EXPECT_NOT_CONTAINS(cap->text, "STR_EQ");
    /* NE failing: the same pointer twice; no word on STR_EQ either */
    UT_CAPTURE(cap, EXPECT_NE(p, a));
    EXPECT_EQ(cap->ctx.failed, 1);
    UT_EXPECT_NOT_CONTAINS(cap->text, "STR_EQ");
    /* still pointers: the same pointer passes, equal text does not */
    UT_CAPTURE(cap, EXPECT_EQ(p, a); EXPECT_NE(a, b); EXPECT_EQ(none, NULL));
    EXPECT_EQ(cap->ctx.failed, 0);
    ut_capture_free(cap);
}

/* A long string behind a char pointer is cut after 120 bytes, and no
 * more than 121 of it are read: it need not end in NUL. */
TEST(unit_values, char_pointer_report_is_cut, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    char *big = ut_repeat('x', 300), *x120 = ut_repeat('x', 120), *want;
    char unended[121];
    memset(unended, 'y', sizeof unended); /* no NUL anywhere */
    UT_CAPTURE(cap, EXPECT_EQ(big, (char *)unended));
    want = ut_fmt("\"%s\"...\n", x120);
    UT_EXPECT_CONTAINS(cap->text, want);
    UT_EXPECT_CONTAINS(cap->text, "yyy\"...\n");
    free(want);
    free(big);
    free(x120);
    ut_capture_free(cap);
}
#endif /* PTEST__VALUES_GENERIC */

/* ------------------------------------------------------------------------
 * ptest__format_value and ptest__quote.
 * ------------------------------------------------------------------------ */

struct ut_format_case {
    struct ptest__value v;
    const char *want;
};

static const struct ut_format_case ut_format_cases[] = {
    {UT_VB(1), "true"},
    {UT_VB(0), "false"},
    {UT_VC('a'), "'a' (97)"},
    {UT_VC(' '), "' ' (32)"},
    {UT_VC('~'), "'~' (126)"},
    {UT_VC('\''), "''' (39)"},
    {UT_VC('\n'), "10"},
    {UT_VC(0), "0"},
    {UT_VC(127), "127"},
    {UT_VC(-1), "-1"},
    {UT_VI(0), "0"},
    {UT_VI(-42), "-42"},
    {UT_VI(INT64_MIN), "-9223372036854775808"},
    {UT_VI(INT64_MAX), "9223372036854775807"},
    {UT_VU(UINT64_MAX), "18446744073709551615"},
    {UT_VF(0.5), "0.5"},
    {UT_VDBL(0.1), "0.10000000000000001"},
    {UT_VFLT(0.1f), "0.10000000149011612"},
    {UT_VF(1e100), "1e+100"},
    {UT_VF(-0.0), "-0"},
    {UT_VF(123456789.0), "123456789"},
    {UT_VF(INFINITY), "inf"},
    {UT_VF(-INFINITY), "-inf"},
    {UT_VF(NAN), "nan"},
    {UT_VP(NULL), "NULL"},
    {{PTEST__V_NONE, 0, 0, 0, NULL}, "?"},
};

TEST_P(unit_values, format_value, struct ut_format_case, ut_format_cases, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__format_value(&b, PARAM->v);
    EXPECT_STR_EQ(b.data, PARAM->want);
    ptest__buf_free(&b);
}

TEST(unit_values, format_pointer, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    char want[64];
    snprintf(want, sizeof want, UT_PTR_FMT, UT_PTR(&ut_cells[1]));
    ptest__format_value(&b, ptest__v_ptr(&ut_cells[1]));
    EXPECT_STR_EQ(b.data, want);
    ptest__buf_free(&b);
}

TEST(unit_values, value_constructors, MARK(unit))
{
    EXPECT_EQ(ptest__v_bool(5).kind, PTEST__V_BOOL);
    EXPECT_EQ(ptest__v_bool(5).i, 1); /* normalized */
    EXPECT_EQ(ptest__v_bool(0).i, 0);
    EXPECT_EQ(ptest__v_char('z').i, 'z');
    EXPECT_EQ(ptest__v_int(INTMAX_MIN).i, INTMAX_MIN);
    EXPECT_EQ(ptest__v_uint(UINTMAX_MAX).u, UINTMAX_MAX);
    EXPECT_EQ(ptest__v_float(2.25L).f, 2.25L);
    EXPECT_EQ(ptest__v_ptr(&ut_cells[0]).p, (const void *)&ut_cells[0]);
    EXPECT_EQ(ptest__v_str("s").kind, PTEST__V_STR);
    EXPECT_EQ(ptest__v_none().kind, PTEST__V_NONE);
    EXPECT_EQ(ptest__v_int(3).u, 0u); /* the other fields are zero */
    EXPECT_NULL(ptest__v_int(3).p);
}

struct ut_quote_case {
    const char *s;
    size_t n;               /* 0: strlen(s) */
    const char *want;
};

static const struct ut_quote_case ut_quote_cases[] = {
    {"", 0, "\"\""},
    {"abc", 0, "\"abc\""},
    {"a\"b", 0, "\"a\\\"b\""},
    {"a\\b", 0, "\"a\\\\b\""},
    {"\n\t\r", 0, "\"\\n\\t\\r\""},
    {"\x01\x1b\x1f\x7f", 0, "\"\\x01\\x1b\\x1f\\x7f\""},
    {"a\0b", 3, "\"a\\x00b\""},
    {"abc", 2, "\"ab\""},
    {" ~", 0, "\" ~\""},
    {"caf\xc3\xa9", 0, "\"caf\xc3\xa9\""},               /* UTF-8 stays */
    {"\xf0\x9f\x98\x80", 0, "\"\xf0\x9f\x98\x80\""},     /* 4-byte UTF-8 */
    {"\xe2\x82\xac", 0, "\"\xe2\x82\xac\""},             /* the euro sign */
};

TEST_P(unit_values, quote, struct ut_quote_case, ut_quote_cases, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__quote(&b, PARAM->s, PARAM->n ? PARAM->n : strlen(PARAM->s));
    EXPECT_STR_EQ(b.data, PARAM->want);
    ptest__buf_free(&b);
}

/* ptest__quote's contract: "C escapes for what is not printable ASCII or
 * UTF-8". Bytes that are not UTF-8 go out raw, so a report (and any
 * XML or JSON made from it) is not valid UTF-8. */
TEST(unit_values, quote_escapes_invalid_utf8, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__quote(&b, "\xff", 1);
    EXPECT_STR_EQ(b.data, "\"\\xff\"");
    ptest__buf_free(&b);
    ptest__quote(&b, "a\x80z", 3); /* a lone continuation byte */
    EXPECT_STR_EQ(b.data, "\"a\\x80z\"");
    ptest__buf_free(&b);
    ptest__quote(&b, "\xc3", 1); /* a sequence cut short */
    EXPECT_STR_EQ(b.data, "\"\\xc3\"");
    ptest__buf_free(&b);
}

/* ------------------------------------------------------------------------
 * Reports, family by family.
 * ------------------------------------------------------------------------ */

TEST(unit_values, report_true_false, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    int x = 1;
    UT_CAPTURE(cap, EXPECT_TRUE(x == 2));
    EXPECT_EQ(cap->jumped, 0);
    EXPECT_EQ(cap->ctx.failed, 1);
    EXPECT_EQ(cap->ctx.shared->failure_at, 0);
    UT_EXPECT_REPORT(cap, "EXPECT_TRUE(x == 2) failed\n    value: false\n");
    UT_CAPTURE(cap, EXPECT_FALSE(x));
    UT_EXPECT_REPORT(cap, "EXPECT_FALSE(x) failed\n    value: true\n");
    UT_CAPTURE(cap, ASSERT_TRUE(x > 1));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_TRUE(x > 1) failed\n    value: false\n");
    UT_CAPTURE(cap, ASSERT_FALSE(x != 0));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_FALSE(x != 0) failed\n    value: true\n");
    UT_CAPTURE(cap, EXPECT_TRUE(x); EXPECT_FALSE(!x); ASSERT_TRUE(42); ASSERT_FALSE(0));
    EXPECT_EQ(cap->jumped, 0);
    EXPECT_EQ(cap->ctx.failed, 0);
    EXPECT_EQ(cap->ctx.shared->failure_at, -1);
    EXPECT_STR_EQ(cap->text, "");
    ut_capture_free(cap);
}

TEST(unit_values, report_comparisons, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    int one = 1, two = 2;
    UT_CAPTURE(cap, EXPECT_EQ(one, two));
    UT_EXPECT_REPORT(cap, "EXPECT_EQ(one, two) failed\n" UT_LR("1", "2"));
    UT_CAPTURE(cap, EXPECT_NE(one, 3 - two));
    UT_EXPECT_REPORT(cap, "EXPECT_NE(one, 3 - two) failed\n" UT_LR("1", "1"));
    UT_CAPTURE(cap, EXPECT_LT(two, one));
    UT_EXPECT_REPORT(cap, "EXPECT_LT(two, one) failed\n" UT_LR("2", "1"));
    UT_CAPTURE(cap, EXPECT_LE(two, one));
    UT_EXPECT_REPORT(cap, "EXPECT_LE(two, one) failed\n" UT_LR("2", "1"));
    UT_CAPTURE(cap, EXPECT_GT(one, two));
    UT_EXPECT_REPORT(cap, "EXPECT_GT(one, two) failed\n" UT_LR("1", "2"));
    UT_CAPTURE(cap, EXPECT_GE(one, two));
    UT_EXPECT_REPORT(cap, "EXPECT_GE(one, two) failed\n" UT_LR("1", "2"));
    EXPECT_EQ(cap->jumped, 0);
    UT_CAPTURE(cap, ASSERT_EQ(one, two));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_EQ(one, two) failed\n" UT_LR("1", "2"));
    UT_CAPTURE(cap, ASSERT_NE(two, two));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_NE(two, two) failed\n" UT_LR("2", "2"));
    UT_CAPTURE(cap, ASSERT_LT(one, one));
    UT_EXPECT_REPORT(cap, "ASSERT_LT(one, one) failed\n" UT_LR("1", "1"));
    UT_CAPTURE(cap, ASSERT_LE(two, one));
    UT_EXPECT_REPORT(cap, "ASSERT_LE(two, one) failed\n" UT_LR("2", "1"));
    UT_CAPTURE(cap, ASSERT_GT(one, one));
    UT_EXPECT_REPORT(cap, "ASSERT_GT(one, one) failed\n" UT_LR("1", "1"));
    UT_CAPTURE(cap, ASSERT_GE(one, two));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_GE(one, two) failed\n" UT_LR("1", "2"));
    /* and all of them holding */
    UT_CAPTURE(cap, EXPECT_EQ(one, 1); EXPECT_NE(one, two); EXPECT_LT(one, two); EXPECT_LE(one, one); EXPECT_GT(two, one); EXPECT_GE(two, two); ASSERT_EQ(two, 2); ASSERT_NE(1, 2); ASSERT_LT(-5, 5); ASSERT_LE(5, 5); ASSERT_GT(6, 5); ASSERT_GE(5, 5));
    EXPECT_EQ(cap->jumped, 0);
    EXPECT_EQ(cap->ctx.failed, 0);
    EXPECT_STR_EQ(cap->text, "");
    ut_capture_free(cap);
}

TEST(unit_values, report_null, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    int cell = 0;
    const int *p = &cell, *q = NULL;
    char *want;
    UT_CAPTURE(cap, EXPECT_NULL(p));
    want = ut_fmt("EXPECT_NULL(p) failed\n    value: " UT_PTR_FMT "\n", UT_PTR(p));
    UT_EXPECT_REPORT(cap, want);
    free(want);
    UT_CAPTURE(cap, EXPECT_NOT_NULL(q));
    UT_EXPECT_REPORT(cap, "EXPECT_NOT_NULL(q) failed\n    value: NULL\n");
    UT_CAPTURE(cap, ASSERT_NULL(p));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_HEAD(cap, "ASSERT_NULL(p) failed\n    value: 0x");
    UT_CAPTURE(cap, ASSERT_NOT_NULL(q));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_NOT_NULL(q) failed\n    value: NULL\n");
    UT_CAPTURE(cap, EXPECT_NULL(q); EXPECT_NOT_NULL(p); ASSERT_NULL(NULL); ASSERT_NOT_NULL("x"));
    EXPECT_EQ(cap->ctx.failed, 0);
    ut_capture_free(cap);
}

TEST(unit_values, report_strings, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    const char *s = "abc";
    UT_CAPTURE(cap, EXPECT_STR_EQ(s, "abd"));
    UT_EXPECT_REPORT(cap, "EXPECT_STR_EQ(s, \"abd\") failed\n"
                          "    left:  \"abc\"\n    right: \"abd\"\n"
                          "    first difference at index 2\n");
    UT_CAPTURE(cap, EXPECT_STR_EQ("ab", s));
    UT_EXPECT_REPORT(cap, "EXPECT_STR_EQ(\"ab\", s) failed\n"
                          "    left:  \"ab\"\n    right: \"abc\"\n"
                          "    first difference at index 2\n");
    UT_CAPTURE(cap, EXPECT_STR_EQ("", s));
    UT_EXPECT_REPORT(cap, "EXPECT_STR_EQ(\"\", s) failed\n"
                          "    left:  \"\"\n    right: \"abc\"\n"
                          "    first difference at index 0\n");
    UT_CAPTURE(cap, ASSERT_STR_EQ("a\nb", "a\tb"));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_STR_EQ(\"a\\nb\", \"a\\tb\") failed\n"
                          "    left:  \"a\\nb\"\n    right: \"a\\tb\"\n"
                          "    first difference at index 1\n");
    UT_CAPTURE(cap, EXPECT_STR_NE(s, "abc"));
    UT_EXPECT_REPORT(cap, "EXPECT_STR_NE(s, \"abc\") failed\n"
                          "    left:  \"abc\"\n    right: \"abc\"\n");
    UT_CAPTURE(cap, ASSERT_STR_NE(s, s));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_STR_NE(s, s) failed\n"
                          "    left:  \"abc\"\n    right: \"abc\"\n");
    UT_CAPTURE(cap, EXPECT_STR_EQ(s, "abc"); EXPECT_STR_NE(s, "ab"); EXPECT_STR_NE(s, "abcd"); ASSERT_STR_EQ("", ""));
    EXPECT_EQ(cap->ctx.failed, 0);
    ut_capture_free(cap);
}

TEST(unit_values, report_strings_null, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    const char *none = NULL, *s = "x";
    UT_CAPTURE(cap, EXPECT_STR_EQ(none, s));
    UT_EXPECT_REPORT(cap, "EXPECT_STR_EQ(none, s) failed\n"
                          "    left:  NULL\n    right: \"x\"\n"
                          "    left is NULL, right is a string\n");
    UT_CAPTURE(cap, ASSERT_STR_EQ(s, none));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_STR_EQ(s, none) failed\n"
                          "    left:  \"x\"\n    right: NULL\n"
                          "    right is NULL, left is a string\n");
    UT_CAPTURE(cap, EXPECT_STR_EQ("", none));
    UT_EXPECT_REPORT(cap, "EXPECT_STR_EQ(\"\", none) failed\n"
                          "    left:  \"\"\n    right: NULL\n"
                          "    right is NULL, left is a string\n");
    UT_CAPTURE(cap, EXPECT_STR_NE(none, none));
    UT_EXPECT_REPORT(cap, "EXPECT_STR_NE(none, none) failed\n"
                          "    left:  NULL\n    right: NULL\n"
                          "    both are NULL, and NULL equals NULL\n");
    /* NULL equals only NULL (as gtest's EXPECT_STREQ(NULL, NULL) passes) */
    UT_CAPTURE(cap, EXPECT_STR_EQ(none, none); ASSERT_STR_EQ(NULL, NULL); EXPECT_STR_NE(none, s); EXPECT_STR_NE(s, none); EXPECT_STR_NE(none, ""));
    EXPECT_EQ(cap->ctx.failed, 0);
    ut_capture_free(cap);
}

TEST(unit_values, report_long_strings, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    char *a = ut_repeat('x', 301), *b = ut_repeat('x', 301), *want, *x40, *y39, *x80;
    memset(a + 201, 'y', 100);
    memset(b + 201, 'y', 100);
    a[200] = 'A';
    b[200] = 'B';
    /* a window of 80 bytes from 40 before the difference, "..." where cut */
    x40 = ut_repeat('x', 40);
    y39 = ut_repeat('y', 39);
    UT_CAPTURE(cap, EXPECT_STR_EQ(a, b));
    want = ut_fmt("EXPECT_STR_EQ(a, b) failed\n"
                  "    left:  ...\"%sA%s\"...\n"
                  "    right: ...\"%sB%s\"...\n"
                  "    first difference at index 200\n", x40, y39, x40, y39);
    UT_EXPECT_REPORT(cap, want);
    free(want);
    /* a long string against a short one: the window starts at 0 */
    x80 = ut_repeat('x', 80);
    UT_CAPTURE(cap, EXPECT_STR_EQ(a, "xxxz"));
    want = ut_fmt("EXPECT_STR_EQ(a, \"xxxz\") failed\n"
                  "    left:  \"%s\"...\n"
                  "    right: \"xxxz\"\n"
                  "    first difference at index 3\n", x80);
    UT_EXPECT_REPORT(cap, want);
    free(want);
    /* the tail of a long string */
    UT_CAPTURE(cap, EXPECT_STR_EQ(a, a + 1));
    UT_EXPECT_CONTAINS(cap->text, "first difference at index 199\n");
    /* 120 bytes are shown whole */
    a[120] = '\0';
    b[120] = '\0';
    a[119] = 'A';
    UT_CAPTURE(cap, EXPECT_STR_EQ(a, b));
    UT_EXPECT_NOT_CONTAINS(cap->text, "...");
    UT_EXPECT_CONTAINS(cap->text, "first difference at index 119\n");
    free(a);
    free(b);
    free(x40);
    free(y39);
    free(x80);
    ut_capture_free(cap);
}

TEST(unit_values, report_memory, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    unsigned char a[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    unsigned char b[10] = {0, 1, 2, 3, 4, 0xff, 6, 7, 8, 9};
    unsigned char big_a[40], big_b[40];
    const void *none = NULL;
    size_t i;
    UT_CAPTURE(cap, EXPECT_MEM_EQ(a, b, sizeof a));
    UT_EXPECT_REPORT(cap, "EXPECT_MEM_EQ(a, b, sizeof a) failed\n"
                          "    first difference at offset 5 of 10\n"
                          "    left  @0: 00 01 02 03 04 05 06 07 08 09\n"
                          "    right @0: 00 01 02 03 04 ff 06 07 08 09\n");
    for (i = 0; i < sizeof big_a; i++)
        big_a[i] = big_b[i] = (unsigned char)i;
    big_b[20] = 0xee;
    UT_CAPTURE(cap, ASSERT_MEM_EQ(big_a, big_b, 40));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_MEM_EQ(big_a, big_b, 40) failed\n"
                          "    first difference at offset 20 of 40\n"
                          "    left  @16: 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f ...\n"
                          "    right @16: 10 11 12 13 ee 15 16 17 18 19 1a 1b 1c 1d 1e 1f ...\n");
    UT_CAPTURE(cap, EXPECT_MEM_EQ(big_a, big_b, 21));
    UT_EXPECT_REPORT(cap, "EXPECT_MEM_EQ(big_a, big_b, 21) failed\n"
                          "    first difference at offset 20 of 21\n"
                          "    left  @16: 10 11 12 13 14\n"
                          "    right @16: 10 11 12 13 ee\n");
    UT_CAPTURE(cap, EXPECT_MEM_EQ(none, a, 3));
    UT_EXPECT_REPORT(cap, "EXPECT_MEM_EQ(none, a, 3) failed\n    left is NULL\n");
    UT_CAPTURE(cap, EXPECT_MEM_EQ(a, none, 3));
    UT_EXPECT_REPORT(cap, "EXPECT_MEM_EQ(a, none, 3) failed\n    right is NULL\n");
    /* equal memory, a prefix before the difference, and zero bytes */
    UT_CAPTURE(cap, EXPECT_MEM_EQ(a, b, 5); ASSERT_MEM_EQ(big_a, big_a, 40); EXPECT_MEM_EQ(none, none, 0); EXPECT_MEM_EQ(a, none, 0));
    EXPECT_EQ(cap->ctx.failed, 0);
    ut_capture_free(cap);
}

TEST(unit_values, report_near, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    UT_CAPTURE(cap, EXPECT_NEAR(1.0, 1.5, 0.1));
    UT_EXPECT_REPORT(cap, "EXPECT_NEAR(1.0, 1.5, 0.1) failed\n"
                          "    left:  1\n    right: 1.5\n"
                          "    difference 0.5 is more than 0.10000000000000001\n");
    UT_CAPTURE(cap, ASSERT_NEAR(-2, 2, 3));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_NEAR(-2, 2, 3) failed\n"
                          "    left:  -2\n    right: 2\n"
                          "    difference 4 is more than 3\n");
    UT_CAPTURE(cap, EXPECT_NEAR(NAN, NAN, 1));
    EXPECT_EQ(cap->ctx.failed, 1);
    UT_CAPTURE(cap, EXPECT_NEAR(NAN, 0, INFINITY));
    EXPECT_EQ(cap->ctx.failed, 1);
    UT_CAPTURE(cap, EXPECT_NEAR(1.0, 1.05, 0.1); EXPECT_NEAR(-1, 1, 2); EXPECT_NEAR(3, 3, 0); ASSERT_NEAR(1e300, 1e300, 0));
    EXPECT_EQ(cap->ctx.failed, 0);
    ut_capture_free(cap);
}

TEST(unit_values, report_fail_and_skip, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    UT_CAPTURE(cap, FAIL("bad state %d", 3));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    EXPECT_EQ(cap->ctx.failed, 1);
    EXPECT_EQ(cap->ctx.shared->failure_at, 0);
    UT_EXPECT_REPORT(cap, "FAIL: bad state 3\n");
    UT_CAPTURE(cap, SKIP_TEST("no %s here", "network"));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_SKIP);
    EXPECT_EQ(cap->ctx.skipped, 1);
    EXPECT_EQ(cap->ctx.failed, 0);
    EXPECT_EQ(cap->ctx.shared->failure_at, -1); /* a skip is no failure */
    UT_EXPECT_REPORT(cap, "skipped: no network here\n");
    /* a failure before the skip stays a failure */
    UT_CAPTURE(cap, EXPECT_TRUE(0); SKIP_TEST("later"));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_SKIP);
    EXPECT_EQ(cap->ctx.failed, 1);
    ut_capture_free(cap);
}

TEST(unit_values, report_msg_forms, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    unsigned char m1[2] = {1, 2}, m2[2] = {1, 3};
    const int *none = NULL;
    int n = 7;
    UT_CAPTURE(cap, EXPECT_TRUE_MSG(n < 0, "n is %d", n));
    UT_EXPECT_REPORT(cap, "EXPECT_TRUE(n < 0) failed: n is 7\n    value: false\n");
    UT_CAPTURE(cap, EXPECT_FALSE_MSG(n, "m%d", 1));
    UT_EXPECT_HEAD(cap, "EXPECT_FALSE(n) failed: m1\n");
    UT_CAPTURE(cap, EXPECT_EQ_MSG(n, 8, "m%d", 2));
    UT_EXPECT_REPORT(cap, "EXPECT_EQ(n, 8) failed: m2\n" UT_LR("7", "8"));
    UT_CAPTURE(cap, EXPECT_NE_MSG(n, 7, "m%d", 3));
    UT_EXPECT_HEAD(cap, "EXPECT_NE(n, 7) failed: m3\n");
    UT_CAPTURE(cap, EXPECT_LT_MSG(n, 7, "m%d", 4));
    UT_EXPECT_HEAD(cap, "EXPECT_LT(n, 7) failed: m4\n");
    UT_CAPTURE(cap, EXPECT_LE_MSG(n, 6, "m%d", 5));
    UT_EXPECT_HEAD(cap, "EXPECT_LE(n, 6) failed: m5\n");
    UT_CAPTURE(cap, EXPECT_GT_MSG(n, 7, "m%d", 6));
    UT_EXPECT_HEAD(cap, "EXPECT_GT(n, 7) failed: m6\n");
    UT_CAPTURE(cap, EXPECT_GE_MSG(n, 8, "m%d", 7));
    UT_EXPECT_HEAD(cap, "EXPECT_GE(n, 8) failed: m7\n");
    UT_CAPTURE(cap, EXPECT_NULL_MSG(&n, "m%d", 8));
    UT_EXPECT_HEAD(cap, "EXPECT_NULL(&n) failed: m8\n    value: 0x");
    UT_CAPTURE(cap, EXPECT_NOT_NULL_MSG(none, "m%d", 9));
    UT_EXPECT_REPORT(cap, "EXPECT_NOT_NULL(none) failed: m9\n    value: NULL\n");
    UT_CAPTURE(cap, EXPECT_STR_EQ_MSG("a", "b", "m%d", 10));
    UT_EXPECT_HEAD(cap, "EXPECT_STR_EQ(\"a\", \"b\") failed: m10\n    left:  \"a\"\n");
    UT_CAPTURE(cap, EXPECT_STR_NE_MSG("a", "a", "m%d", 11));
    UT_EXPECT_HEAD(cap, "EXPECT_STR_NE(\"a\", \"a\") failed: m11\n");
    UT_CAPTURE(cap, EXPECT_MEM_EQ_MSG(m1, m2, 2, "m%d", 12));
    UT_EXPECT_HEAD(cap, "EXPECT_MEM_EQ(m1, m2, 2) failed: m12\n    first difference at offset 1 of 2\n");
    UT_CAPTURE(cap, EXPECT_NEAR_MSG(1, 2, 0.5, "m%d", 13));
    UT_EXPECT_HEAD(cap, "EXPECT_NEAR(1, 2, 0.5) failed: m13\n    left:  1\n");
    EXPECT_EQ(cap->jumped, 0);
    ut_capture_free(cap);
}

TEST(unit_values, report_assert_msg_forms, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    unsigned char m1[2] = {1, 2}, m2[2] = {1, 3};
    const int *none = NULL;
    int n = 7;
    UT_CAPTURE(cap, ASSERT_TRUE_MSG(n < 0, "n is %d", n));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_REPORT(cap, "ASSERT_TRUE(n < 0) failed: n is 7\n    value: false\n");
    UT_CAPTURE(cap, ASSERT_FALSE_MSG(n, "m%d", 1));
    UT_EXPECT_HEAD(cap, "ASSERT_FALSE(n) failed: m1\n");
    UT_CAPTURE(cap, ASSERT_EQ_MSG(n, 8, "m%s", "2"));
    UT_EXPECT_REPORT(cap, "ASSERT_EQ(n, 8) failed: m2\n" UT_LR("7", "8"));
    UT_CAPTURE(cap, ASSERT_NE_MSG(n, 7, "m%d", 3));
    UT_EXPECT_HEAD(cap, "ASSERT_NE(n, 7) failed: m3\n");
    UT_CAPTURE(cap, ASSERT_LT_MSG(n, 7, "m%d", 4));
    UT_EXPECT_HEAD(cap, "ASSERT_LT(n, 7) failed: m4\n");
    UT_CAPTURE(cap, ASSERT_LE_MSG(n, 6, "m%d", 5));
    UT_EXPECT_HEAD(cap, "ASSERT_LE(n, 6) failed: m5\n");
    UT_CAPTURE(cap, ASSERT_GT_MSG(n, 7, "m%d", 6));
    UT_EXPECT_HEAD(cap, "ASSERT_GT(n, 7) failed: m6\n");
    UT_CAPTURE(cap, ASSERT_GE_MSG(n, 8, "m%d", 7));
    UT_EXPECT_HEAD(cap, "ASSERT_GE(n, 8) failed: m7\n");
    UT_CAPTURE(cap, ASSERT_NULL_MSG(&n, "m%d", 8));
    UT_EXPECT_HEAD(cap, "ASSERT_NULL(&n) failed: m8\n");
    UT_CAPTURE(cap, ASSERT_NOT_NULL_MSG(none, "m%d", 9));
    UT_EXPECT_HEAD(cap, "ASSERT_NOT_NULL(none) failed: m9\n");
    UT_CAPTURE(cap, ASSERT_STR_EQ_MSG("a", "b", "m%d", 10));
    UT_EXPECT_HEAD(cap, "ASSERT_STR_EQ(\"a\", \"b\") failed: m10\n");
    UT_CAPTURE(cap, ASSERT_STR_NE_MSG("a", "a", "m%d", 11));
    UT_EXPECT_HEAD(cap, "ASSERT_STR_NE(\"a\", \"a\") failed: m11\n");
    UT_CAPTURE(cap, ASSERT_MEM_EQ_MSG(m1, m2, 2, "m%d", 12));
    UT_EXPECT_HEAD(cap, "ASSERT_MEM_EQ(m1, m2, 2) failed: m12\n");
    UT_CAPTURE(cap, ASSERT_NEAR_MSG(1, 2, 0.5, "m%d", 13));
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_HEAD(cap, "ASSERT_NEAR(1, 2, 0.5) failed: m13\n");
    ut_capture_free(cap);
}

/* A message that formats to nothing (an empty error buffer, say) should
 * leave the headline as it is, not end it with a dangling ": ". */
TEST(unit_values, report_empty_msg, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    const char *why = "";
    int n = 7;
    UT_CAPTURE(cap, EXPECT_EQ_MSG(n, 8, "%s", why));
    UT_EXPECT_REPORT(cap, "EXPECT_EQ(n, 8) failed\n" UT_LR("7", "8"));
    UT_CAPTURE(cap, EXPECT_TRUE_MSG(n == 8, "%s", why));
    UT_EXPECT_REPORT(cap, "EXPECT_TRUE(n == 8) failed\n    value: false\n");
    ut_capture_free(cap);
}

TEST(unit_values, log_lines, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    char *line;
    UT_CAPTURE(cap, ptest_log("hello %d", 5));
    EXPECT_EQ(cap->ctx.failed, 0);
    EXPECT_EQ(cap->ctx.shared->failure_at, -1);
    UT_EXPECT_REPORT(cap, "hello 5\n");
    /* a log line, then a failure: the failure's place is remembered */
    UT_CAPTURE(cap, ptest_log("step %s", "one"); EXPECT_EQ(1, 2); ptest_log("after"));
    line = ut_fmt("%s:%d: step one\n", cap->file, cap->line);
    EXPECT_EQ(cap->ctx.shared->failure_at, (int32_t)strlen(line));
    EXPECT_EQ(strncmp(cap->text, line, strlen(line)), 0);
    UT_EXPECT_CONTAINS(cap->text + strlen(line), "EXPECT_EQ(1, 2) failed\n");
    UT_EXPECT_CONTAINS(cap->text, ": after\n");
    free(line);
    ut_capture_free(cap);
}

TEST(unit_values, expect_goes_on_assert_leaves, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    ut_after = 0;
    UT_CAPTURE(cap, EXPECT_EQ(1, 2); EXPECT_TRUE(0); ut_after = 1);
    EXPECT_EQ(ut_after, 1);
    EXPECT_EQ(cap->jumped, 0);
    EXPECT_EQ(cap->ctx.failed, 1);
    EXPECT_EQ(cap->ctx.shared->failure_at, 0);
    UT_EXPECT_CONTAINS(cap->text, "EXPECT_EQ(1, 2) failed");
    UT_EXPECT_CONTAINS(cap->text, "EXPECT_TRUE(0) failed");
    ut_after = 0;
    UT_CAPTURE(cap, ASSERT_EQ(1, 2); ut_after = 1);
    EXPECT_EQ(ut_after, 0);
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    ut_after = 0;
    UT_CAPTURE(cap, FAIL("stop"); ut_after = 1);
    EXPECT_EQ(ut_after, 0);
    ut_after = 0;
    UT_CAPTURE(cap, SKIP_TEST("stop"); ut_after = 1);
    EXPECT_EQ(ut_after, 0);
    ut_capture_free(cap);
}

static void ut_helper_asserts(int v)
{
    ASSERT_EQ(v, 0);
    ut_after = 1;
}

TEST(unit_values, assert_leaves_helper_functions, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    ut_after = 0;
    UT_CAPTURE(cap, ut_helper_asserts(1); ut_after = 2);
    EXPECT_EQ(ut_after, 0);
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    UT_EXPECT_CONTAINS(cap->text, "ASSERT_EQ(v, 0) failed");
    UT_EXPECT_CONTAINS(cap->text, "test_values.c:");
    UT_CAPTURE(cap, ut_helper_asserts(0));
    EXPECT_EQ(ut_after, 1);
    EXPECT_EQ(cap->jumped, 0);
    ut_capture_free(cap);
}

TEST(unit_values, last_reached_site, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    /* passing assertions record where the test was, for timeout reports */
    UT_CAPTURE(cap, EXPECT_TRUE(1));
    EXPECT_STR_EQ(cap->ctx.shared->last_file, __FILE__);
    EXPECT_EQ(cap->ctx.shared->last_line, cap->line);
    UT_CAPTURE(cap, ptest_log("x"));
    EXPECT_EQ(cap->ctx.shared->last_line, cap->line);
    ut_capture_free(cap);
}

TEST(unit_values, report_is_bounded, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    const size_t big = PTEST__REPORT_MAX / 2 + 1000;
    char *text = ut_repeat('r', big);
    UT_CAPTURE(cap, ptest_log("%s", text); ptest_log("%s", text); EXPECT_EQ(1, 2));
    EXPECT_LE(cap->ctx.shared->report_len, PTEST__REPORT_MAX);
    EXPECT_EQ(cap->ctx.failed, 1);
    UT_EXPECT_CONTAINS(cap->text + big, "[report truncated]\n");
    /* the failure after the cut is still there */
    UT_EXPECT_CONTAINS(cap->text + big, "EXPECT_EQ(1, 2) failed");
    free(text);
    ut_capture_free(cap);
}

/* ------------------------------------------------------------------------
 * Each argument is evaluated exactly once, passing or failing.
 * ------------------------------------------------------------------------ */

TEST(unit_values, evaluated_once_when_passing, MARK(unit))
{
    unsigned char m[3] = {1, 2, 3};
    ut_calls = 0;
    EXPECT_TRUE(ut_i(1));
    ASSERT_TRUE(ut_i(1));
    EXPECT_FALSE(ut_i(0));
    ASSERT_FALSE(ut_i(0));
    EXPECT_EQ(ut_calls, 4);
    ut_calls = 0;
    EXPECT_EQ(ut_i(1), ut_i(1));
    EXPECT_NE(ut_i(1), ut_u(2));
    EXPECT_LT(ut_i(1), ut_d(2));
    EXPECT_LE(ut_u(1), ut_u(1));
    EXPECT_GT(ut_z(3), ut_i(-1));
    EXPECT_GE(ut_d(2), ut_d(2));
    ASSERT_EQ(ut_i(1), ut_i(1));
    ASSERT_GE(ut_i(1), ut_i(1));
    EXPECT_EQ(ut_calls, 16);
    ut_calls = 0;
    EXPECT_NULL(ut_p(NULL));
    EXPECT_NOT_NULL(ut_p(m));
    EXPECT_STR_EQ(ut_s("a"), ut_s("a"));
    EXPECT_STR_NE(ut_s("a"), ut_s("b"));
    EXPECT_MEM_EQ(ut_p(m), ut_p(m), ut_z(3));
    EXPECT_NEAR(ut_d(1), ut_d(1.1), ut_d(0.2));
    EXPECT_EQ(ut_calls, 12);
    ut_calls = 0;
    EXPECT_EQ_MSG(ut_i(1), ut_i(1), "%d", ut_i(9));
    ASSERT_STR_EQ_MSG(ut_s("x"), ut_s("x"), "%s", ut_s("m"));
    EXPECT_EQ(ut_calls, 6);
}

TEST(unit_values, evaluated_once_when_failing, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    unsigned char m1[3] = {1, 2, 3}, m2[3] = {1, 2, 4};
    ut_calls = 0;
    UT_CAPTURE(cap, EXPECT_TRUE(ut_i(0)); EXPECT_FALSE(ut_i(1)));
    EXPECT_EQ(ut_calls, 2);
    ut_calls = 0;
    UT_CAPTURE(cap, ASSERT_TRUE(ut_i(0)));
    EXPECT_EQ(ut_calls, 1);
    ut_calls = 0;
    UT_CAPTURE(cap, EXPECT_EQ(ut_i(1), ut_i(2)));
    EXPECT_EQ(ut_calls, 2);
    UT_EXPECT_REPORT(cap, "EXPECT_EQ(ut_i(1), ut_i(2)) failed\n" UT_LR("1", "2"));
    ut_calls = 0;
    UT_CAPTURE(cap, EXPECT_NE(ut_i(1), ut_i(1)); EXPECT_LT(ut_i(2), ut_i(1)); EXPECT_LE(ut_i(2), ut_i(1)); EXPECT_GT(ut_i(1), ut_i(2)); EXPECT_GE(ut_i(1), ut_i(2)));
    EXPECT_EQ(ut_calls, 10);
    ut_calls = 0;
    UT_CAPTURE(cap, ASSERT_GE(ut_u(1), ut_u(2)));
    EXPECT_EQ(ut_calls, 2);
    ut_calls = 0;
    UT_CAPTURE(cap, EXPECT_NULL(ut_p(m1)); EXPECT_NOT_NULL(ut_p(NULL)));
    EXPECT_EQ(ut_calls, 2);
    ut_calls = 0;
    UT_CAPTURE(cap, EXPECT_STR_EQ(ut_s("a"), ut_s("b")); EXPECT_STR_NE(ut_s("a"), ut_s("a")));
    EXPECT_EQ(ut_calls, 4);
    ut_calls = 0;
    UT_CAPTURE(cap, EXPECT_MEM_EQ(ut_p(m1), ut_p(m2), ut_z(3)));
    EXPECT_EQ(ut_calls, 3);
    UT_EXPECT_CONTAINS(cap->text, "first difference at offset 2 of 3");
    ut_calls = 0;
    UT_CAPTURE(cap, EXPECT_NEAR(ut_d(1), ut_d(2), ut_d(0.5)));
    EXPECT_EQ(ut_calls, 3);
    ut_calls = 0;
    UT_CAPTURE(cap, EXPECT_EQ_MSG(ut_i(1), ut_i(2), "%d %s", ut_i(3), ut_s("m")));
    EXPECT_EQ(ut_calls, 4);
    UT_EXPECT_HEAD(cap, "EXPECT_EQ(ut_i(1), ut_i(2)) failed: 3 m\n");
    ut_calls = 0;
    UT_CAPTURE(cap, FAIL("%d", ut_i(1)));
    EXPECT_EQ(ut_calls, 1);
    ut_calls = 0;
    UT_CAPTURE(cap, SKIP_TEST("%d", ut_i(1)));
    EXPECT_EQ(ut_calls, 1);
    ut_calls = 0;
    UT_CAPTURE(cap, ptest_log("%d %d", ut_i(1), ut_i(2)));
    EXPECT_EQ(ut_calls, 2);
    ut_capture_free(cap);
}

/* ------------------------------------------------------------------------
 * Outside a running test an assertion has nowhere to go: it aborts.
 * ------------------------------------------------------------------------ */

static void ut_leave_test(void)
{
    if (!freopen("/dev/null", "w", stderr)) {
        /* the abort message then shows on the runner's stderr; harmless */
    }
    ptest__ctx_now = NULL;
}

TEST(unit_values, failure_outside_a_test_aborts, MARK(unit), EXPECT_SIGNAL(SIGABRT))
{
    ut_leave_test();
    EXPECT_TRUE(0);
}

TEST(unit_values, fail_outside_a_test_aborts, MARK(unit), EXPECT_SIGNAL(SIGABRT))
{
    ut_leave_test();
    FAIL("nowhere to go");
}

TEST(unit_values, skip_outside_a_test_aborts, MARK(unit), EXPECT_SIGNAL(SIGABRT))
{
    ut_leave_test();
    SKIP_TEST("nowhere to go");
}

TEST(unit_values, passing_outside_a_test_is_fine, MARK(unit))
{
    struct ptest__ctx *saved = ptest__ctx_now;
    int ok;
    ptest__ctx_now = NULL;
    ok = ptest__check_cmp(0, __FILE__, __LINE__, PTEST__EQ, "1, 1",
                          ptest__v_int(1), ptest__v_int(1), NULL);
    ptest__ctx_now = saved;
    EXPECT_EQ(ok, 1);
}

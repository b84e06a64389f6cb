/* Unit tests of the -m / -k expressions: tokenizer, compiler (precedence,
 * parentheses, every syntax error with its column), evaluator, the marker
 * and keyword matchers, and the marker check with its suggestion. */

/* ------------------------------------------------------------------------
 * Tokenizer
 * ------------------------------------------------------------------------ */

TEST(unit_expr, tokenize_kinds_and_columns, MARK(unit))
{
    struct ptest__token toks[16];
    size_t n = ptest__tokenize(" not(slow)and\tx or-y ", toks);
    ASSERT_EQ(n, 8u);
    EXPECT_EQ(toks[0].kind, PTEST__T_NOT);
    EXPECT_EQ(toks[0].col, 2u);
    EXPECT_EQ(toks[1].kind, PTEST__T_LPAREN);
    EXPECT_EQ(toks[1].col, 5u);
    EXPECT_EQ(toks[2].kind, PTEST__T_IDENT);
    EXPECT_EQ(toks[2].len, 4u);
    EXPECT_EQ(strncmp(toks[2].text, "slow", 4), 0);
    EXPECT_EQ(toks[3].kind, PTEST__T_RPAREN);
    EXPECT_EQ(toks[3].col, 10u);
    EXPECT_EQ(toks[4].kind, PTEST__T_AND);
    EXPECT_EQ(toks[4].col, 11u);
    EXPECT_EQ(toks[5].kind, PTEST__T_IDENT); /* x, after a tab */
    EXPECT_EQ(toks[5].col, 15u);
    /* "or-y" is one identifier: only whitespace and parentheses split */
    EXPECT_EQ(toks[6].kind, PTEST__T_IDENT);
    EXPECT_EQ(toks[6].len, 4u);
    EXPECT_EQ(toks[7].kind, PTEST__T_END);
    EXPECT_EQ(toks[6].col, 17u);
    EXPECT_EQ(toks[7].col, 22u);
}

TEST(unit_expr, tokenize_keywords_are_lowercase_whole_words, MARK(unit))
{
    struct ptest__token toks[8];
    size_t n = ptest__tokenize("AND Or nota andx not", toks);
    ASSERT_EQ(n, 6u);
    EXPECT_EQ(toks[0].kind, PTEST__T_IDENT);
    EXPECT_EQ(toks[1].kind, PTEST__T_IDENT);
    EXPECT_EQ(toks[2].kind, PTEST__T_IDENT);
    EXPECT_EQ(toks[3].kind, PTEST__T_IDENT);
    EXPECT_EQ(toks[4].kind, PTEST__T_NOT);
    EXPECT_EQ(toks[5].kind, PTEST__T_END);
}

TEST(unit_expr, tokenize_empty_and_blank, MARK(unit))
{
    struct ptest__token toks[4];
    EXPECT_EQ(ptest__tokenize("", toks), 1u);
    EXPECT_EQ(toks[0].kind, PTEST__T_END);
    EXPECT_EQ(toks[0].col, 1u);
    EXPECT_EQ(ptest__tokenize(" \t\r\n", toks), 1u);
    EXPECT_EQ(toks[0].kind, PTEST__T_END);
    EXPECT_EQ(toks[0].col, 5u);
}

TEST(unit_expr, tokenize_non_ascii_bytes_are_identifier_bytes, MARK(unit))
{
    struct ptest__token toks[8];
    /* "café (\xff\xfe)": é is two bytes, so '(' is at byte column 7 */
    size_t n = ptest__tokenize("caf\xc3\xa9 (\xff\xfe)", toks);
    ASSERT_EQ(n, 5u);
    EXPECT_EQ(toks[0].kind, PTEST__T_IDENT);
    EXPECT_EQ(toks[0].len, 5u);
    EXPECT_EQ(toks[1].kind, PTEST__T_LPAREN);
    EXPECT_EQ(toks[1].col, 7u);
    EXPECT_EQ(toks[2].kind, PTEST__T_IDENT);
    EXPECT_EQ(toks[2].len, 2u);
    EXPECT_EQ((unsigned char)toks[2].text[0], 0xffu);
    EXPECT_EQ(toks[3].kind, PTEST__T_RPAREN);
}

/* ------------------------------------------------------------------------
 * Compiler and evaluator: (expression, identifiers that hold, result).
 * ------------------------------------------------------------------------ */

struct ut_expr_case {
    const char *text;
    const char *holds;      /* space-separated identifiers that are true */
    int want;
};

static const struct ut_expr_case ut_expr_cases[] = {
    /* single identifiers */
    {"a", "a", 1},
    {"a", "b", 0},
    {"a", "", 0},
    /* not > and > or */
    {"not a", "", 1},
    {"not a", "a", 0},
    {"a or b and c", "a", 1},           /* a or (b and c) */
    {"a or b and c", "b", 0},
    {"a or b and c", "b c", 1},
    {"a and b or c", "c", 1},           /* (a and b) or c */
    {"a and b or c", "a", 0},
    {"not a and b", "b", 1},            /* (not a) and b */
    {"not a and b", "a b", 0},
    {"not a and b", "", 0},
    {"not a or b", "a", 0},             /* (not a) or b */
    {"not a or b", "a b", 1},
    {"a and not b", "a", 1},
    {"a and not b", "a b", 0},
    {"not not a", "a", 1},
    {"not not not a", "a", 0},
    {"a or b or c", "c", 1},
    {"a and b and c", "a b", 0},
    {"a and b and c", "a b c", 1},
    {"a or not b and c", "", 0},        /* a or ((not b) and c) */
    {"a or not b and c", "c", 1},
    /* parentheses */
    {"(a or b) and c", "a", 0},
    {"(a or b) and c", "a c", 1},
    {"not (a or b)", "", 1},
    {"not (a or b)", "b", 0},
    {"not (a and b)", "a", 1},
    {"((a))", "a", 1},
    {"(not a) and (not b)", "", 1},
    {"a and (b or (c and not d))", "a c", 1},
    {"a and (b or (c and not d))", "a c d", 0},
    {"  a\tand\nb  ", "a b", 1},
    {"(a)or(b)", "b", 1},
    /* identifiers are case-sensitive and may hold odd bytes */
    {"A", "a", 0},
    {"slow-io", "slow-io", 1},
    {"x.y[0]", "x.y[0]", 1},
    {"caf\xc3\xa9", "caf\xc3\xa9", 1},
    {"\xff", "\xff", 1},
    /* blank selects everything */
    {"", "", 1},
    {"   ", "", 1},
    {"\t\n", "", 1},
};

TEST_P(unit_expr, table, struct ut_expr_case, ut_expr_cases, MARK(unit))
{
    char *err = NULL;
    int got = ut_eval(PARAM->text, PARAM->holds, &err);
    EXPECT_TRUE_MSG(err == NULL, "'%s' did not compile: %s", PARAM->text,
                    err ? err : "");
    EXPECT_EQ_MSG(got, PARAM->want, "'%s' with {%s} true", PARAM->text,
                  PARAM->holds);
    free(err);
}

TEST(unit_expr, compiles_to_postfix, MARK(unit))
{
    struct ptest__expr e;
    struct ptest__buf err = {NULL, 0, 0};
    ASSERT_EQ(ptest__expr_compile(&e, "a or not b and c", &err), 0);
    ASSERT_EQ(e.len, 6u);
    EXPECT_EQ(e.empty, 0);
    EXPECT_STR_EQ(e.code[0].ident, "a");
    EXPECT_STR_EQ(e.code[1].ident, "b");
    EXPECT_EQ(e.code[2].kind, PTEST__T_NOT);
    EXPECT_STR_EQ(e.code[3].ident, "c");
    EXPECT_EQ(e.code[4].kind, PTEST__T_AND);
    EXPECT_EQ(e.code[5].kind, PTEST__T_OR);
    EXPECT_NULL(e.code[5].ident);
    EXPECT_NULL(err.data);
    ptest__expr_free(&e);
    EXPECT_NULL(e.code);
    EXPECT_EQ(e.len, 0u);
}

TEST(unit_expr, blank_is_empty_and_selects_all, MARK(unit))
{
    struct ptest__expr e;
    struct ptest__buf err = {NULL, 0, 0};
    unsigned char stack[1];
    ASSERT_EQ(ptest__expr_compile(&e, " \t ", &err), 0);
    EXPECT_EQ(e.empty, 1);
    EXPECT_EQ(e.len, 0u);
    EXPECT_EQ(ptest__expr_eval(&e, ut_match_words, "", stack), 1);
    ptest__expr_free(&e);
}

/* ------------------------------------------------------------------------
 * Syntax errors: every message, with its column.
 * ------------------------------------------------------------------------ */

struct ut_expr_error {
    const char *text;
    const char *message;
};

#define UT_WANT_OPERAND "expected not OR left parenthesis OR identifier; got "
#define UT_WANT_OPERATOR "expected and OR or OR right parenthesis OR end of input; got "

static const struct ut_expr_error ut_expr_errors[] = {
    {"and", "at column 1: " UT_WANT_OPERAND "and"},
    {"or a", "at column 1: " UT_WANT_OPERAND "or"},
    {")", "at column 1: " UT_WANT_OPERAND "right parenthesis"},
    {"()", "at column 2: " UT_WANT_OPERAND "right parenthesis"},
    {"not", "at column 4: " UT_WANT_OPERAND "end of input"},
    {"a and", "at column 6: " UT_WANT_OPERAND "end of input"},
    {"a or ", "at column 6: " UT_WANT_OPERAND "end of input"},
    {"a and or b", "at column 7: " UT_WANT_OPERAND "or"},
    {"not and", "at column 5: " UT_WANT_OPERAND "and"},
    {"( )", "at column 3: " UT_WANT_OPERAND "right parenthesis"},
    {"a b", "at column 3: " UT_WANT_OPERATOR "identifier"},
    {"a not b", "at column 3: " UT_WANT_OPERATOR "not"},
    {"a (b)", "at column 3: " UT_WANT_OPERATOR "left parenthesis"},
    {"(a) (b)", "at column 5: " UT_WANT_OPERATOR "left parenthesis"},
    {"a )", "at column 3: expected and OR or OR end of input; got right parenthesis"},
    {"(a))", "at column 4: expected and OR or OR end of input; got right parenthesis"},
    {"(a", "at column 3: expected right parenthesis; got end of input"},
    {"((a) or b", "at column 10: expected right parenthesis; got end of input"},
    {"  (  a  ", "at column 9: expected right parenthesis; got end of input"},
    {"caf\xc3\xa9 )", "at column 7: expected and OR or OR end of input; got right parenthesis"},
};

TEST_P(unit_expr, syntax_errors, struct ut_expr_error, ut_expr_errors, MARK(unit))
{
    struct ptest__expr e;
    struct ptest__buf err = {NULL, 0, 0};
    ASSERT_EQ_MSG(ptest__expr_compile(&e, PARAM->text, &err), -1,
                  "'%s' compiled", PARAM->text);
    EXPECT_STR_EQ(err.data, PARAM->message);
    EXPECT_NULL(strchr(err.data ? err.data : "", '\n')); /* one line */
    /* a failed compile leaves nothing to free */
    EXPECT_NULL(e.code);
    EXPECT_EQ(e.len, 0u);
    ptest__buf_free(&err);
}

/* ------------------------------------------------------------------------
 * Size: no recursion, so no nesting depth or identifier length breaks it.
 * ------------------------------------------------------------------------ */

TEST(unit_expr, deep_parentheses, MARK(unit), MARK(slow))
{
    const size_t depth = 100000;
    char *text = (char *)ptest__xcalloc(2 * depth + 2, 1);
    char *err = NULL;
    memset(text, '(', depth);
    text[depth] = 'a';
    memset(text + depth + 1, ')', depth);
    EXPECT_EQ(ut_eval(text, "a", &err), 1);
    EXPECT_NULL(err);
    EXPECT_EQ(ut_eval(text, "b", NULL), 0);
    /* one parenthesis short: the error is at the very end */
    text[2 * depth] = '\0';
    EXPECT_EQ(ut_eval(text, "a", &err), -1);
    EXPECT_STR_EQ(err, "at column 200001: expected right parenthesis; got end of input");
    free(err);
    free(text);
}

TEST(unit_expr, deep_nots, MARK(unit), MARK(slow))
{
    const size_t count = 100000;
    char *text = (char *)ptest__xcalloc(4 * count + 2, 1);
    size_t i;
    for (i = 0; i < count; i++)
        memcpy(text + 4 * i, "not ", 4);
    text[4 * count] = 'a';
    EXPECT_EQ(ut_eval(text, "a", NULL), 1); /* an even number of nots */
    EXPECT_EQ(ut_eval(text, "", NULL), 0);
    memcpy(text, "   ", 3); /* drop the first "not" */
    EXPECT_EQ(ut_eval(text, "a", NULL), 0);
    free(text);
}

TEST(unit_expr, deep_mixed_nesting, MARK(unit), MARK(slow))
{
    /* "not (not (not ( ... a ... )))" with 50,000 levels, then "and b" */
    const size_t depth = 50000;
    struct ptest__buf b = {NULL, 0, 0};
    size_t i;
    for (i = 0; i < depth; i++)
        ptest__buf_puts(&b, "not (");
    ptest__buf_puts(&b, "a");
    for (i = 0; i < depth; i++)
        ptest__buf_puts(&b, ")");
    ptest__buf_puts(&b, " and b");
    EXPECT_EQ(ut_eval(b.data, "a b", NULL), 1);
    EXPECT_EQ(ut_eval(b.data, "a", NULL), 0);
    EXPECT_EQ(ut_eval(b.data, "b", NULL), 0);
    ptest__buf_free(&b);
}

TEST(unit_expr, long_chains, MARK(unit), MARK(slow))
{
    /* "x or x or ... or a": the evaluation stack never grows past two */
    const size_t count = 100000;
    struct ptest__buf b = {NULL, 0, 0};
    size_t i;
    for (i = 0; i < count; i++)
        ptest__buf_puts(&b, "x or ");
    ptest__buf_puts(&b, "a");
    EXPECT_EQ(ut_eval(b.data, "a", NULL), 1);
    EXPECT_EQ(ut_eval(b.data, "", NULL), 0);
    ptest__buf_free(&b);
}

TEST(unit_expr, megabyte_identifiers, MARK(unit), MARK(slow))
{
    const size_t size = (size_t)1 << 20;
    char *big = ut_repeat('x', size);
    char *text, *holds, *err = NULL;
    struct ptest__expr e;
    struct ptest__buf msg = {NULL, 0, 0};
    ASSERT_EQ(ptest__expr_compile(&e, big, &msg), 0);
    ASSERT_EQ(e.len, 1u);
    EXPECT_EQ(strlen(e.code[0].ident), size);
    ptest__expr_free(&e);
    /* "BIG and not BIGy" with BIG true */
    text = ut_fmt("%s and not %sy", big, big);
    holds = ut_fmt("%s", big);
    EXPECT_EQ(ut_eval(text, holds, NULL), 1);
    free(text);
    /* an error after a 1 MB identifier names the byte column */
    text = ut_fmt("%s )", big);
    EXPECT_EQ(ut_eval(text, holds, &err), -1);
    EXPECT_STR_EQ(err, "at column 1048578: expected and OR or OR end of input; "
                       "got right parenthesis");
    free(err);
    free(text);
    free(holds);
    free(big);
}

/* ------------------------------------------------------------------------
 * The matchers the runner uses: markers of a case, keywords of an id.
 * ------------------------------------------------------------------------ */

static const struct ptest__option ut_expr_opts[] = {PTEST__OPTIONS(
    PTEST_MARK(slow), PTEST_MARK(db), PTEST_TIMEOUT(3), PTEST__OPT_END_)};
static const struct ptest__test ut_expr_test =
    UT_DESCRIPTOR("Net", "Download_Big", "net.c", 7, ut_expr_opts);

/* Evaluates text with a matcher against the synthetic case above. */
static int ut_eval_case(const char *text,
                        int (*match)(const char *, const void *))
{
    struct ptest__case c;
    struct ptest__expr e;
    struct ptest__buf err = {NULL, 0, 0};
    unsigned char stack[64];
    int result;
    memset(&c, 0, sizeof c);
    c.test = &ut_expr_test;
    c.id = (char *)"Net.Download_Big";
    c.key = c.id;
    if (ptest__expr_compile(&e, text, &err) != 0) {
        ptest__buf_free(&err);
        return -1;
    }
    result = e.len < sizeof stack ? ptest__expr_eval(&e, match, &c, stack) : -2;
    ptest__expr_free(&e);
    return result;
}

TEST(unit_expr, match_marker, MARK(unit))
{
    EXPECT_EQ(ut_eval_case("slow", ptest__match_marker), 1);
    EXPECT_EQ(ut_eval_case("db and slow", ptest__match_marker), 1);
    EXPECT_EQ(ut_eval_case("not slow", ptest__match_marker), 0);
    EXPECT_EQ(ut_eval_case("unit", ptest__match_marker), 0);
    EXPECT_EQ(ut_eval_case("unit or db", ptest__match_marker), 1);
    /* markers are exact: no substrings, no case folding, options are not markers */
    EXPECT_EQ(ut_eval_case("slo", ptest__match_marker), 0);
    EXPECT_EQ(ut_eval_case("SLOW", ptest__match_marker), 0);
    EXPECT_EQ(ut_eval_case("3", ptest__match_marker), 0);
    EXPECT_EQ(ut_eval_case("", ptest__match_marker), 1);
}

TEST(unit_expr, match_keyword, MARK(unit))
{
    /* case-insensitive substrings of the id */
    EXPECT_EQ(ut_eval_case("download", ptest__match_keyword), 1);
    EXPECT_EQ(ut_eval_case("NET.DOWN", ptest__match_keyword), 1);
    EXPECT_EQ(ut_eval_case("big and not small", ptest__match_keyword), 1);
    EXPECT_EQ(ut_eval_case("upload", ptest__match_keyword), 0);
    EXPECT_EQ(ut_eval_case("not net", ptest__match_keyword), 0);
    EXPECT_EQ(ut_eval_case("Net.Download_Big.", ptest__match_keyword), 0);
    /* markers are not keywords */
    EXPECT_EQ(ut_eval_case("slow", ptest__match_keyword), 0);
}

/* ------------------------------------------------------------------------
 * ptest__expr_check_markers: every identifier of -m must be declared.
 * ------------------------------------------------------------------------ */

static const struct ptest__marker ut_expr_marker_db = {"database", "needs a db",
                                                       "db.c", 3};

/* Checks the markers of text against the built-ins plus "database". */
static int ut_check_markers(const char *text, struct ptest__buf *err)
{
    const struct ptest__marker *markers[1];
    struct ptest__registry reg;
    struct ptest__expr e;
    int rc;
    memset(&reg, 0, sizeof reg);
    markers[0] = &ut_expr_marker_db;
    reg.markers = markers;
    reg.marker_count = 1;
    ptest__buf_free(err);
    if (ptest__expr_compile(&e, text, err) != 0)
        return -2;
    rc = ptest__expr_check_markers(&e, &reg, err);
    ptest__expr_free(&e);
    return rc;
}

TEST(unit_expr, check_markers, MARK(unit))
{
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_check_markers("slow or (unit and not integration)", &err), 0);
    EXPECT_NULL(err.data);
    EXPECT_EQ(ut_check_markers("database", &err), 0);
    EXPECT_EQ(ut_check_markers("", &err), 0);

    EXPECT_EQ(ut_check_markers("unit and slwo", &err), -1);
    EXPECT_STR_EQ(err.data, "unknown marker 'slwo' (did you mean 'slow'?); "
                            "--markers lists them");
    EXPECT_EQ(ut_check_markers("not databse", &err), -1);
    EXPECT_STR_EQ(err.data, "unknown marker 'databse' (did you mean "
                            "'database'?); --markers lists them");
    EXPECT_EQ(ut_check_markers("integratoin", &err), -1);
    EXPECT_STR_EQ(err.data, "unknown marker 'integratoin' (did you mean "
                            "'integration'?); --markers lists them");
    /* nothing close: no suggestion */
    EXPECT_EQ(ut_check_markers("slow or network", &err), -1);
    EXPECT_STR_EQ(err.data, "unknown marker 'network'; --markers lists them");
    /* the first unknown one is named */
    EXPECT_EQ(ut_check_markers("zzz or yyy", &err), -1);
    EXPECT_STR_EQ(err.data, "unknown marker 'zzz'; --markers lists them");
    ptest__buf_free(&err);
}

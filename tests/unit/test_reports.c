/* Unit tests of the report writers: the UTF-8 check and the JSON, XML and
 * GitHub escapers, then JSON Lines, JUnit XML, TAP and GitHub annotations
 * written for a hand-made run whose results hold every awkward byte, with
 * each output checked for validity as a whole (a small JSON validator;
 * UTF-8 and control characters for XML; line forms for TAP). */

#include <ctype.h>

/* ------------------------------------------------------------------------
 * UTF-8
 * ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------
 * Lines: the walk every multi-line text (warnings, reports) takes
 * ------------------------------------------------------------------------ */

/* The lines of text joined with '|', each line's length checked against
 * what the walk said. */
static void ut_lines(const char *text, struct ptest__buf *out)
{
    const char *line;
    size_t n, count = 0;
    while (ptest__next_line(&text, &line, &n)) {
        if (count++)
            ptest__buf_puts(out, "|");
        ptest__buf_add(out, line, n);
    }
    ptest__buf_printf(out, "#%lu", (unsigned long)count);
}

TEST(unit_reports, next_line_walks_every_line, MARK(unit))
{
    static const struct { const char *text, *want; } cases[] = {
        {"", "#0"},
        {"one", "one#1"},
        {"one\n", "one#1"},
        {"one\ntwo", "one|two#2"},
        {"one\n\ntwo\n", "one||two#3"},
        {"\n", "#1"},
        {"\n\n", "|#2"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ptest__buf out = {NULL, 0, 0};
        ut_lines(cases[i].text, &out);
        EXPECT_STR_EQ_MSG(out.data, cases[i].want, "text %lu", (unsigned long)i);
        ptest__buf_free(&out);
    }
}

TEST(unit_reports, next_line_of_null_is_none, MARK(unit))
{
    const char *text = NULL, *line = "untouched";
    size_t n = 7;
    EXPECT_EQ(ptest__next_line(&text, &line, &n), 0);
    EXPECT_STR_EQ(line, "untouched");
    EXPECT_EQ(n, (size_t)7);
}

TEST(unit_reports, outcome_texts_are_distinct, MARK(unit))
{
    int a, b;
    for (a = 0; a < PTEST__OUTCOMES; a++) {
        EXPECT_TRUE_MSG(ptest__outcome_texts[a].name && ptest__outcome_texts[a].word &&
                        ptest__outcome_texts[a].phrase, "outcome %d", a);
        for (b = 0; b < a; b++) {
            EXPECT_STR_NE(ptest__outcome_texts[a].name, ptest__outcome_texts[b].name);
            EXPECT_STR_NE(ptest__outcome_texts[a].word, ptest__outcome_texts[b].word);
        }
    }
    /* the breakdown lists each outcome exactly once */
    EXPECT_EQ(sizeof ptest__breakdown, (size_t)PTEST__OUTCOMES);
    for (a = 0; a < PTEST__OUTCOMES; a++) {
        int seen = 0;
        for (b = 0; b < (int)sizeof ptest__breakdown; b++)
            seen += ptest__breakdown[b] == a;
        EXPECT_EQ_MSG(seen, 1, "outcome %s", ptest__outcome_name(a));
    }
}

struct ut_utf8_case {
    const char *bytes;
    size_t n;               /* 0: strlen */
    size_t want;
};

static const struct ut_utf8_case ut_utf8_cases[] = {
    {"a", 0, 1},
    {"\x7f", 0, 1},
    {"\xc3\xa9", 0, 2},             /* é */
    {"\xc2\x80", 0, 2},             /* the first 2-byte character */
    {"\xdf\xbf", 0, 2},
    {"\xc0\x80", 0, 0},             /* overlong */
    {"\xc1\xbf", 0, 0},             /* overlong */
    {"\xe2\x82\xac", 0, 3},         /* € */
    {"\xe0\xa0\x80", 0, 3},
    {"\xe0\x80\x80", 0, 0},         /* overlong */
    {"\xe0\x9f\xbf", 0, 0},         /* overlong */
    {"\xed\x9f\xbf", 0, 3},         /* U+D7FF */
    {"\xed\xa0\x80", 0, 0},         /* a surrogate */
    {"\xed\xbf\xbf", 0, 0},         /* a surrogate */
    {"\xef\xbf\xbf", 0, 3},         /* U+FFFF: UTF-8 all the same */
    {"\xf0\x9f\x98\x80", 0, 4},     /* an emoji */
    {"\xf0\x90\x80\x80", 0, 4},     /* U+10000 */
    {"\xf0\x8f\xbf\xbf", 0, 0},     /* overlong */
    {"\xf4\x8f\xbf\xbf", 0, 4},     /* U+10FFFF */
    {"\xf4\x90\x80\x80", 0, 0},     /* past U+10FFFF */
    {"\xf5\x80\x80\x80", 0, 0},
    {"\xf8\x88\x80\x80\x80", 0, 0}, /* 5-byte forms are gone */
    {"\xff", 0, 0},
    {"\xfe", 0, 0},
    {"\x80", 0, 0},                 /* a lone continuation byte */
    {"\xbf", 0, 0},
    {"\xc3", 0, 0},                 /* cut short */
    {"\xe2\x82", 0, 0},
    {"\xf0\x9f\x98", 0, 0},
    {"\xc3\xa9", 1, 0},             /* cut short by n */
    {"\xe2\x82\xac", 2, 0},
    {"\xc3\x41", 0, 0},             /* not a continuation byte */
    {"\xe2\x28\xa1", 0, 0},
    {"\xf0\x9f\x98\x41", 0, 0},
};

TEST_P(unit_reports, utf8_len, struct ut_utf8_case, ut_utf8_cases, MARK(unit))
{
    size_t n = PARAM->n ? PARAM->n : strlen(PARAM->bytes);
    struct ptest__buf shown = {NULL, 0, 0};
    ptest__quote(&shown, PARAM->bytes, strlen(PARAM->bytes));
    EXPECT_EQ_MSG(ptest__utf8_len((const unsigned char *)PARAM->bytes, n),
                  PARAM->want, "%s (n %lu)", shown.data, (unsigned long)n);
    ptest__buf_free(&shown);
}

/* ------------------------------------------------------------------------
 * Escapers
 * ------------------------------------------------------------------------ */

struct ut_escape_case {
    const char *in;
    const char *want;
};

static const struct ut_escape_case ut_json_cases[] = {
    {"", "\"\""},
    {"plain", "\"plain\""},
    {"a\"b\\c", "\"a\\\"b\\\\c\""},
    {"/", "\"/\""},
    {"\n\t\r", "\"\\u000a\\u0009\\u000d\""},
    {"\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\""},
    {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""},
    {"\xff", "\"\\ufffd\""},
    {"a\xc3", "\"a\\ufffd\""},
    {"\xe2\x82x", "\"\\ufffd\\ufffdx\""},
    {"\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""},
    {"\xc0\xaf", "\"\\ufffd\\ufffd\""},
};

TEST_P(unit_reports, json_str, struct ut_escape_case, ut_json_cases, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__json_str(&b, PARAM->in);
    EXPECT_STR_EQ(b.data, PARAM->want);
    ptest__buf_free(&b);
}

TEST(unit_reports, json_str_null, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__json_str(&b, NULL);
    EXPECT_STR_EQ(b.data, "null");
    ptest__buf_free(&b);
}

static const struct ut_escape_case ut_xml_cases[] = {
    {"", ""},
    {"plain", "plain"},
    {"<a href=\"x\">'&'</a>", "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"},
    {"tab\tnl\ncr\r", "tab\tnl\ncr\r"},
    {"\x01\x08\x0b\x0c\x1f", "\\x01\\x08\\x0b\\x0c\\x1f"},
    {"\x7f", "\\x7f"},
    {"caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xf0\x9f\x98\x80"},
    {"\xff\xfe", "\\xff\\xfe"},
    {"a\xc3", "a\\xc3"},
    {"\xed\xa0\x80", "\\xed\\xa0\\x80"},  /* surrogates are not XML */
    {"\xef\xbf\xbe", "\\ufffe"},          /* U+FFFE is not XML */
    {"\xef\xbf\xbd", "\xef\xbf\xbd"},     /* U+FFFD is */
};

TEST_P(unit_reports, xml_text, struct ut_escape_case, ut_xml_cases, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__xml_text(&b, PARAM->in);
    ptest__buf_puts(&b, "");
    EXPECT_STR_EQ(b.data, PARAM->want);
    ptest__buf_free(&b);
}

/* U+FFFF (EF BF BF) is not allowed in XML either; it is escaped, but
 * under U+FFFE's name. */
TEST(unit_reports, xml_text_uffff, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__xml_text(&b, "\xef\xbf\xbf");
    EXPECT_STR_EQ(b.data, "\\uffff");
    ptest__buf_free(&b);
}

TEST(unit_reports, xml_text_null, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__xml_text(&b, NULL);
    ptest__buf_puts(&b, "");
    EXPECT_STR_EQ(b.data, "");
    ptest__buf_free(&b);
}

TEST(unit_reports, github_escape, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__github_escape(&b, "100% a:b,c\r\nd", 0);
    EXPECT_STR_EQ(b.data, "100%25 a:b,c%0D%0Ad");
    ptest__buf_free(&b);
    ptest__github_escape(&b, "100% a:b,c\r\nd", 1);
    EXPECT_STR_EQ(b.data, "100%25 a%3Ab%2Cc%0D%0Ad");
    ptest__buf_free(&b);
}

/* ------------------------------------------------------------------------
 * A small JSON validator (RFC 8259), for whole lines.
 * ------------------------------------------------------------------------ */

static const char *ut_json_value(const char *p, int depth);

static const char *ut_json_ws(const char *p)
{
    while (p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static const char *ut_json_string(const char *p)
{
    if (*p++ != '"')
        return NULL;
    while (*p != '"') {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20)
            return NULL; /* also the end of the text */
        if (c == '\\') {
            int i;
            p++;
            if (*p == 'u') {
                for (i = 1; i <= 4; i++)
                    if (!isxdigit((unsigned char)p[i]))
                        return NULL;
                p += 5;
            } else if (*p && strchr("\"\\/bfnrt", *p)) {
                p++;
            } else {
                return NULL;
            }
        } else {
            size_t len = ptest__utf8_len((const unsigned char *)p, strlen(p));
            if (len == 0)
                return NULL;
            p += len;
        }
    }
    return p + 1;
}

static const char *ut_json_number(const char *p)
{
    const char *start;
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (isdigit((unsigned char)*p))
            p++;
    else
        return NULL;
    if (*p == '.') {
        start = ++p;
        while (isdigit((unsigned char)*p))
            p++;
        if (p == start)
            return NULL;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        start = p;
        while (isdigit((unsigned char)*p))
            p++;
        if (p == start)
            return NULL;
    }
    return p;
}

/* Members of an object (close '}') or elements of an array (close ']'). */
static const char *ut_json_items(const char *p, char close, int depth)
{
    p = ut_json_ws(p + 1);
    if (*p == close)
        return p + 1;
    for (;;) {
        if (close == '}') {
            p = ut_json_string(ut_json_ws(p));
            p = ut_json_ws(p);
            if (!p || *p++ != ':')
                return NULL;
        }
        p = ut_json_ws(ut_json_value(ut_json_ws(p), depth + 1));
        if (!p)
            return NULL;
        if (*p == close)
            return p + 1;
        if (*p++ != ',')
            return NULL;
    }
}

static const char *ut_json_value(const char *p, int depth)
{
    if (!p || depth > 64)
        return NULL;
    switch (*p) {
    case '{': return ut_json_items(p, '}', depth);
    case '[': return ut_json_items(p, ']', depth);
    case '"': return ut_json_string(p);
    case 't': return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f': return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n': return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
    default: return ut_json_number(p);
    }
}

/* Whether text is one JSON value and nothing else. */
static int ut_json_valid(const char *text)
{
    const char *end = ut_json_ws(ut_json_value(ut_json_ws(text), 0));
    return end && *end == '\0';
}

TEST(unit_reports, json_validator_itself, MARK(unit))
{
    EXPECT_TRUE(ut_json_valid("{\"a\":[1,-2.5e3,true,false,null,\"\\u00e9\\n\"],\"b\":{}}"));
    EXPECT_TRUE(ut_json_valid(" [ ] "));
    EXPECT_FALSE(ut_json_valid("{\"a\":inf}"));
    EXPECT_FALSE(ut_json_valid("{\"a\":nan}"));
    EXPECT_FALSE(ut_json_valid("{\"a\":1,}"));
    EXPECT_FALSE(ut_json_valid("{\"a\":\"\x01\"}"));
    EXPECT_FALSE(ut_json_valid("{\"a\":\"\xff\"}"));
    EXPECT_FALSE(ut_json_valid("{\"a\":01}"));
    EXPECT_FALSE(ut_json_valid("{\"a\":1}}"));
    EXPECT_FALSE(ut_json_valid("\"\\x41\""));
}

/* ------------------------------------------------------------------------
 * A hand-made run with one result of each kind, every awkward byte in it.
 * ------------------------------------------------------------------------ */

static const int ut_rep_params[2] = {1, 2};
static const struct ptest__option ut_rep_opts_ok[] = {PTEST__OPTIONS(
    PTEST_MARK(unit), PTEST_MARK(slow), PTEST__OPT_END_)};
static const struct ptest__option ut_rep_opts_fail[] = {PTEST__OPTIONS(
    PTEST_RESOURCE(db), PTEST_TIMEOUT(2.5), PTEST__OPT_END_)};
static const struct ptest__option ut_rep_opts_skip[] = {PTEST__OPTIONS(
    PTEST_SKIP("not <here> & \"now\""), PTEST__OPT_END_)};
static const struct ptest__option ut_rep_opts_xfail[] = {
    PTEST__OPTIONS(PTEST_XFAIL("known"), PTEST__OPT_END_)};
static const struct ptest__option ut_rep_opts_none[] = {PTEST__OPT_END_};

#define UT_REP_TEST(name, line, opts) UT_DESCRIPTOR("rep", name, "r.c", line, opts)

static const struct ptest__params ut_rep_p = {NULL, ut_rep_params,
                                              sizeof ut_rep_params[0], 2};

static const struct ptest__test ut_rep_tests[] = {
    UT_REP_TEST("ok", 10, ut_rep_opts_ok),
    UT_REP_TEST("fail", 20, ut_rep_opts_fail),
    UT_REP_TEST("skip", 30, ut_rep_opts_skip),
    UT_REP_TEST("xf", 40, ut_rep_opts_xfail),
    UT_REP_TEST("crash", 50, ut_rep_opts_none),
    UT_DESCRIPTOR_P("rep", "p", "r.c", 60, ut_rep_opts_none, &ut_rep_p),
};

#define UT_REP_CASES 6
#define UT_REP_FAIL_REPORT                                                     \
    "r.c:21: a log line\n"                                                     \
    "r.c:22: EXPECT_STR_EQ(a, b) failed\n"                                     \
    "    left:  \"<&>\\x01\"\n"                                                \
    "    right: \"]]>\"\n"

struct ut_rep {
    struct ptest__run run;
    struct ptest__case cases[UT_REP_CASES];
    size_t order[UT_REP_CASES];
};

static void ut_rep_result(struct ut_rep *r, size_t i, int outcome, int worker,
                          const char *reason, const char *report, long failure_at,
                          const char *out, const char *err)
{
    struct ptest__result *res = &r->run.results[i];
    res->outcome = outcome;
    res->worker = worker;
    res->duration = 0.25 * (double)i;
    res->reason = reason ? ptest__xstrdup(reason) : NULL;
    res->report = report ? ptest__xstrdup(report) : NULL;
    res->failure_at = failure_at;
    res->out = out ? ptest__xstrdup(out) : NULL;
    res->err = err ? ptest__xstrdup(err) : NULL;
    r->run.tally.counts[outcome]++;
    r->run.tally.finished++;
    r->run.tally.failures += (size_t)ptest__outcome_fails(outcome);
}

static struct ut_rep *ut_rep_new(void)
{
    struct ut_rep *r = (struct ut_rep *)ptest__xcalloc(1, sizeof *r);
    size_t i;
    for (i = 0; i < UT_REP_CASES; i++) {
        const struct ptest__test *t = &ut_rep_tests[i < 5 ? i : 5];
        r->cases[i].test = t;
        r->cases[i].param = i < 5 ? 0 : 1;
        r->cases[i].id = ut_make_id(t, r->cases[i].param);
        r->cases[i].key = r->cases[i].id;
        r->order[i] = i;
    }
    r->run.reg.cases = r->cases;
    r->run.reg.count = UT_REP_CASES;
    r->run.order = r->order;
    r->run.selected = UT_REP_CASES;
    r->run.workers = 2;
    r->run.elapsed = 1.5;
    r->run.report.stable = 1;
    r->run.results = (struct ptest__result *)ptest__xcalloc(UT_REP_CASES,
                                                             sizeof *r->run.results);
    ut_rep_result(r, 0, PTEST__PASS, 0, NULL, NULL, -1, NULL, NULL);
    ut_rep_result(r, 1, PTEST__FAIL, 1, NULL, UT_REP_FAIL_REPORT, 19,
                  "out \x01\xff caf\xc3\xa9 ]]> \xef\xbf\xbe\n", "err <x>\n");
    ut_rep_result(r, 2, PTEST__SKIP, -1, NULL, "not <here> & \"now\"", -1, NULL, NULL);
    ut_rep_result(r, 3, PTEST__XFAIL, 0, NULL, "r.c:41: FAIL: as expected\n", 0,
                  NULL, NULL);
    ut_rep_result(r, 4, PTEST__CRASH, 1, "was killed by SIGSEGV (Segmentation fault)",
                  "r.c:51: before the crash\n", -1, NULL, "\x1b[31mred\x1b[0m\n");
    ut_rep_result(r, 5, PTEST__PASS, 0, NULL, NULL, -1, NULL, NULL);
    r->run.results[0].warnings = ptest__xstrdup("left 1 file descriptor open: 5 "
                                                "(/tmp/<a> \"b\")\nleft 2 child "
                                                "processes behind; ptest killed them\n");
    r->run.exit_status = ptest__exit_status(&r->run);
    return r;
}

static void ut_rep_free(struct ut_rep *r)
{
    size_t i;
    for (i = 0; i < UT_REP_CASES; i++) {
        free(r->cases[i].id);
        free(r->run.results[i].reason);
        free(r->run.results[i].report);
        free(r->run.results[i].out);
        free(r->run.results[i].err);
        free(r->run.results[i].warnings);
    }
    free(r->run.results);
    free(r);
}

TEST(unit_reports, result_message, MARK(unit))
{
    struct ut_rep *r = ut_rep_new();
    struct ptest__buf b = {NULL, 0, 0};
    ptest__result_message(&b, &r->run.results[1]); /* from the first failure */
    EXPECT_STR_EQ(b.data, "r.c:22: EXPECT_STR_EQ(a, b) failed");
    ptest__buf_free(&b);
    ptest__result_message(&b, &r->run.results[4]); /* the reason first */
    EXPECT_STR_EQ(b.data, "was killed by SIGSEGV (Segmentation fault)");
    ptest__buf_free(&b);
    ptest__result_message(&b, &r->run.results[2]); /* the report's first line */
    EXPECT_STR_EQ(b.data, "not <here> & \"now\"");
    ptest__buf_free(&b);
    ptest__result_message(&b, &r->run.results[0]); /* nothing */
    EXPECT_NULL(b.data);
    ut_rep_free(r);
}

/* ------------------------------------------------------------------------
 * JSON Lines
 * ------------------------------------------------------------------------ */

/* Runs the JSON writers of a whole run into memory. */
static char *ut_json_events(struct ut_rep *r)
{
    char *text = NULL;
    size_t size = 0, i;
    r->run.report.json = ut_mem_open(&text, &size);
    if (!r->run.report.json)
        return NULL;
    ptest__json_run_started(&r->run);
    for (i = 0; i < UT_REP_CASES; i++) {
        ptest__json_test_started(&r->run, i, r->run.results[i].worker);
        ptest__json_test_finished(&r->run, i);
    }
    ptest__json_run_finished(&r->run);
    ut_mem_close(r->run.report.json, &text, &size);
    r->run.report.json = NULL;
    return text;
}

/* Checks that every line of text is a JSON value; returns how many. */
static int ut_json_lines(const char *text)
{
    int lines = 0;
    while (text && *text) {
        size_t n = strcspn(text, "\n");
        char *line = ptest__xstrndup(text, n);
        EXPECT_TRUE_MSG(ut_json_valid(line), "not JSON: %s", line);
        EXPECT_EQ_MSG(text[n], '\n', "an unfinished line: %s", line);
        free(line);
        text += n + (text[n] == '\n');
        lines++;
    }
    return lines;
}

/* A shuffled run names its seed, so that a CI log's order can be replayed. */
TEST(unit_reports, json_run_started_names_the_seed, MARK(unit))
{
    struct ut_rep *r = ut_rep_new();
    char *text;
    r->run.cfg.shuffle = 1;
    r->run.cfg.seed = 4242;
    text = ut_json_events(r);
    ASSERT_NOT_NULL(text);
    UT_EXPECT_CONTAINS(text, "\"rep.p[1]\"],\"seed\":4242}\n");
    free(text);
    ut_rep_free(r);
}

TEST(unit_reports, json_events_are_valid_json, MARK(unit))
{
    struct ut_rep *r = ut_rep_new();
    char *text = ut_json_events(r);
    ASSERT_NOT_NULL(text);
    EXPECT_EQ(ut_json_lines(text), 2 + 2 * UT_REP_CASES);
    UT_EXPECT_CONTAINS(text, "{\"type\":\"run_started\",\"version\":1,\"ptest\":\""
                             PTEST_VERSION_STRING "\",\"selected\":6,\"deselected\":0,"
                             "\"workers\":2,\"pool\":\"" PTEST__PROCESS_POOL "\",\"ids\":[\"rep.ok\","
                             "\"rep.fail\",\"rep.skip\",\"rep.xf\",\"rep.crash\","
                             "\"rep.p[1]\"],\"seed\":null}\n");
    UT_EXPECT_CONTAINS(text, "{\"type\":\"test_started\",\"id\":\"rep.fail\","
                             "\"worker\":\"gw1\"}\n");
    UT_EXPECT_CONTAINS(text, "{\"type\":\"test_started\",\"id\":\"rep.skip\","
                             "\"worker\":\"master\"}\n");
    UT_EXPECT_CONTAINS(text, "\"id\":\"rep.ok\",\"suite\":\"rep\",\"name\":\"ok\","
                             "\"file\":\"r.c\",\"line\":10,\"markers\":[\"unit\","
                             "\"slow\"],\"resources\":[],\"outcome\":\"passed\"");
    UT_EXPECT_CONTAINS(text, "\"name\":\"p[1]\"");
    UT_EXPECT_CONTAINS(text, "\"resources\":[\"db\"],\"outcome\":\"failed\","
                             "\"duration\":0.250000,\"worker\":\"gw1\","
                             "\"message\":\"r.c:22: EXPECT_STR_EQ(a, b) failed\"");
    UT_EXPECT_CONTAINS(text, "\"stdout\":\"out \\u0001\\ufffd caf\xc3\xa9 ]]> "
                             "\xef\xbf\xbe\\u000a\",\"stderr\":\"err <x>\\u000a\",\"warnings\":[]}");
    UT_EXPECT_CONTAINS(text, "\"stderr\":null,\"warnings\":[\"left 1 file descriptor "
                             "open: 5 (/tmp/<a> \\\"b\\\")\",\"left 2 child processes "
                             "behind; ptest killed them\"]}\n");
    UT_EXPECT_CONTAINS(text, "\"outcome\":\"crashed\"");
    UT_EXPECT_CONTAINS(text, "\"message\":\"was killed by SIGSEGV (Segmentation fault)\"");
    UT_EXPECT_CONTAINS(text, "\"stderr\":\"\\u001b[31mred\\u001b[0m\\u000a\"");
    UT_EXPECT_CONTAINS(text, "{\"type\":\"run_finished\",\"duration\":1.500000,"
                             "\"exit_status\":1,\"interrupted\":false,\"teardown_errors\":0,\"counts\":"
                             "{\"passed\":2,\"failed\":1,\"skipped\":1,\"crashed\":1,"
                             "\"exited\":0,\"timeout\":0,\"xfailed\":1,\"xpassed\":0,"
                             "\"flaky\":0,\"interrupted\":0,\"not_run\":0}}\n");
    free(text);
    ut_rep_free(r);
}

TEST(unit_reports, json_collect_is_valid_json, MARK(unit))
{
    struct ut_rep *r = ut_rep_new();
    char *text = NULL;
    size_t size = 0;
    r->run.report.json = ut_mem_open(&text, &size);
    ASSERT_NOT_NULL(r->run.report.json);
    ptest__json_collect(&r->run);
    ut_mem_close(r->run.report.json, &text, &size);
    r->run.report.json = NULL;
    EXPECT_EQ(ut_json_lines(text), UT_REP_CASES);
    UT_EXPECT_CONTAINS(text, "{\"type\":\"test\",\"id\":\"rep.fail\",\"suite\":\"rep\","
                             "\"name\":\"fail\",\"file\":\"r.c\",\"line\":20,"
                             "\"markers\":[],\"resources\":[\"db\"],\"slots\":1,"
                             "\"locks\":[\"db\"],\"timeout\":2.5,"
                             "\"skip\":null,\"xfail\":null}\n");
    UT_EXPECT_CONTAINS(text, "\"timeout\":null,\"skip\":\"not <here> & \\\"now\\\"\","
                             "\"xfail\":null}\n");
    UT_EXPECT_CONTAINS(text, "\"xfail\":\"known\"}\n");
    free(text);
    ut_rep_free(r);
}

/* TIMEOUT(INFINITY) is a definition error (no test runs), and should the
 * JSON writer meet one anyway, every line stays valid JSON. */
TEST(unit_reports, json_collect_infinite_timeout, MARK(unit))
{
    static const struct ptest__option opts[] = {
        PTEST__OPTIONS(PTEST_TIMEOUT(INFINITY), PTEST__OPT_END_)};
    static const struct ptest__test t = UT_DESCRIPTOR("rep", "forever", "r.c", 1, opts);
    struct ut_rep *r = ut_rep_new();
    struct ptest__buf err = {NULL, 0, 0};
    char *text = NULL;
    size_t size = 0;
    free(r->cases[0].id);
    r->cases[0].test = &t;
    r->cases[0].id = ut_make_id(&t, 0);
    r->cases[0].key = r->cases[0].id;
    EXPECT_EQ(ptest__check_test(&r->run.reg, &t, &err), 1);
    EXPECT_NOT_NULL(strstr(err.data ? err.data : "", "TIMEOUT(INFINITY) must be"));
    ptest__buf_free(&err);
    r->run.selected = 1;
    r->run.report.json = ut_mem_open(&text, &size);
    ASSERT_NOT_NULL(r->run.report.json);
    ptest__json_collect(&r->run);
    ut_mem_close(r->run.report.json, &text, &size);
    r->run.report.json = NULL;
    EXPECT_EQ(ut_json_lines(text), 1);
    free(text);
    ut_rep_free(r);
}

/* ------------------------------------------------------------------------
 * JUnit XML
 * ------------------------------------------------------------------------ */

/* Where text breaks what XML 1.0 may carry (a control character or a byte
 * that is not UTF-8), or -1. */
static long ut_xml_bad_byte(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, n = strlen(text), len;
    while (i < n) {
        if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') ||
            (len = ptest__utf8_len(s + i, n - i)) == 0)
            return (long)i;
        if (len == 3 && s[i] == 0xef && s[i + 1] == 0xbf && s[i + 2] >= 0xbe)
            return (long)i;
        i += len;
    }
    return -1;
}

TEST(unit_reports, junit_xml, MARK(unit))
{
    struct ut_rep *r = ut_rep_new();
    char *dir = ut_tempdir(), *path, *xml;
    ASSERT_NOT_NULL(dir);
    path = ut_fmt("%s/report.xml", dir);
    r->run.cfg.junitxml = path;
    ptest__junit_write(&r->run);
    xml = ut_slurp(path);
    ASSERT_NOT_NULL(xml);
    EXPECT_EQ(ut_xml_bad_byte(xml), -1L);
    EXPECT_EQ(strncmp(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39), 0);
    UT_EXPECT_CONTAINS(xml, "<testsuites name=\"ptest\" tests=\"6\" failures=\"1\" "
                            "errors=\"1\" skipped=\"2\" time=\"1.500\">\n");
    UT_EXPECT_CONTAINS(xml, "    <testcase classname=\"rep\" name=\"ok\" file=\"r.c\" "
                            "line=\"10\" time=\"0.000000\">\n      <properties>\n"
                            "        <property name=\"marker\" value=\"unit\"/>\n"
                            "        <property name=\"marker\" value=\"slow\"/>\n"
                            "        <property name=\"worker\" value=\"gw0\"/>\n"
                            "        <property name=\"warning\" value=\"left 1 file "
                            "descriptor open: 5 (/tmp/&lt;a&gt; &quot;b&quot;)\"/>\n"
                            "        <property name=\"warning\" value=\"left 2 child "
                            "processes behind; ptest killed them\"/>\n"
                            "        <property name=\"outcome\" value=\"passed\"/>\n"
                            "      </properties>\n    </testcase>\n");
    UT_EXPECT_CONTAINS(xml, "<failure type=\"failed\" message=\"r.c:22: "
                            "EXPECT_STR_EQ(a, b) failed\">r.c:21: a log line\n"
                            "r.c:22: EXPECT_STR_EQ(a, b) failed\n"
                            "    left:  &quot;&lt;&amp;&gt;\\x01&quot;\n"
                            "    right: &quot;]]&gt;&quot;\n</failure>\n");
    UT_EXPECT_CONTAINS(xml, "<system-out>out \\x01\\xff caf\xc3\xa9 ]]&gt; \\ufffe\n"
                            "</system-out>\n      <system-err>err &lt;x&gt;\n"
                            "</system-err>\n");
    UT_EXPECT_CONTAINS(xml, "<skipped type=\"skipped\" message=\"not &lt;here&gt; "
                            "&amp; &quot;now&quot;\">");
    UT_EXPECT_CONTAINS(xml, "<skipped type=\"xfailed\" message=\"r.c:41: FAIL: as expected\">");
    UT_EXPECT_CONTAINS(xml, "<error type=\"crashed\" message=\"was killed by SIGSEGV "
                            "(Segmentation fault)\">was killed by SIGSEGV (Segmentation "
                            "fault)\nr.c:51: before the crash\n</error>\n"
                            "      <system-err>\\x1b[31mred\\x1b[0m\n</system-err>\n");
    UT_EXPECT_CONTAINS(xml, "name=\"p[1]\"");
    EXPECT_EQ(strcmp(xml + strlen(xml) - 29, "  </testsuite>\n</testsuites>\n"), 0);
    free(xml);
    EXPECT_EQ(unlink(path), 0);
    EXPECT_EQ(rmdir(dir), 0); /* nothing else left: no temporary file */
    free(path);
    free(dir);
    ut_rep_free(r);
}

TEST(unit_reports, write_atomic, MARK(unit))
{
    char *dir = ut_tempdir(), *path, *text, *missing;
    ASSERT_NOT_NULL(dir);
    path = ut_fmt("%s/out.txt", dir);
    EXPECT_EQ(ptest__write_atomic(path, "first", 5), 0);
    EXPECT_EQ(ptest__write_atomic(path, "second\n", 7), 0); /* replaces it */
    text = ut_slurp(path);
    EXPECT_STR_EQ(text, "second\n");
    free(text);
    missing = ut_fmt("%s/no/such/dir/out.txt", dir);
    EXPECT_EQ(ptest__write_atomic(missing, "x", 1), -1);
    EXPECT_EQ(unlink(path), 0);
    EXPECT_EQ(rmdir(dir), 0); /* no temporary file left behind */
    free(missing);
    free(path);
    free(dir);
}

/* ------------------------------------------------------------------------
 * TAP and GitHub annotations, written to stdout: captured here.
 * ------------------------------------------------------------------------ */

struct ut_stdout {
    int saved;
    int fd;
};

static int ut_stdout_begin(struct ut_stdout *s)
{
    fflush(stdout);
    s->fd = ptest__os_capture_file("unit-stdout");
    s->saved = dup(1);
    if (s->fd < 0 || s->saved < 0 || dup2(s->fd, 1) < 0)
        return -1;
    return 0;
}

static char *ut_stdout_end(struct ut_stdout *s)
{
    char *text;
    fflush(stdout);
    dup2(s->saved, 1);
    close(s->saved);
    text = ptest__read_capture(s->fd);
    close(s->fd);
    return text ? text : ptest__xstrdup("");
}

static char *ut_tap(struct ut_rep *r)
{
    struct ut_stdout cap;
    size_t i;
    if (ut_stdout_begin(&cap) != 0)
        return NULL;
    r->run.report.tap_count = 0;
    for (i = 0; i < UT_REP_CASES; i++)
        ptest__tap_result(&r->run, i);
    return ut_stdout_end(&cap);
}

TEST(unit_reports, tap, MARK(unit))
{
    struct ut_rep *r = ut_rep_new();
    char *tap = ut_tap(r);
    ASSERT_NOT_NULL(tap);
    UT_EXPECT_CONTAINS(tap, "ok 1 - rep.ok\n"
                            "# warning: rep.ok left 1 file descriptor open: 5 "
                            "(/tmp/<a> \"b\")\n"
                            "# warning: rep.ok left 2 child processes behind; "
                            "ptest killed them\n"
                            "not ok 2 - rep.fail\n  ---\n");
    UT_EXPECT_CONTAINS(tap, "not ok 2 - rep.fail\n  ---\n"
                            "  message: \"r.c:22: EXPECT_STR_EQ(a, b) failed\"\n"
                            "  severity: fail\n  outcome: failed\n  at:\n"
                            "    file: \"r.c\"\n    line: 20\n  report: |\n"
                            "    r.c:21: a log line\n"
                            "    r.c:22: EXPECT_STR_EQ(a, b) failed\n"
                            "        left:  \"<&>\\x01\"\n"
                            "        right: \"]]>\"\n"
                            "  stdout: |\n    out \\x01\\xff caf\xc3\xa9 ]]> \xef\xbf\xbe\n"
                            "  stderr: |\n    err <x>\n  ...\n");
    UT_EXPECT_CONTAINS(tap, "not ok 4 - rep.xf # TODO known\n");
    UT_EXPECT_CONTAINS(tap, "not ok 5 - rep.crash\n  ---\n"
                            "  message: \"was killed by SIGSEGV (Segmentation fault)\"\n");
    UT_EXPECT_CONTAINS(tap, "  stderr: |\n    \\x1b[31mred\\x1b[0m\n  ...\n");
    UT_EXPECT_CONTAINS(tap, "ok 6 - rep.p[1]\n");
    EXPECT_EQ(r->run.report.tap_count, 6u);
    free(tap);
    ut_rep_free(r);
}

/* Every line of a TAP stream is a test point, a plan, a comment, the
 * version, or indented (a YAML block). */
static int ut_tap_line_ok(const char *line, size_t n)
{
    return (n >= 3 && strncmp(line, "ok ", 3) == 0) ||
           (n >= 7 && strncmp(line, "not ok ", 7) == 0) ||
           (n >= 2 && strncmp(line, "  ", 2) == 0) ||
           (n >= 1 && line[0] == '#') ||
           (n >= 3 && strncmp(line, "1..", 3) == 0) ||
           (n >= 12 && strncmp(line, "TAP version ", 12) == 0);
}

static void ut_expect_tap_lines(const char *tap)
{
    while (*tap) {
        size_t n = strcspn(tap, "\n");
        EXPECT_TRUE_MSG(ut_tap_line_ok(tap, n), "not a TAP line: '%.*s'", (int)n, tap);
        tap += n + (tap[n] == '\n');
    }
}

TEST(unit_reports, tap_lines_are_tap, MARK(unit))
{
    struct ut_rep *r = ut_rep_new();
    char *tap = ut_tap(r);
    ASSERT_NOT_NULL(tap);
    ut_expect_tap_lines(tap);
    UT_EXPECT_CONTAINS(tap, "ok 3 - rep.skip # SKIP not <here> & \"now\"\n");
    free(tap);
    ut_rep_free(r);
}

/* A SKIP() or XFAIL() reason with a newline ends the TAP line early: what
 * follows is a line that is not TAP. */
TEST(unit_reports, tap_reason_with_newline, MARK(unit))
{
    static const struct ptest__option opts[] = {PTEST__OPTIONS(
        PTEST_SKIP("first line\nsecond line"), PTEST__OPT_END_)};
    static const struct ptest__test t = UT_DESCRIPTOR("rep", "skip2", "r.c", 1, opts);
    struct ut_rep *r = ut_rep_new();
    char *tap;
    free(r->cases[2].id);
    r->cases[2].test = &t;
    r->cases[2].id = ut_make_id(&t, 0);
    r->cases[2].key = r->cases[2].id;
    tap = ut_tap(r);
    ASSERT_NOT_NULL(tap);
    ut_expect_tap_lines(tap);
    free(tap);
    ut_rep_free(r);
}

TEST(unit_reports, github_annotation, MARK(unit))
{
    struct ut_rep *r = ut_rep_new();
    struct ut_stdout cap;
    char *text;
    ASSERT_EQ(ut_stdout_begin(&cap), 0);
    ptest__github_annotation(&r->run, 1);
    ptest__github_annotation(&r->run, 4);
    text = ut_stdout_end(&cap);
    /* at the failing assertion's place, else at the test's */
    EXPECT_STR_EQ(text,
                  "::error file=r.c,line=22,title=ptest%3A rep.fail failed::"
                  "r.c:22: EXPECT_STR_EQ(a, b) failed\n"
                  "::error file=r.c,line=50,title=ptest%3A rep.crash crashed::"
                  "was killed by SIGSEGV (Segmentation fault)\n");
    free(text);
    ut_rep_free(r);
}

/* A failure whose first line names no place (a fixture's "SUITE_SETUP(s)
 * failed, ..." with the place on the next line) is annotated at the
 * test's definition, not at a "file" made of the message. */
TEST(unit_reports, github_annotation_of_a_fixture_failure, MARK(unit))
{
    struct ut_rep *r = ut_rep_new();
    struct ut_stdout cap;
    char *text;
    free(r->run.results[1].report);
    r->run.results[1].report = ptest__xstrdup("SUITE_SETUP(rep) failed, so the test "
                                              "did not run\nr.c:7: FAIL: no database\n");
    r->run.results[1].failure_at = 0;
    ASSERT_EQ(ut_stdout_begin(&cap), 0);
    ptest__github_annotation(&r->run, 1);
    text = ut_stdout_end(&cap);
    UT_EXPECT_CONTAINS(text, "::error file=r.c,line=");
    EXPECT_NULL(strstr(text, "file=SUITE_SETUP"));
    free(text);
    ut_rep_free(r);
}

/* ------------------------------------------------------------------------
 * The report flags.
 * ------------------------------------------------------------------------ */

TEST(unit_reports, flags, SETUP(ut_env_save), TEARDOWN(ut_env_restore), MARK(unit))
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "--junitxml=out.xml", "--json", "ev.jsonl", "--tap",
                      NULL), 0);
    EXPECT_STR_EQ(cfg.junitxml, "out.xml");
    EXPECT_STR_EQ(cfg.json, "ev.jsonl");
    EXPECT_EQ(cfg.tap, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--json=-", NULL), 0);
    EXPECT_STR_EQ(cfg.json, "-");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--junitxml=", NULL), -1);
    EXPECT_STR_EQ(err.data, "--junitxml: expected a file name; got ''");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--json", "", NULL), -1);
    EXPECT_STR_EQ(err.data, "--json: expected a file name, or '-' for stdout; got ''");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--tap=yes", NULL), -1);
    EXPECT_STR_EQ(err.data, "--tap: takes no value; got 'yes'");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--junitxml", NULL), -1);
    EXPECT_STR_EQ(err.data, "--junitxml: expected a value after it");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--tap", "--json=-", NULL), -1);
    EXPECT_STR_EQ(err.data, "--tap and --json=- both want stdout; give --json a file");
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--json=-", "--tap", NULL), -1);
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

/* ------------------------------------------------------------------------
 * The progress line on a terminal
 * ------------------------------------------------------------------------ */

TEST(unit_reports, progress_line_fits_the_terminal, MARK(unit))
{
    char line[64];
    strcpy(line, "[ 12/100] 1 failed, 3.2s");
    ptest__fit_width(line, 10); /* nine columns, the tenth left free */
    EXPECT_STR_EQ(line, "[ 12/100]");
    strcpy(line, "abc");
    ptest__fit_width(line, 0); /* unknown width: as it is */
    EXPECT_STR_EQ(line, "abc");
    ptest__fit_width(line, 4);
    EXPECT_STR_EQ(line, "abc");
    ptest__fit_width(line, 3);
    EXPECT_STR_EQ(line, "ab");
    strcpy(line, "caf\xc3\xa9 ok"); /* e-acute: two bytes, one column */
    ptest__fit_width(line, 5);
    EXPECT_STR_EQ(line, "caf\xc3\xa9");
    ptest__fit_width(line, 4);
    EXPECT_STR_EQ(line, "caf"); /* never half a character */
}

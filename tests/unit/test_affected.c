/* Unit tests of --impact-record's map and --affected's reading of a diff:
 * the map's text format (and every way it can be corrupt), span merging,
 * what counts as a blank or comment line, hunk headers, and the diff
 * parser. The end-to-end scenarios are tests/affected/run.sh. */

#if !defined(_WIN32)
static const char ut_map_text[] =
    "ptest-impact 2\n"
    "f 00000000000000ab lib.c\n"
    "f 00000000000000cd t.c\n"
    "x 0 5-8,11-14\n"
    "c 0 5-6,8-8\n"
    "u 0 11-14\n"
    "t ok a.one\n"
    "r 0 5-8\n"
    "r 1 3-3\n"
    "T partial a.two\n"
    "r 0 5-8\n"
    "l 0 5-5,8-8\n"
    "t none a.three\n";

static void ut_map_free(struct ptest__impact_map *m)
{
    ptest__impact_map_free(m);
    memset(m, 0, sizeof *m);
}
#endif

TEST(affected, map_round_trips, MARK(unit))
{
    UT_POSIX_ONLY("--affected");
#if !defined(_WIN32)
    {
        struct ptest__impact_map m, again;
        struct ptest__buf out = {NULL, 0, 0};
        const struct ptest__impact_test *t;
        memset(&m, 0, sizeof m);
        memset(&again, 0, sizeof again);
        ASSERT_EQ(ptest__impact_parse(&m, ut_map_text), 0);
        ASSERT_EQ(PTEST__IMPACT_COUNT(m.files, struct ptest__impact_file), (size_t)2);
        ASSERT_EQ(PTEST__IMPACT_COUNT(m.code, struct ptest__impact_span), (size_t)2);
        ASSERT_EQ(PTEST__IMPACT_COUNT(m.tests, struct ptest__impact_test), (size_t)3);
        EXPECT_EQ(PTEST__IMPACT_COUNT(m.lined, struct ptest__impact_span), (size_t)2);
        EXPECT_EQ(PTEST__IMPACT_COUNT(m.bare, struct ptest__impact_span), (size_t)1);
        t = &PTEST__IMPACT_AT(m.tests, struct ptest__impact_test, 0);
        EXPECT_STR_EQ(t->key, "a.one");
        EXPECT_EQ(t->state, PTEST__IMPACT_OK);
        EXPECT_EQ(t->count, (size_t)2);
        EXPECT_FALSE(t->fine); /* recorded by functions only */
        t = &PTEST__IMPACT_AT(m.tests, struct ptest__impact_test, 1);
        EXPECT_TRUE(t->fine);
        EXPECT_EQ(t->count, (size_t)1);
        EXPECT_EQ(t->lcount, (size_t)2);
        EXPECT_EQ(PTEST__IMPACT_AT(m.lines, struct ptest__impact_span, t->lfirst + 1).lo, 8u);
        EXPECT_EQ(PTEST__IMPACT_AT(m.tests, struct ptest__impact_test, 1).state,
                  PTEST__IMPACT_PARTIAL);
        EXPECT_EQ(PTEST__IMPACT_AT(m.tests, struct ptest__impact_test, 2).state,
                  PTEST__IMPACT_NONE);
        EXPECT_EQ(PTEST__IMPACT_AT(m.files, struct ptest__impact_file, 1).hash,
                  (uint64_t)0xcd);
        ptest__impact_format(&m, &out);
        EXPECT_STR_EQ(out.data, ut_map_text);
        ASSERT_EQ(ptest__impact_parse(&again, out.data), 0);
        ptest__buf_free(&out);
        ut_map_free(&m);
        ut_map_free(&again);
    }
#endif
}

TEST(affected, corrupt_maps_are_refused, MARK(unit))
{
    UT_POSIX_ONLY("--affected");
#if !defined(_WIN32)
    {
        static const char *const bad[] = {
            "",                                      /* no magic */
            "ptest-impact 1\nf 01 a.c\n",            /* an older version */
            "ptest-impact 2\nq what\n",              /* unknown line */
            "ptest-impact 2\nf zz lib.c\n",          /* hash not hex */
            "ptest-impact 2\nf 01\n",                /* no path */
            "ptest-impact 2\nx 0 1-2\n",             /* file index unknown */
            "ptest-impact 2\nf 01 a.c\nx 0 5-2\n",   /* lo > hi */
            "ptest-impact 2\nf 01 a.c\nx 0 1-2;3\n", /* junk after a span */
            "ptest-impact 2\nf 01 a.c\nx 0 1\n",     /* no hi */
            "ptest-impact 2\nf 01 a.c\nr 0 1-2\n",   /* spans before a test */
            "ptest-impact 2\nt maybe a.b\n",         /* unknown state */
            "ptest-impact 2\nt ok\n",                /* no key */
            "ptest-impact 2\nf 01 a.c\nl 0 1-2\n",   /* lines before a test */
            "ptest-impact 2\nf 01 a.c\nc 1 1-2\n",   /* file index unknown */
            "ptest-impact 2\nf 01 a.c\nu 0 4-2\n",   /* lo > hi */
        };
        size_t i;
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            struct ptest__impact_map m;
            memset(&m, 0, sizeof m);
            EXPECT_EQ_MSG(ptest__impact_parse(&m, bad[i]), -1, "map %lu: %s",
                          (unsigned long)i, bad[i]);
            ut_map_free(&m);
        }
    }
#endif
}

TEST(affected, spans_merge_when_they_touch, MARK(unit))
{
    UT_POSIX_ONLY("--affected");
#if !defined(_WIN32)
    {
        struct ptest__impact_span s[] = {{1, 10, 12}, {0, 5, 6}, {1, 13, 20},
                                         {0, 1, 3}, {1, 30, 31}, {0, 2, 4}};
        size_t n = ptest__impact_merge_spans(s, sizeof s / sizeof s[0]);
        ASSERT_EQ(n, (size_t)3);
        EXPECT_EQ(s[0].file, 0u); /* 1-3 and 2-4 and 5-6: 1-6 */
        EXPECT_EQ(s[0].lo, 1u);
        EXPECT_EQ(s[0].hi, 6u);
        EXPECT_EQ(s[1].lo, 10u); /* 10-12 and 13-20 touch */
        EXPECT_EQ(s[1].hi, 20u);
        EXPECT_EQ(s[2].lo, 30u);
        EXPECT_EQ(ptest__impact_merge_spans(s, 0), (size_t)0);
    }
#endif
}

TEST(affected, blank_and_comment_lines_are_trivial, MARK(unit))
{
    UT_POSIX_ONLY("--affected");
#if !defined(_WIN32)
    static const char *const trivial[] = {"", "   \t", "// x", "  /* x */ ", "/**/"};
    static const char *const code[] = {"x = 1;", "/* a */ x = 1;", "*p = 0;",
                                       "/* open", "#define X 1", "} /* end */"};
    size_t i;
    for (i = 0; i < sizeof trivial / sizeof trivial[0]; i++)
        EXPECT_TRUE_MSG(ptest__impact_trivial_line(trivial[i], strlen(trivial[i])), "'%s'",
                        trivial[i]);
    for (i = 0; i < sizeof code / sizeof code[0]; i++)
        EXPECT_FALSE_MSG(ptest__impact_trivial_line(code[i], strlen(code[i])), "'%s'", code[i]);
#endif
}

TEST(affected, hunk_headers, MARK(unit))
{
    UT_POSIX_ONLY("--affected");
#if !defined(_WIN32)
    struct ptest__impact_hunk h;
    ASSERT_EQ(ptest__impact_hunk_head("@@ -7 +7,2 @@ int f(void)", &h), 0);
    EXPECT_EQ(h.a, 7ul);
    EXPECT_EQ(h.b, 1ul); /* no count: one line */
    EXPECT_EQ(h.c, 7ul);
    EXPECT_EQ(h.d, 2ul);
    ASSERT_EQ(ptest__impact_hunk_head("@@ -10,0 +11,3 @@", &h), 0);
    EXPECT_EQ(h.b, 0ul); /* a pure insertion after line 10 */
    EXPECT_EQ(ptest__impact_hunk_head("@@ +1 -1 @@", &h), -1);
    EXPECT_EQ(ptest__impact_hunk_head("diff --git a/x b/x", &h), -1);
#endif
}

TEST(affected, diffs_are_read_file_by_file, MARK(unit))
{
    UT_POSIX_ONLY("--affected");
#if !defined(_WIN32)
    {
        static const char diff[] =
            "diff --git a/lib.c b/lib.c\n"
            "index 1..2 100644\n"
            "--- a/lib.c\n"
            "+++ b/lib.c\n"
            "@@ -7 +7 @@ int twice(int x)\n"
            "-    return x * 2;\n"
            "+    return x * 3;\n"
            "@@ -20,0 +21 @@\n"
            "+// a note\n"
            "@@ -30 +31 @@\n"
            "-#define N 1\n"
            "+#define N 2\n"
            "diff --git a/gone.c b/gone.c\n"
            "deleted file mode 100644\n"
            "--- a/gone.c\n"
            "+++ /dev/null\n"
            "@@ -1 +0,0 @@\n"
            "-int x;\n";
        struct ptest__impact_sel s;
        const struct ptest__impact_change *c;
        const struct ptest__impact_hunk *h;
        memset(&s, 0, sizeof s);
        ptest__impact_parse_diff(&s, diff);
        ASSERT_EQ(PTEST__IMPACT_COUNT(s.changes, struct ptest__impact_change), (size_t)2);
        c = &PTEST__IMPACT_AT(s.changes, struct ptest__impact_change, 0);
        EXPECT_STR_EQ(c->path, "lib.c");
        ASSERT_EQ(PTEST__IMPACT_COUNT(c->hunks, struct ptest__impact_hunk), (size_t)3);
        h = &PTEST__IMPACT_AT(c->hunks, struct ptest__impact_hunk, 0);
        EXPECT_FALSE(h->trivial);
        EXPECT_FALSE(h->directive);
        EXPECT_TRUE(PTEST__IMPACT_AT(c->hunks, struct ptest__impact_hunk, 1).trivial);
        EXPECT_TRUE(PTEST__IMPACT_AT(c->hunks, struct ptest__impact_hunk, 2).directive);
        EXPECT_STR_EQ(PTEST__IMPACT_AT(s.changes, struct ptest__impact_change, 1).path, "gone.c");
        EXPECT_EQ(s.wide.len, (size_t)0);
        ptest__impact_parse_diff(&s, "diff --git a/b.bin b/b.bin\nBinary files a/b.bin and b/b.bin differ\n");
        EXPECT_TRUE(s.wide.len > 0); /* a binary file widens */
        ptest__impact_sel_free(&s);
    }
#endif
}

TEST(affected, headers_by_extension, MARK(unit))
{
    UT_POSIX_ONLY("--affected");
#if !defined(_WIN32)
    EXPECT_TRUE(ptest__impact_is_header("src/a.h"));
    EXPECT_TRUE(ptest__impact_is_header("x.hpp"));
    EXPECT_TRUE(ptest__impact_is_header("tables.inc"));
    EXPECT_FALSE(ptest__impact_is_header("src/a.c"));
    EXPECT_FALSE(ptest__impact_is_header("Makefile"));
    EXPECT_FALSE(ptest__impact_is_header("dir.h/file"));
#endif
}

TEST(affected, flags_parse, UT_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    static const char *const words[] = {"--affected=HEAD~1", "--affected-files=a.c,b.c",
                                        "--affected-files", "c.c", "--affected-explain",
                                        "--impact-record", NULL};
    ASSERT_EQ_MSG(ut_argv(&cfg, &err, words), 0, "%s", err.data ? err.data : "");
    EXPECT_STR_EQ(cfg.affected_rev, "HEAD~1");
    ASSERT_EQ(cfg.affected_file_count, (size_t)2);
    EXPECT_STR_EQ(cfg.affected_files[0], "a.c,b.c");
    EXPECT_STR_EQ(cfg.affected_files[1], "c.c");
    EXPECT_TRUE(cfg.affected_explain);
    EXPECT_TRUE(cfg.impact_record);
    free((void *)cfg.affected_files);
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

TEST(affected, empty_values_are_usage_errors, UT_CLI)
{
    static const char *const words[][2] = {{"--affected=", NULL}, {"--affected-files=", NULL}};
    size_t i;
    for (i = 0; i < 2; i++) {
        struct ptest__config cfg;
        struct ptest__buf err = {NULL, 0, 0};
        EXPECT_EQ(ut_argv(&cfg, &err, words[i]), -1);
        EXPECT_TRUE_MSG(err.data && strstr(err.data, "--affected") != NULL, "%s",
                        err.data ? err.data : "");
        free((void *)cfg.affected_files);
        ut_args_free(&cfg);
        ptest__buf_free(&err);
    }
}

/* A map of lib.c: f() spans lines 10-30; lines 12, 14, 15, 20 and 22-24
 * hold code of blocks; g() (40-50) was built without blocks. */
#if !defined(_WIN32)
static void ut_lines_map(struct ptest__impact_map *m)
{
    memset(m, 0, sizeof *m);
    (void)ptest__impact_parse(m, "ptest-impact 2\n"
                                 "f 01 lib.c\n"
                                 "x 0 10-30,40-50\n"
                                 "c 0 12-12,14-15,20-20,22-24\n"
                                 "u 0 40-50\n");
}

static int ut_by_lines(const struct ptest__impact_map *m, const char *hunk_lines,
                       unsigned long at, unsigned long n)
{
    struct ptest__impact_sel s;
    struct ptest__buf diff = {NULL, 0, 0};
    int rc;
    memset(&s, 0, sizeof s);
    ptest__buf_printf(&diff, "diff --git a/lib.c b/lib.c\n--- a/lib.c\n+++ b/lib.c\n"
                             "@@ -%lu,%lu +%lu,%lu @@\n%s", at, n, at, n, hunk_lines);
    ptest__impact_parse_diff(&s, diff.data);
    rc = ptest__impact_by_lines(
        m, 0, &PTEST__IMPACT_AT(PTEST__IMPACT_AT(s.changes, struct ptest__impact_change, 0).hunks,
                                struct ptest__impact_hunk, 0),
        at, n);
    ptest__buf_free(&diff);
    ptest__impact_sel_free(&s);
    return rc;
}
#endif

TEST(affected, lines_decide_only_where_they_can, MARK(unit))
{
    UT_POSIX_ONLY("--affected");
#if !defined(_WIN32)
    {
        struct ptest__impact_map m;
        ut_lines_map(&m);
        /* code lines, same structure: the lines decide */
        EXPECT_TRUE(ut_by_lines(&m, "-    x = a < b;\n+    x = a <= b;\n", 12, 1));
        EXPECT_TRUE(ut_by_lines(&m, "-  if (a) {\n-    y();\n+  if (b) {\n+    z();\n", 14, 2));
        /* a line without code (a declaration, a brace): the function */
        EXPECT_FALSE(ut_by_lines(&m, "-    int x;\n+    int x = 1;\n", 13, 1));
        EXPECT_FALSE(ut_by_lines(&m, "-  a();\n-  b();\n+  a2();\n+  b2();\n", 20, 2));
        /* an insertion: where its code runs is unknown */
        EXPECT_FALSE(ut_by_lines(&m, "", 12, 0));
        /* lines that steer others: labels, else, static, braces */
        EXPECT_FALSE(ut_by_lines(&m, "-    case 1: r++;\n+    case 2: r++;\n", 12, 1));
        EXPECT_FALSE(ut_by_lines(&m, "-    default: r++;\n+    default: r--;\n", 12, 1));
        EXPECT_FALSE(ut_by_lines(&m, "-    } else {\n+    } else if (x) {\n", 12, 1));
        EXPECT_FALSE(ut_by_lines(&m, "-    out: r++;\n+    out: r--;\n", 12, 1));
        EXPECT_FALSE(ut_by_lines(&m, "-    static int n = 1; n++;\n+    static int n = 2; n++;\n", 12, 1));
        EXPECT_FALSE(ut_by_lines(&m, "-    r++;\n+    r++; }\n", 12, 1));
        EXPECT_FALSE(ut_by_lines(&m, "-    if (a) {\n+    if (a)\n", 12, 1));
        /* not labels: a conditional, a scope, a bit-field-like spacing */
        EXPECT_TRUE(ut_by_lines(&m, "-    r = a ? b : c;\n+    r = a ? c : b;\n", 12, 1));
        EXPECT_TRUE(ut_by_lines(&m, "-    r = ns::f();\n+    r = ns::g();\n", 12, 1));
        /* a function recorded without blocks: its lines tell nothing */
        {
            struct ptest__impact_map bare;
            memset(&bare, 0, sizeof bare);
            (void)ptest__impact_parse(&bare, "ptest-impact 2\nf 01 lib.c\nx 0 10-30\n"
                                             "c 0 12-12\nu 0 10-30\n");
            EXPECT_FALSE(ut_by_lines(&bare, "-    x = 1;\n+    x = 2;\n", 12, 1));
            ut_map_free(&bare);
        }
        ut_map_free(&m);
    }
#endif
}

TEST(affected, flow_lines, MARK(unit))
{
    UT_POSIX_ONLY("--affected");
#if !defined(_WIN32)
    static const char *const flow[] = {"case 3:", "  default:", "} else {", "else", "done:",
                                       "static int n;", "  retry :"};
    static const char *const plain[] = {"x = a ? b : c;", "casex = 1;", "elsewhere();",
                                        "std::swap(a, b);", "return 0;", "x = y; // else"};
    size_t i;
    for (i = 0; i < sizeof flow / sizeof flow[0]; i++) {
        long braces[2] = {0, 0};
        EXPECT_TRUE_MSG(ptest__impact_flow_line(flow[i], strlen(flow[i]), braces), "'%s'", flow[i]);
    }
    for (i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        long braces[2] = {0, 0};
        int got = ptest__impact_flow_line(plain[i], strlen(plain[i]), braces);
        /* a comment's "else" counts too: when in doubt, the function */
        if (i == 5)
            EXPECT_TRUE(got);
        else
            EXPECT_FALSE_MSG(got, "'%s'", plain[i]);
    }
    {
        long braces[2] = {0, 0};
        (void)ptest__impact_flow_line("} x({ y }) {", 12, braces);
        EXPECT_EQ(braces[0], 2L);
        EXPECT_EQ(braces[1], 2L);
    }
#endif
}

TEST(affected, block_lines_from_rows, MARK(unit))
{
    UT_POSIX_ONLY("--affected");
#if !defined(_WIN32)
    {
        /* rows: 0x10 line 3, 0x14 line 4 (no code: 0x14 again), 0x14
         * line 5, 0x20 line 6 (unplaced), 0x28 end */
        struct ptest__impact_row r[] = {{0x10, 0, 0, 3, 0}, {0x14, 1, 0, 4, 0}, {0x14, 2, 0, 5, 0},
                                        {0x20, 3, 0, 6, 1}, {0x28, 4, 0, 0, 0}};
        struct ptest__buf rows = {NULL, 0, 0}, spans = {NULL, 0, 0};
        struct ptest__impact_map m;
        memset(&m, 0, sizeof m);
        ptest__buf_add(&rows, r, sizeof r);
        /* [0x12, 0x20): the rest of line 3's code, line 5's; not line 4's */
        EXPECT_EQ(ptest__impact_block_lines(&rows, 0x12, 0x20, &spans, &m), 0);
        ASSERT_EQ(PTEST__IMPACT_COUNT(spans, struct ptest__impact_span), (size_t)2);
        EXPECT_EQ(PTEST__IMPACT_AT(spans, struct ptest__impact_span, 0).lo, 3u);
        EXPECT_EQ(PTEST__IMPACT_AT(spans, struct ptest__impact_span, 1).lo, 5u);
        /* a block over an unplaced row is unsure */
        EXPECT_EQ(ptest__impact_block_lines(&rows, 0x20, 0x28, &spans, &m), 1);
        ptest__buf_free(&rows);
        ptest__buf_free(&spans);
        ut_map_free(&m);
    }
#endif
}

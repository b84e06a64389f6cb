/* Unit tests of the registry: the selftest binary's own (collection, file
 * and line order, TEST_P expansion, options, no definition errors), marker
 * lookup and suggestions, definition errors found in hand-made registries
 * (duplicate ids, undeclared markers, bad TIMEOUT, two deaths), and the
 * selection stage over a hand-made registry. */

PTEST_MARKER(selftest_demo, "declared by the unit tests, to be found");
static const int ut_demo_marker_line = __LINE__ - 1;

/* The collected registry of this binary. */
static void ut_collect(struct ptest__registry *reg)
{
    memset(reg, 0, sizeof *reg);
    ptest__registry_collect(reg);
}

/* The case with this id, or NULL. */
static const struct ptest__case *ut_find_case(const struct ptest__registry *reg,
                                              const char *id)
{
    size_t i;
    for (i = 0; i < reg->count; i++)
        if (strcmp(reg->cases[i].id, id) == 0)
            return &reg->cases[i];
    return NULL;
}

TEST(unit_registry, collects_itself_without_errors, MARK(unit))
{
    struct ptest__registry reg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_collect(&reg);
    EXPECT_GE(reg.count, 20u);
    EXPECT_EQ(ptest__registry_check(&reg, &err, NULL), 0);
    EXPECT_NULL(err.data);
    EXPECT_NOT_NULL(ut_find_case(&reg, "unit_registry.collects_itself_without_errors"));
    EXPECT_NOT_NULL(ut_find_case(&reg, "unit_registry.find_marker"));
    EXPECT_NULL(ut_find_case(&reg, "unit_registry.no_such_test"));
    /* the sentinels are not collected */
    EXPECT_NULL(ut_find_case(&reg, "."));
    ptest__buf_free(&err);
    ptest__registry_free(&reg);
}

TEST(unit_registry, ids_are_unique_and_well_formed, MARK(unit))
{
    struct ptest__registry reg;
    size_t i, j, found = 0;
    ut_collect(&reg);
    for (i = 0; i < reg.count; i++) {
        const struct ptest__case *c = &reg.cases[i];
        char *want = c->test->params
                         ? ut_fmt("%s.%s[%lu]", c->test->suite, c->test->name,
                                  (unsigned long)c->param)
                         : ut_fmt("%s.%s", c->test->suite, c->test->name);
        EXPECT_STR_EQ(c->id, want);
        free(want);
        found += strcmp(c->id, "unit_registry.ids_are_unique_and_well_formed") == 0;
    }
    for (i = 0; i < reg.count; i++) /* quadratic, but a few hundred cases */
        for (j = i + 1; j < reg.count; j++)
            if (strcmp(reg.cases[i].id, reg.cases[j].id) == 0)
                EXPECT_STR_NE(reg.cases[i].id, reg.cases[j].id);
    EXPECT_EQ(found, 1u);
    ptest__registry_free(&reg);
}

TEST(unit_registry, sorted_by_file_then_line, MARK(unit))
{
    struct ptest__registry reg;
    size_t i, ours = 0;
    ut_collect(&reg);
    for (i = 1; i < reg.count; i++) {
        const struct ptest__test *a = reg.cases[i - 1].test, *b = reg.cases[i].test;
        int c = strcmp(a->file, b->file);
        EXPECT_TRUE_MSG(c < 0 || (c == 0 && a->line <= b->line),
                        "%s (%s:%d) before %s (%s:%d)", reg.cases[i - 1].id,
                        a->file, a->line, reg.cases[i].id, b->file, b->line);
    }
    /* this file's tests are among them, in the order written */
    for (i = 0; i < reg.count; i++)
        if (strstr(reg.cases[i].test->file, "test_registry.c"))
            ours++;
    EXPECT_GE(ours, 8u);
    ptest__registry_free(&reg);
}

/* A TEST_P of this file, to check its own expansion. (A pointer element
 * type goes through a typedef: TEST_P writes "const type *".) */
typedef const char *ut_word;
static const ut_word ut_reg_words[] = {"zero", "one", "two", "three"};

TEST_P(unit_registry, param_expansion, ut_word, ut_reg_words, MARK(unit))
{
    struct ptest__registry reg;
    size_t i, first = 0, n = 0;
    ut_collect(&reg);
    for (i = 0; i < reg.count; i++)
        if (strncmp(reg.cases[i].id, "unit_registry.param_expansion", 29) == 0) {
            char want[64];
            if (n == 0)
                first = i;
            EXPECT_EQ_MSG(i, first + n, "the expansion is contiguous");
            snprintf(want, sizeof want, "unit_registry.param_expansion[%lu]",
                     (unsigned long)n);
            EXPECT_STR_EQ(reg.cases[i].id, want);
            EXPECT_EQ(reg.cases[i].param, n);
            EXPECT_EQ(reg.cases[i].test->params->count, 4u);
            EXPECT_EQ(reg.cases[i].test->params->size, sizeof(const char *));
            n++;
        }
    EXPECT_EQ(n, 4u);
    /* PARAM points at this case's element */
    EXPECT_NOT_NULL(*PARAM);
    EXPECT_TRUE(*PARAM == ut_reg_words[0] || *PARAM == ut_reg_words[1] ||
                *PARAM == ut_reg_words[2] || *PARAM == ut_reg_words[3]);
    ptest__registry_free(&reg);
}

TEST(unit_registry, options_of_this_test, MARK(unit), MARK(selftest_demo),
     TIMEOUT(30), RESOURCE(unit_registry_lock))
{
    struct ptest__registry reg;
    const struct ptest__case *c;
    int value;
    ut_collect(&reg);
    c = ut_find_case(&reg, "unit_registry.options_of_this_test");
    ASSERT_NOT_NULL(c);
    EXPECT_EQ(ptest__case_own_timeout(c), 30.0);
    EXPECT_NULL(ptest__case_skip(c));
    EXPECT_NULL(ptest__case_xfail(c));
    EXPECT_EQ(ptest__case_death(c, &value), 0);
    EXPECT_TRUE(ptest__case_has_marker(c, "unit"));
    EXPECT_TRUE(ptest__case_has_marker(c, "selftest_demo"));
    EXPECT_FALSE(ptest__case_has_marker(c, "slow"));
    EXPECT_FALSE(ptest__case_has_marker(c, "unit_registry_lock")); /* a resource */
    EXPECT_TRUE(ptest__case_has_resources(c));
    EXPECT_STR_EQ(c->test->suite, "unit_registry");
    UT_EXPECT_CONTAINS(c->test->file, "test_registry.c");
    c = ut_find_case(&reg, "unit_registry.death_options");
    ASSERT_NOT_NULL(c);
    EXPECT_EQ(ptest__case_death(c, &value), PTEST__OPT_EXPECT_EXIT);
    EXPECT_EQ(value, 7);
    EXPECT_EQ(ptest__case_own_timeout(c), -1.0);
    EXPECT_FALSE(ptest__case_has_resources(c));
    ptest__registry_free(&reg);
}

/* Read by options_of_this_test; passes by calling exit(7). */
TEST(unit_registry, death_options, MARK(unit), EXPECT_EXIT(7))
{
    exit(7);
}

/* ------------------------------------------------------------------------
 * Markers
 * ------------------------------------------------------------------------ */

TEST(unit_registry, find_marker, MARK(unit))
{
    struct ptest__registry reg;
    const struct ptest__marker *m;
    ut_collect(&reg);
    m = ptest__find_marker(&reg, "slow");
    ASSERT_NOT_NULL(m);
    EXPECT_STR_EQ(m->file, "ptest.h");
    EXPECT_NOT_NULL(ptest__find_marker(&reg, "integration"));
    EXPECT_NOT_NULL(ptest__find_marker(&reg, "unit"));
    m = ptest__find_marker(&reg, "selftest_demo");
    ASSERT_NOT_NULL(m);
    EXPECT_STR_EQ(m->description, "declared by the unit tests, to be found");
    UT_EXPECT_CONTAINS(m->file, "test_registry.c");
    EXPECT_EQ(m->line, ut_demo_marker_line);
    EXPECT_NULL(ptest__find_marker(&reg, "selftest_dem"));
    EXPECT_NULL(ptest__find_marker(&reg, "SLOW"));
    EXPECT_NULL(ptest__find_marker(&reg, ""));
    ptest__registry_free(&reg);
}

TEST(unit_registry, suggest_marker, MARK(unit))
{
    struct ptest__registry reg;
    ut_collect(&reg);
    EXPECT_STR_EQ(ptest__suggest_marker(&reg, "slwo"), "slow");
    EXPECT_STR_EQ(ptest__suggest_marker(&reg, "Slow"), "slow");
    EXPECT_STR_EQ(ptest__suggest_marker(&reg, "SLOW"), "slow"); /* case alone */
    EXPECT_STR_EQ(ptest__suggest_marker(&reg, "INTEGRATION"), "integration");
    EXPECT_STR_EQ(ptest__suggest_marker(&reg, "units"), "unit");
    EXPECT_STR_EQ(ptest__suggest_marker(&reg, "integraton"), "integration");
    EXPECT_STR_EQ(ptest__suggest_marker(&reg, "selftest_dmeo"), "selftest_demo");
    EXPECT_NULL(ptest__suggest_marker(&reg, "network"));
    EXPECT_NULL(ptest__suggest_marker(&reg, "zzzz"));
    EXPECT_NULL(ptest__suggest_marker(&reg, ""));
    ptest__registry_free(&reg);
}

/* ------------------------------------------------------------------------
 * Definition errors, in hand-made registries.
 * ------------------------------------------------------------------------ */

static const struct ptest__option ut_opts_plain[] = {
    PTEST__OPTIONS(PTEST_MARK(unit), PTEST__OPT_END_)};
static const struct ptest__option ut_opts_typo[] = {
    PTEST__OPTIONS(PTEST_MARK(slwo), PTEST__OPT_END_)};
static const struct ptest__option ut_opts_unknown[] = {PTEST__OPTIONS(
    PTEST_MARK(unit), PTEST_MARK(gpu), PTEST__OPT_END_)};
static const struct ptest__option ut_opts_declared[] = {
    PTEST__OPTIONS(PTEST_MARK(db), PTEST__OPT_END_)};
static const struct ptest__option ut_opts_bad_timeout[] = {
    PTEST__OPTIONS(PTEST_TIMEOUT(-1), PTEST__OPT_END_)};
static const struct ptest__option ut_opts_two_deaths[] = {PTEST__OPTIONS(
    PTEST_EXPECT_SIGNAL(SIGABRT), PTEST_EXPECT_EXIT(1), PTEST__OPT_END_)};

#define UT_TEST UT_DESCRIPTOR

static const struct ptest__test ut_reg_tests[] = {
    UT_TEST("math", "adds", "a.c", 10, ut_opts_plain),          /* 0 */
    UT_TEST("math", "adds", "b.c", 20, ut_opts_plain),          /* 1: duplicate of 0 */
    UT_TEST("net", "get", "a.c", 30, ut_opts_typo),             /* 2 */
    UT_TEST("net", "put", "c.c", 40, ut_opts_unknown),          /* 3 */
    UT_TEST("db", "query", "d.c", 50, ut_opts_declared),        /* 4 */
    UT_TEST("io", "wait", "e.c", 60, ut_opts_bad_timeout),      /* 5 */
    UT_TEST("io", "die", "e.c", 70, ut_opts_two_deaths),        /* 6 */
    UT_TEST("math", "adds", "c.c", 15, ut_opts_plain),          /* 7: duplicate of 0 */
    UT_TEST("math", "adds", "c.c", 90, ut_opts_plain),          /* 8: duplicate of 0 */
};

static const struct ptest__marker ut_reg_db = {"db", "a database", "d.c", 1};

/* A registry of the given tests (indices into ut_reg_tests), "db" declared. */
static void ut_synthetic(struct ptest__registry *reg, struct ptest__case *cases,
                         const int *which, size_t n)
{
    static const struct ptest__marker *markers[1] = {&ut_reg_db};
    size_t i;
    memset(reg, 0, sizeof *reg);
    memset(cases, 0, n * sizeof *cases);
    for (i = 0; i < n; i++) {
        cases[i].test = &ut_reg_tests[which[i]];
        cases[i].id = ut_make_id(cases[i].test, 0);
        cases[i].key = cases[i].id;
    }
    reg->cases = cases;
    reg->count = n;
    reg->markers = markers;
    reg->marker_count = 1;
}

static void ut_synthetic_free(struct ptest__registry *reg)
{
    size_t i;
    for (i = 0; i < reg->count; i++)
        free(reg->cases[i].id);
}

TEST(unit_registry, clean_registry_has_no_errors, MARK(unit))
{
    static const int which[] = {0, 4};
    struct ptest__case cases[2];
    struct ptest__registry reg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_synthetic(&reg, cases, which, 2);
    EXPECT_EQ(ptest__registry_check(&reg, &err, NULL), 0);
    EXPECT_NULL(err.data);
    ut_synthetic_free(&reg);
    /* and an empty one */
    memset(&reg, 0, sizeof reg);
    EXPECT_EQ(ptest__registry_check(&reg, &err, NULL), 0);
    EXPECT_NULL(err.data);
}

TEST(unit_registry, duplicate_id_names_both_places, MARK(unit))
{
    static const int which[] = {0, 1};
    struct ptest__case cases[2];
    struct ptest__registry reg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_synthetic(&reg, cases, which, 2);
    EXPECT_EQ(ptest__registry_check(&reg, &err, NULL), 1);
    EXPECT_STR_EQ(err.data, "ptest: error: b.c:20: test math.adds is defined "
                            "twice (also at a.c:10)\n");
    ut_synthetic_free(&reg);
    ptest__buf_free(&err);
}

/* With several definitions of one id, each line names a later definition
 * and, as "also at", an earlier one: the first definition (a.c:10) is
 * never the one called a duplicate, however the sort treats equal ids. */
TEST(unit_registry, duplicate_ids_reported_in_definition_order, MARK(unit))
{
    /* in file and line order, as ptest__registry_collect leaves them */
    static const int which[] = {0, 2, 1, 7, 3, 8, 4};
    struct ptest__case cases[7];
    struct ptest__registry reg;
    struct ptest__buf err = {NULL, 0, 0};
    const char *line;
    int n, lines = 0;
    ut_synthetic(&reg, cases, which, 7);
    n = ptest__check_duplicates(&reg, &err, NULL);
    EXPECT_EQ(n, 3); /* four math.adds: three lines */
    for (line = err.data; line && *line; lines++) {
        UT_EXPECT_CONTAINS(line, "test math.adds is defined twice (also at ");
        EXPECT_NE_MSG(strncmp(line, "ptest: error: a.c:10:", 21), 0,
                      "the first definition called the duplicate:\n%s", err.data);
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    EXPECT_EQ(lines, 3);
    ut_synthetic_free(&reg);
    ptest__buf_free(&err);
}

TEST(unit_registry, undeclared_marker_names_file_line, MARK(unit))
{
    static const int which[] = {2, 3};
    struct ptest__case cases[2];
    struct ptest__registry reg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_synthetic(&reg, cases, which, 2);
    EXPECT_EQ(ptest__registry_check(&reg, &err, NULL), 2);
    EXPECT_STR_EQ(err.data,
                  "ptest: error: a.c:30: test net.get uses undeclared marker "
                  "'slwo' (did you mean 'slow'?); declare it with "
                  "PTEST_MARKER(slwo, \"description\")\n"
                  "ptest: error: c.c:40: test net.put uses undeclared marker "
                  "'gpu'; declare it with PTEST_MARKER(gpu, \"description\")\n");
    ut_synthetic_free(&reg);
    ptest__buf_free(&err);
}

TEST(unit_registry, bad_timeout_and_two_deaths, MARK(unit))
{
    static const int which[] = {5, 6};
    struct ptest__case cases[2];
    struct ptest__registry reg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_synthetic(&reg, cases, which, 2);
    EXPECT_EQ(ptest__registry_check(&reg, &err, NULL), 2);
    EXPECT_STR_EQ(err.data,
                  "ptest: error: e.c:60: test io.wait: TIMEOUT(-1) must be a "
                  "number of seconds from 0 to 1e9\n"
                  "ptest: error: e.c:70: test io.die: a test can expect one "
                  "death only (EXPECT_SIGNAL or EXPECT_EXIT, once)\n");
    ut_synthetic_free(&reg);
    ptest__buf_free(&err);
}

TEST(unit_registry, all_errors_at_once, MARK(unit))
{
    static const int which[] = {0, 1, 2, 3, 4, 5, 6};
    struct ptest__case cases[7];
    struct ptest__registry reg;
    struct ptest__buf err = {NULL, 0, 0};
    const char *p;
    int lines = 0;
    ut_synthetic(&reg, cases, which, 7);
    EXPECT_EQ(ptest__registry_check(&reg, &err, NULL), 5);
    for (p = err.data; p && *p; p++)
        lines += *p == '\n';
    EXPECT_EQ(lines, 5);
    ut_synthetic_free(&reg);
    ptest__buf_free(&err);
}

TEST(unit_registry, make_id, MARK(unit))
{
    static const int array[3] = {1, 2, 3};
    static const struct ptest__params params = {NULL, array, sizeof array[0], 3};
    static const struct ptest__test t =
        UT_DESCRIPTOR_P("s", "n", "f.c", 1, ut_opts_plain, &params);
    char *id = ut_make_id(&t, 2);
    EXPECT_STR_EQ(id, "s.n[2]");
    free(id);
    id = ut_make_id(&ut_reg_tests[0], 0);
    EXPECT_STR_EQ(id, "math.adds");
    free(id);
}

/* ------------------------------------------------------------------------
 * Selection over a hand-made registry: filters, -m and -k together.
 * ------------------------------------------------------------------------ */

/* Selects from cases 0 (math.adds [unit]), 2 (net.get [slwo]), 3 (net.put
 * [unit, gpu]) and 4 (db.query [db]); returns the ids, space-separated. */
static char *ut_select(const char *mexpr, const char *kexpr, const char *filter)
{
    static const int which[] = {0, 2, 3, 4};
    struct ptest__case cases[4];
    struct ptest__run run;
    struct ptest__buf err = {NULL, 0, 0}, out = {NULL, 0, 0};
    char *filters[1];
    size_t i;
    memset(&run, 0, sizeof run);
    ut_synthetic(&run.reg, cases, which, 4);
    filters[0] = (char *)filter;
    run.cfg.filters = filters;
    run.cfg.filter_count = filter ? 1 : 0;
    if (ptest__expr_compile(&run.mark, mexpr, &err) != 0 ||
        ptest__expr_compile(&run.key, kexpr, &err) != 0) {
        ut_synthetic_free(&run.reg);
        return err.data;
    }
    ptest__select(&run);
    ptest__buf_puts(&out, "");
    for (i = 0; i < run.selected; i++)
        ptest__buf_printf(&out, "%s%s", i ? " " : "", run.reg.cases[run.order[i]].id);
    free(run.order);
    ptest__expr_free(&run.mark);
    ptest__expr_free(&run.key);
    ut_synthetic_free(&run.reg);
    return out.data;
}

struct ut_select_case {
    const char *mexpr, *kexpr, *filter, *want;
};

static const struct ut_select_case ut_select_cases[] = {
    {"", "", NULL, "math.adds net.get net.put db.query"},
    {"unit", "", NULL, "math.adds net.put"},
    {"not unit", "", NULL, "net.get db.query"},
    {"unit and gpu", "", NULL, "net.put"},
    {"db or slwo", "", NULL, "net.get db.query"},
    {"", "net", NULL, "net.get net.put"},
    {"", "NET and not PUT", NULL, "net.get"},
    {"", "a", NULL, "math.adds"},
    {"unit", "net", NULL, "net.put"},
    {"", "", "net", "net.get net.put"},
    {"", "", "net.get", "net.get"},
    {"", "", "ne", ""},
    {"unit", "", "net", "net.put"},
    {"nothing", "", NULL, ""},
};

TEST_P(unit_registry, select, struct ut_select_case, ut_select_cases, MARK(unit))
{
    char *got = ut_select(PARAM->mexpr, PARAM->kexpr, PARAM->filter);
    EXPECT_STR_EQ_MSG(got, PARAM->want, "-m '%s' -k '%s' %s", PARAM->mexpr,
                      PARAM->kexpr, PARAM->filter ? PARAM->filter : "");
    free(got);
}

/* Whatever the layout (each file backwards as GCC emits them, files out
 * of order, shuffled, two tests on one line), the order is qsort's. */
TEST(unit_registry, sort_tests_matches_qsort, MARK(unit))
{
    static const char *const files[] = {"c.c", "a.c", "b.c"};
    static const char *const names[] = {"x", "y"};
    static struct ptest__test t[300];
    const void *given[300], *want[300];
    const size_t n = 300;
    uint64_t state = 7;
    size_t i, layout;
    for (layout = 0; layout < 4; layout++) {
        const void **copy = NULL;
        const void *const *got;
        for (i = 0; i < n; i++) {
            t[i].suite = "s";
            t[i].file = files[i / 100];
            t[i].line = layout == 3 ? (int)(i % 100) / 2 + 1 : (int)(i % 100) + 1;
            t[i].name = names[layout == 3 ? i % 2 : 0];
            /* 0: files backwards, 1: all backwards, 2 and 3: shuffled */
            given[i] = &t[layout == 0 ? i / 100 * 100 + 99 - i % 100 : layout == 1 ? n - 1 - i : i];
        }
        for (i = n; layout >= 2 && i > 1; i--) {
            size_t j = (size_t)(ptest__random(&state) % i);
            const void *swap = given[i - 1];
            given[i - 1] = given[j];
            given[j] = swap;
        }
        memcpy(want, given, sizeof given);
        qsort(want, n, sizeof want[0], ptest__compare_tests);
        got = ptest__sort_tests(given, n, &copy);
        for (i = 0; i < n; i++)
            EXPECT_TRUE_MSG(got[i] == want[i], "layout %lu, position %lu",
                            (unsigned long)layout, (unsigned long)i);
        free((void *)copy);
    }
}

/* Tests the linker laid out in file and line order are read where they
 * lie; others are sorted in a copy, never in the (read-only) section. */
TEST(unit_registry, sort_tests_copies_only_when_unsorted, MARK(unit))
{
    static const struct ptest__option none[] = {PTEST__OPT_END_};
    static const struct ptest__test a = UT_DESCRIPTOR("s", "a", "a.c", 5, none);
    static const struct ptest__test b = UT_DESCRIPTOR("s", "b", "a.c", 9, none);
    static const struct ptest__test c = UT_DESCRIPTOR("s", "c", "b.c", 1, none);
    static const void *const sorted[] = {&a, &b, &c};
    static const void *const unsorted[] = {&c, &a, &b};
    const void **copy = NULL;
    const void *const *got = ptest__sort_tests(sorted, 3, &copy);
    EXPECT_TRUE(got == sorted);
    EXPECT_NULL(copy);
    got = ptest__sort_tests(unsorted, 3, &copy);
    ASSERT_NOT_NULL(copy);
    EXPECT_TRUE(got == copy);
    EXPECT_TRUE(got[0] == &a && got[1] == &b && got[2] == &c);
    EXPECT_TRUE(unsorted[0] == &c); /* the original is left as it was */
    free((void *)copy);
}

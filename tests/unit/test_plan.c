/* Unit tests of planning: the durations cache (its line format, loading,
 * merging and storing), --lf/--ff, longest-first order, --shuffle/--seed,
 * --shard arithmetic, --count, --reruns, and the flags and environment
 * variables (Bazel's, GoogleTest's) that ask for them. */

/* ------------------------------------------------------------------------
 * A hand-made run of n cases plan.t0 .. plan.t<n-1>, all selected, in
 * definition order, nothing known about them.
 * ------------------------------------------------------------------------ */

static const struct ptest__option ut_plan_opts[] = {PTEST__OPT_END_};
static const struct ptest__option ut_plan_xfail_opts[] = {
    PTEST__OPTIONS(PTEST_XFAIL("known"), PTEST__OPT_END_)};
static const struct ptest__test ut_plan_xfail_test =
    UT_DESCRIPTOR("plan", "xf", "p.c", 1, ut_plan_xfail_opts);

#define UT_PLAN_TEST(name, line) UT_DESCRIPTOR("plan", name, "p.c", line, ut_plan_opts)

static const struct ptest__test ut_plan_tests[] = {
    UT_PLAN_TEST("t0", 1),  UT_PLAN_TEST("t1", 2),  UT_PLAN_TEST("t2", 3),
    UT_PLAN_TEST("t3", 4),  UT_PLAN_TEST("t4", 5),  UT_PLAN_TEST("t5", 6),
    UT_PLAN_TEST("t6", 7),  UT_PLAN_TEST("t7", 8),  UT_PLAN_TEST("t8", 9),
    UT_PLAN_TEST("t9", 10), UT_PLAN_TEST("t10", 11), UT_PLAN_TEST("t11", 12),
};
#define UT_PLAN_MAX (sizeof ut_plan_tests / sizeof ut_plan_tests[0])

static struct ptest__run *ut_plan_new(size_t n)
{
    struct ptest__run *run = (struct ptest__run *)ptest__xcalloc(1, sizeof *run);
    size_t i;
    ptest__config_defaults(&run->cfg);
    run->reg.cases = (struct ptest__case *)ptest__xcalloc(n, sizeof *run->reg.cases);
    run->reg.count = n;
    run->order = (size_t *)ptest__xcalloc(n, sizeof *run->order);
    run->cache.history = (struct ptest__history *)ptest__xcalloc(n, sizeof *run->cache.history);
    for (i = 0; i < n && i < UT_PLAN_MAX; i++) {
        struct ptest__case *c = &run->reg.cases[i];
        c->test = &ut_plan_tests[i];
        c->id = ut_make_id(c->test, 0);
        c->key = c->id;
        run->order[i] = i;
        run->cache.history[i].duration = -1;
        run->cache.history[i].outcome = -1;
    }
    run->selected = n;
    return run;
}

/* Gives every case a result, as ptest__execute allocates them: zeroed. */
static void ut_plan_results(struct ptest__run *run)
{
    run->results = (struct ptest__result *)ptest__xcalloc_untouched(run->reg.count,
                                                                    sizeof *run->results);
}

static void ut_plan_free(struct ptest__run *run)
{
    ptest__run_free(run); /* what ptest_main frees, the registry too */
    free(run);
}

/* The selection as "t0 t3 ...", the ids without the suite. */
static char *ut_plan_order(const struct ptest__run *run)
{
    struct ptest__buf b = {NULL, 0, 0};
    size_t i;
    ptest__buf_puts(&b, "");
    for (i = 0; i < run->selected; i++)
        ptest__buf_printf(&b, "%s%s", i ? " " : "",
                          run->reg.cases[run->order[i]].id + strlen("plan."));
    return b.data;
}

/* ------------------------------------------------------------------------
 * The history line format
 * ------------------------------------------------------------------------ */

struct ut_history_case {
    const char *line;
    int with_outcome;
    int rc;
    double seconds;
    int outcome;
    const char *id;
};

static const struct ut_history_case ut_history_cases[] = {
    {"0.5 passed a.b", 1, 0, 0.5, PTEST__PASS, "a.b"},
    {"12 failed s.n[3]", 1, 0, 12.0, PTEST__FAIL, "s.n[3]"},
    {"0.000001 timeout a.b", 1, 0, 0.000001, PTEST__TIMEOUT, "a.b"},
    {"3 not_run a.b", 1, 0, 3.0, PTEST__NOT_RUN, "a.b"},
    {"0 xpassed a.b#2", 1, 0, 0.0, PTEST__XPASS, "a.b#2"},
    {"0.5 a.b", 0, 0, 0.5, -1, "a.b"},
    {"10000000 a.b", 0, 0, 1e7, -1, "a.b"},
    {"0.5 bogus a.b", 1, -1, 0, 0, NULL},
    {"0.5 Passed a.b", 1, -1, 0, 0, NULL},
    {"x passed a.b", 1, -1, 0, 0, NULL},
    {"-1 passed a.b", 1, -1, 0, 0, NULL},
    {"nan passed a.b", 1, -1, 0, 0, NULL},
    {"inf a.b", 0, -1, 0, 0, NULL},
    {"1e8 passed a.b", 1, -1, 0, 0, NULL},
    {"0.5s passed a.b", 1, -1, 0, 0, NULL},
    {"0.5 passed ", 1, -1, 0, 0, NULL},
    {"0.5 passed", 1, -1, 0, 0, NULL},
    {"0.5", 0, -1, 0, 0, NULL},
    {"0.5 ", 0, -1, 0, 0, NULL},
    {"", 0, -1, 0, 0, NULL},
    {" 0.5 a.b", 0, -1, 0, 0, NULL},
    {"0.5 passed a.b", 0, 0, 0.5, -1, "passed a.b"}, /* no outcome field: all id */
    {"5. a.b", 0, 0, 5.0, -1, "a.b"},
    {".25 a.b", 0, 0, 0.25, -1, "a.b"},
    {"1.5e1 a.b", 0, 0, 15.0, -1, "a.b"},
    {"0.1234567890123456789 a.b", 0, 0, 0.1234567890123456789, -1, "a.b"},
    {"1..5 a.b", 0, -1, 0, 0, NULL},
    {"1.5.2 a.b", 0, -1, 0, 0, NULL},
    {"1,5 a.b", 0, -1, 0, 0, NULL},
};

/* What ptest writes is read back without strtod: the same double, to
 * the last bit, for every six-decimal duration. */
TEST(unit_plan, history_seconds_match_strtod, MARK(unit))
{
    static const char *const texts[] = {
        "0.000000", "0.000001", "0.000003", "0.100000", "0.123456", "0.999999",
        "1.000000", "2.718282", "10.000001", "333.333333", "9999999.999999",
        "0.0", "7", "123456789012345", "0.000000000000001", "1e3", "4.5E-2"};
    size_t i;
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        double fast = -1;
        ASSERT_EQ_MSG(ptest__history_seconds(texts[i], strlen(texts[i]), &fast), 0,
                      "%s", texts[i]);
        EXPECT_EQ_MSG(fast, strtod(texts[i], NULL), "%s", texts[i]);
    }
    for (i = 0; i < 200000; i += 7) {
        char text[32];
        double fast = -1;
        snprintf(text, sizeof text, "%lu.%06lu", (unsigned long)(i / 1000),
                 (unsigned long)(i * 7919 % 1000000));
        ASSERT_EQ(ptest__history_seconds(text, strlen(text), &fast), 0);
        ASSERT_EQ_MSG(fast, strtod(text, NULL), "%s", text);
    }
}

/* Durations are written as "%.6f" would write them, without printf. */
TEST(unit_plan, history_seconds_written_like_printf, MARK(unit))
{
    static const double values[] = {0,     1e-7,     4e-7,     6e-7,   0.000001,
                                    0.5,   0.123456, 1.0 / 3,  2.0 / 3, 1,
                                    59.99, 123.4567891, 86400.25, 9999999.5};
    size_t i;
    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        struct ptest__buf b = {NULL, 0, 0};
        char want[64];
        snprintf(want, sizeof want, "%.6f", values[i]);
        ptest__buf_seconds(&b, values[i]);
        EXPECT_STR_EQ(b.data, want);
        ptest__buf_free(&b);
    }
}

/* A duration that is not a number of seconds (a clock gone backwards)
 * is written as 0, and one over 1e7 s as 1e7: never a line the next run
 * would reject. */
TEST(unit_plan, history_seconds_written_never_rejected, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    double seconds = -1;
    int outcome;
    const char *id;
    size_t id_len;
    ptest__buf_seconds(&b, -0.25);
    ptest__buf_seconds(&b, strtod("nan", NULL));
    EXPECT_STR_EQ(b.data, "0.0000000.000000");
    EXPECT_EQ(ptest__history_seconds(b.data, 8, &seconds), 0);
    EXPECT_EQ(seconds, 0.0);
    b.len = 0;
    ptest__buf_seconds(&b, 5e9);
    ptest__buf_puts(&b, " a.b");
    EXPECT_STR_EQ(b.data, "10000000.000000 a.b");
    EXPECT_EQ(ptest__history_line(b.data, b.len, 0, &seconds, &outcome, &id, &id_len), 0);
    EXPECT_EQ(seconds, 1e7);
    ptest__buf_free(&b);
}

TEST_P(unit_plan, history_line, struct ut_history_case, ut_history_cases, MARK(unit))
{
    double seconds = -5;
    int outcome = -5;
    const char *id = NULL;
    size_t id_len = 0;
    int rc = ptest__history_line(PARAM->line, strlen(PARAM->line), PARAM->with_outcome,
                                 &seconds, &outcome, &id, &id_len);
    EXPECT_EQ_MSG(rc, PARAM->rc, "'%s'", PARAM->line);
    if (PARAM->rc == 0 && rc == 0) {
        EXPECT_EQ(seconds, PARAM->seconds);
        EXPECT_EQ(outcome, PARAM->outcome);
        ASSERT_NOT_NULL(id);
        EXPECT_EQ(id_len, strlen(PARAM->id));
        EXPECT_EQ(strncmp(id, PARAM->id, id_len), 0);
    }
}

TEST(unit_plan, outcome_by_name, MARK(unit))
{
    int o;
    for (o = 0; o < PTEST__OUTCOMES; o++)
        EXPECT_EQ(ptest__outcome_by_name(ptest__outcome_name(o),
                                         strlen(ptest__outcome_name(o))), o);
    EXPECT_EQ(ptest__outcome_by_name("pass", 4), -1);
    EXPECT_EQ(ptest__outcome_by_name("passedx", 7), -1);
    EXPECT_EQ(ptest__outcome_by_name("passedx", 6), PTEST__PASS);
    EXPECT_EQ(ptest__outcome_by_name("", 0), -1);
}

TEST(unit_plan, idmap, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(UT_PLAN_MAX);
    struct ptest__idmap m;
    size_t i;
    ptest__idmap_build(&m, &run->reg);
    for (i = 0; i < UT_PLAN_MAX; i++)
        EXPECT_EQ(ptest__idmap_find(&m, &run->reg, run->reg.cases[i].id,
                                    strlen(run->reg.cases[i].id)), i);
    EXPECT_EQ(ptest__idmap_find(&m, &run->reg, "plan.t1x", 8), (size_t)-1);
    EXPECT_EQ(ptest__idmap_find(&m, &run->reg, "plan.t1x", 7), 1u); /* a length, not a NUL */
    EXPECT_EQ(ptest__idmap_find(&m, &run->reg, "plan.t", 6), (size_t)-1);
    EXPECT_EQ(ptest__idmap_find(&m, &run->reg, "", 0), (size_t)-1);
    EXPECT_GE(m.mask + 1, 2 * UT_PLAN_MAX); /* at most half full */
    free(m.slots);
    ut_plan_free(run);
}

/* ------------------------------------------------------------------------
 * Loading: ptest__history_apply
 * ------------------------------------------------------------------------ */

static int ut_apply(struct ptest__run *run, const char *text, const char *magic,
                    int with_outcome, const char **why)
{
    struct ptest__idmap m;
    int rc;
    ptest__idmap_build(&m, &run->reg);
    *why = NULL;
    rc = ptest__history_apply(run, &m, text, magic, with_outcome, why);
    free(m.slots);
    return rc;
}

TEST(unit_plan, history_apply, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(3);
    const char *why;
    EXPECT_EQ(ut_apply(run, "ptest-cache 1\n0.25 failed plan.t1\n\n"
                            "1.5 passed plan.gone\n0.75 passed plan.t0\n",
                       PTEST__CACHE_MAGIC, 1, &why), 0);
    EXPECT_NULL(why);
    EXPECT_EQ(run->cache.history[0].duration, 0.75);
    EXPECT_EQ(run->cache.history[0].outcome, PTEST__PASS);
    EXPECT_EQ(run->cache.history[1].duration, 0.25);
    EXPECT_EQ(run->cache.history[1].outcome, PTEST__FAIL);
    EXPECT_EQ(run->cache.history[2].duration, -1.0); /* not in the file */
    EXPECT_EQ(run->cache.history[2].outcome, -1);
    /* a durations file has no outcomes and leaves them alone */
    EXPECT_EQ(ut_apply(run, "ptest-durations 1\n4 plan.t1\n4.5 plan.t2",
                       PTEST__DURATIONS_MAGIC, 0, &why), 0);
    EXPECT_EQ(run->cache.history[1].duration, 4.0);
    EXPECT_EQ(run->cache.history[1].outcome, PTEST__FAIL);
    EXPECT_EQ(run->cache.history[2].duration, 4.5); /* the last line needs no newline */
    ut_plan_free(run);
}

TEST(unit_plan, history_apply_rejects_foreign_files, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(2);
    const char *why;
    EXPECT_EQ(ut_apply(run, "ptest-cache 2\n0.25 failed plan.t1\n", PTEST__CACHE_MAGIC,
                       1, &why), -1);
    EXPECT_STR_EQ(why, "not a ptest file of this version");
    EXPECT_EQ(ut_apply(run, "ptest-cache 1", PTEST__CACHE_MAGIC, 1, &why), -1);
    EXPECT_STR_EQ(why, "not a ptest file of this version");
    EXPECT_EQ(ut_apply(run, "", PTEST__CACHE_MAGIC, 1, &why), -1);
    EXPECT_EQ(ut_apply(run, "ptest-durations 1\n1 plan.t0\n", PTEST__CACHE_MAGIC, 1,
                       &why), -1);
    EXPECT_EQ(ut_apply(run, "ptest-cache 1\n0.25 plan.t1\n", PTEST__CACHE_MAGIC, 1,
                       &why), -1);
    EXPECT_STR_EQ(why, "a line is not '<seconds> [outcome] <id>'");
    EXPECT_EQ(run->cache.history[0].duration, -1.0);
    ut_plan_free(run);
}

/* history_load's contract: a corrupt file is warned about "and the run
 * goes on as if it were missing". The lines before the bad one have been
 * applied all the same. */
TEST(unit_plan, history_apply_corrupt_file_applies_nothing, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(2);
    const char *why;
    EXPECT_EQ(ut_apply(run, "ptest-cache 1\n0.25 failed plan.t1\ngarbage\n",
                       PTEST__CACHE_MAGIC, 1, &why), -1);
    EXPECT_EQ(run->cache.history[1].duration, -1.0);
    EXPECT_EQ(run->cache.history[1].outcome, -1);
    ut_plan_free(run);
}

/* ------------------------------------------------------------------------
 * Storing: ptest__history_merge
 * ------------------------------------------------------------------------ */

static char *ut_merge(struct ptest__run *run, const char *old, const char *magic,
                      int with_outcome)
{
    struct ptest__idmap m;
    struct ptest__buf out = {NULL, 0, 0};
    ptest__idmap_build(&m, &run->reg);
    ptest__history_merge(run, &m, &out, NULL, old, magic, with_outcome);
    free(m.slots);
    return out.data;
}

TEST(unit_plan, history_merge, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(4);
    char *text;
    ut_plan_results(run);
    run->results[0].outcome = PTEST__PASS;
    run->results[0].final = 1;
    run->results[0].duration = 1.0;
    run->cache.history[0].duration = 3.0; /* smoothed: half way, 2.0 */
    run->results[1].outcome = PTEST__FAIL;
    run->results[1].final = 1;
    run->results[1].duration = 3.0; /* unknown before: as measured */
    run->results[2].outcome = PTEST__SKIP;
    run->results[2].final = 1; /* not remembered: its old line stays */
    run->cache.history[2].duration = 5.0;
    run->results[3].outcome = PTEST__FLAKY;
    run->results[3].final = 1; /* remembered as passed */
    run->results[3].duration = 0.5;
    text = ut_merge(run, "ptest-cache 1\n3.000000 passed plan.t0\n"
                         "5.000000 passed plan.t2\nbad line\n"
                         "9.000000 failed plan.gone\n", PTEST__CACHE_MAGIC, 1);
    EXPECT_STR_EQ(text, "ptest-cache 1\n"
                        "5.000000 passed plan.t2\n"
                        "9.000000 failed plan.gone\n"
                        "2.000000 passed plan.t0\n"
                        "3.000000 failed plan.t1\n"
                        "0.500000 passed plan.t3\n");
    free(text);
    /* a durations file: no outcomes; a foreign old file is dropped whole */
    text = ut_merge(run, "ptest-cache 1\n1 passed plan.t2\n", PTEST__DURATIONS_MAGIC, 0);
    EXPECT_STR_EQ(text, "ptest-durations 1\n"
                        "2.000000 plan.t0\n"
                        "3.000000 plan.t1\n"
                        "0.500000 plan.t3\n");
    free(text);
    text = ut_merge(run, NULL, PTEST__CACHE_MAGIC, 1);
    UT_EXPECT_CONTAINS(text, "ptest-cache 1\n2.000000 passed plan.t0\n");
    free(text);
    ut_plan_free(run);
}

/* Cases a run did not select keep their zeroed result, outcome 0: passed.
 * ptest__ran takes that for a pass, so running a subset (-k, a filter,
 * --lf, another --shard, the originals of --count) writes every other test
 * into the cache as passed in 0 s, halving its known duration, and --lf
 * forgets what failed:
 *     ./t          (demo.fails fails)  cache: 0.050453 failed demo.fails
 *     ./t -k passes                     cache: 0.025226 passed demo.fails
 *     ./t --lf     "--lf: no test failed last time; running all 2" */
TEST(unit_plan, history_merge_keeps_deselected_tests, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(3);
    char *text;
    ut_plan_results(run); /* as ptest__execute: calloc'd for every case */
    run->order[0] = 1;    /* -k t1: only plan.t1 selected */
    run->selected = 1;
    run->results[1].outcome = PTEST__PASS;
    run->results[1].final = 1;
    run->results[1].duration = 0.001;
    run->cache.history[0].duration = 0.05;
    run->cache.history[0].outcome = PTEST__FAIL;
    text = ut_merge(run, "ptest-cache 1\n0.050000 failed plan.t0\n", PTEST__CACHE_MAGIC, 1);
    EXPECT_STR_EQ(text, "ptest-cache 1\n"
                        "0.050000 failed plan.t0\n"
                        "0.001000 passed plan.t1\n");
    free(text);
    ut_plan_free(run);
}

/* A file of more than 64 KiB goes out in pieces as it is merged; the
 * file has the very text the whole merge in memory has. */
TEST(unit_plan, history_merge_spills_to_the_file, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(3);
    struct ptest__buf old = {NULL, 0, 0}, whole = {NULL, 0, 0}, part = {NULL, 0, 0};
    struct ptest__atomic file;
    struct ptest__idmap m;
    char *dir = ut_tempdir(), *path, *text;
    int i;
    ASSERT_NOT_NULL(dir);
    path = ut_fmt("%s/results", dir);
    ptest__buf_puts(&old, "ptest-cache 1\n");
    for (i = 0; i < 5000; i++) /* tests this registry does not have: kept */
        ptest__buf_printf(&old, "0.%06d passed gone.t%d\n", i, i);
    ut_plan_results(run);
    run->results[1].outcome = PTEST__PASS;
    run->results[1].final = 1;
    run->results[1].duration = 0.5;
    ptest__idmap_build(&m, &run->reg);
    ptest__history_merge(run, &m, &whole, NULL, old.data, PTEST__CACHE_MAGIC, 1);
    ASSERT_GT(whole.len, (size_t)2 * 65536);
    ASSERT_EQ(ptest__atomic_open(&file, path), 0);
    ptest__history_merge(run, &m, &part, &file, old.data, PTEST__CACHE_MAGIC, 1);
    EXPECT_EQ(part.len, (size_t)0); /* all of it went to the file */
    EXPECT_EQ(ptest__atomic_close(&file, path), 0);
    text = ut_slurp(path);
    ASSERT_NOT_NULL(text);
    EXPECT_EQ(strlen(text), whole.len);
    EXPECT_TRUE(strcmp(text, whole.data) == 0);
    EXPECT_NOT_NULL(strstr(text, "\n0.500000 passed plan.t1\n"));
    free(text);
    EXPECT_EQ(unlink(path), 0);
    EXPECT_EQ(rmdir(dir), 0);
    free(path);
    free(dir);
    free(m.slots);
    ptest__buf_free(&old);
    ptest__buf_free(&whole);
    ptest__buf_free(&part);
    ut_plan_free(run);
}

TEST(unit_plan, history_store_and_load, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(3);
    char *dir = ut_tempdir(), *path, *lock, *results, *text;
    struct ptest__idmap m;
    ASSERT_NOT_NULL(dir);
    path = ut_fmt("%s/v1/results", dir);
    lock = ut_fmt("%s/v1/lock", dir);
    results = ut_fmt("%s/v1", dir);
    run->cfg.cache_dir = dir;
    ut_plan_results(run);
    run->results[0].outcome = PTEST__FAIL;
    run->results[0].final = 1;
    run->results[0].duration = 0.125;
    run->results[1].outcome = PTEST__PASS;
    run->results[1].final = 1;
    run->results[1].duration = 2.5;
    run->results[2].outcome = PTEST__PASS;
    run->results[2].final = 1;
    run->results[2].duration = 1;
    ptest__idmap_build(&m, &run->reg);
    EXPECT_EQ(ptest__mkdirs(results), 0);
    EXPECT_EQ(ptest__history_store(run, &m, path, lock, PTEST__CACHE_MAGIC, 1), 0);
    text = ut_slurp(path);
    EXPECT_STR_EQ(text, "ptest-cache 1\n0.125000 failed plan.t0\n"
                        "2.500000 passed plan.t1\n1.000000 passed plan.t2\n");
    free(text);
    /* the next run loads it */
    free(run->cache.history);
    run->cache.history = NULL;
    ptest__history_load(run);
    EXPECT_EQ(run->cache.history[0].outcome, PTEST__FAIL);
    EXPECT_EQ(run->cache.history[0].duration, 0.125);
    EXPECT_EQ(run->cache.history[1].duration, 2.5);
    /* --cache-clear forgets it first; --no-cache reads nothing, and then
     * there is no table at all: every duration and outcome is unknown */
    run->cfg.no_cache = 1;
    free(run->cache.history);
    run->cache.history = NULL;
    ptest__history_load(run);
    EXPECT_NULL(run->cache.history);
    EXPECT_EQ(ptest__known_outcome(&run->cache, 0), -1);
    EXPECT_EQ(ptest__known_duration(&run->cache, 0), -1.0);
    run->cfg.no_cache = 0;
    run->cfg.cache_clear = 1;
    ptest__history_load(run);
    EXPECT_NULL(run->cache.history);
    EXPECT_EQ(ptest__known_outcome(&run->cache, 0), -1);
    EXPECT_NULL(ut_slurp(path));
    free(m.slots);
    unlink(lock);
    EXPECT_EQ(rmdir(results), 0);
    EXPECT_EQ(rmdir(dir), 0);
    free(path);
    free(lock);
    free(results);
    free(dir);
    ut_plan_free(run);
}

TEST(unit_plan, mkdirs, MARK(unit))
{
    char *dir = ut_tempdir(), *deep, *file;
    FILE *f;
    ASSERT_NOT_NULL(dir);
    deep = ut_fmt("%s/a/b/c", dir);
    EXPECT_EQ(ptest__mkdirs(deep), 0);
    EXPECT_EQ(ptest__mkdirs(deep), 0); /* already there */
    file = ut_fmt("%s/a/file", dir);
    f = fopen(file, "w");
    ASSERT_NOT_NULL(f);
    fclose(f);
    free(deep);
    deep = ut_fmt("%s/a/file/sub", dir); /* a file in the way */
    EXPECT_EQ(ptest__mkdirs(deep), -1);
    EXPECT_EQ(unlink(file), 0);
    free(deep);
    deep = ut_fmt("%s/a/b/c", dir);
    EXPECT_EQ(rmdir(deep), 0);
    free(deep);
    deep = ut_fmt("%s/a/b", dir);
    EXPECT_EQ(rmdir(deep), 0);
    free(deep);
    deep = ut_fmt("%s/a", dir);
    EXPECT_EQ(rmdir(deep), 0);
    EXPECT_EQ(rmdir(dir), 0);
    free(deep);
    free(file);
    free(dir);
}

/* ------------------------------------------------------------------------
 * Order: --lf, --ff, longest first, --shuffle
 * ------------------------------------------------------------------------ */

TEST(unit_plan, last_failed, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(6);
    char *order;
    run->cache.history[1].outcome = PTEST__FAIL;
    run->cache.history[2].outcome = PTEST__PASS;
    run->cache.history[3].outcome = PTEST__CRASH;
    run->cache.history[4].outcome = PTEST__XFAIL; /* expected: not a failure */
    run->cache.history[5].outcome = PTEST__INTERRUPTED;
    ptest__plan_last_failed(run);
    order = ut_plan_order(run);
    EXPECT_STR_EQ(order, "t1 t3 t5");
    EXPECT_STR_EQ(run->notes.data,
                  "--lf: running the 3 tests that failed last time (3 deselected)\n");
    free(order);
    ut_plan_free(run);
    /* nothing failed: everything runs */
    run = ut_plan_new(3);
    ptest__plan_last_failed(run);
    EXPECT_EQ(run->selected, 3u);
    EXPECT_STR_EQ(run->notes.data, "--lf: no test failed last time; running all 3\n");
    ut_plan_free(run);
}

TEST(unit_plan, failed_first, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(5);
    char *order;
    run->cache.history[3].outcome = PTEST__TIMEOUT;
    run->cache.history[1].outcome = PTEST__XPASS;
    ptest__plan_partition(run, ptest__failed_before);
    order = ut_plan_order(run);
    EXPECT_STR_EQ(order, "t1 t3 t0 t2 t4"); /* stable on both sides */
    free(order);
    ut_plan_free(run);
}

TEST(unit_plan, longest_first, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(6);
    char *order;
    ptest__plan_longest_first(run); /* nothing known: definition order */
    order = ut_plan_order(run);
    EXPECT_STR_EQ(order, "t0 t1 t2 t3 t4 t5");
    free(order);
    run->cache.history[1].duration = 0.5;
    run->cache.history[2].duration = 3.0;
    run->cache.history[4].duration = 0.5;
    run->cache.history[5].duration = 1.0;
    ptest__plan_longest_first(run);
    order = ut_plan_order(run);
    /* the unknown first (they may be long), then longest first, ties in
     * definition order */
    EXPECT_STR_EQ(order, "t0 t3 t2 t5 t1 t4");
    free(order);
    ut_plan_free(run);
}

/* Many cases, ties and unknown durations, in a scrambled order: sorted
 * longest first, ties (and the unknown, last) in definition order, each
 * case once; by the history (the dispatch order) or by a durations file
 * (a split into shards), each sort reading its own durations only. */
static const enum ptest__sort_by sort_bys[] = {PTEST__BY_HISTORY, PTEST__BY_DURATIONS_FILE};

TEST_P(unit_plan, sort_longest_many, enum ptest__sort_by, sort_bys, MARK(unit))
{
    const size_t n = 1000;
    struct ptest__run *run = ut_plan_new(n);
    size_t *order = (size_t *)ptest__xcalloc(n, sizeof *order), i;
    unsigned char *seen = (unsigned char *)ptest__xcalloc(n, 1);
    double *want = (double *)ptest__xcalloc(n, sizeof *want);
    uint64_t state = 42;
    for (i = 0; i < n; i++) {
        int pick = (int)(ptest__random(&state) % 8);
        want[i] = pick == 0 ? -1 : 0.001 * pick;
        order[i] = (i * 379) % n; /* a permutation: 379 and 1000 are coprime */
    }
    if (*PARAM == PTEST__BY_DURATIONS_FILE) { /* the history, reversed, must not count */
        run->shard_weights = (double *)ptest__xcalloc(n, sizeof(double));
        for (i = 0; i < n; i++) {
            run->shard_weights[i] = want[i];
            run->cache.history[i].duration = want[i] < 0 ? 1 : 0.01 - want[i];
        }
    } else {
        for (i = 0; i < n; i++)
            run->cache.history[i].duration = want[i];
    }
    ptest__sort_longest(run, *PARAM, order, n);
    for (i = 0; i < n; i++) {
        ASSERT_LT(order[i], n);
        EXPECT_EQ_MSG(seen[order[i]], 0, "case %lu twice", (unsigned long)order[i]);
        seen[order[i]] = 1;
        if (i > 0) {
            double before = want[order[i - 1]];
            double now = want[order[i]];
            EXPECT_TRUE_MSG(before > now || (before == now && order[i - 1] < order[i]),
                            "position %lu: case %lu (%g s) before case %lu (%g s)",
                            (unsigned long)i, (unsigned long)order[i - 1], before,
                            (unsigned long)order[i], now);
        }
    }
    free(want);
    free(seen);
    free(order);
    ut_plan_free(run);
}

/* Durations closer than 0.1 ms count as equal: definition order. */
TEST(unit_plan, sort_longest_steps_of_a_tenth_of_a_millisecond, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(5);
    char *order;
    run->cache.history[0].duration = 0.000010;
    run->cache.history[1].duration = 0.000090;
    run->cache.history[2].duration = 0.000150;
    run->cache.history[3].duration = 0.000001;
    run->cache.history[4].duration = 0.000120;
    ptest__plan_longest_first(run);
    order = ut_plan_order(run);
    EXPECT_STR_EQ(order, "t2 t4 t0 t1 t3");
    free(order);
    ut_plan_free(run);
}

TEST(unit_plan, shuffle, MARK(unit))
{
    struct ptest__run *a = ut_plan_new(UT_PLAN_MAX), *b = ut_plan_new(UT_PLAN_MAX);
    char *oa, *ob, *oc;
    unsigned seen[UT_PLAN_MAX];
    size_t i;
    a->cfg.seed = b->cfg.seed = 12345;
    ptest__plan_shuffle(a);
    ptest__plan_shuffle(b);
    oa = ut_plan_order(a);
    ob = ut_plan_order(b);
    EXPECT_STR_EQ(oa, ob); /* the same seed, the same order */
    EXPECT_STR_NE(oa, "t0 t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 t11");
    EXPECT_STR_EQ(a->notes.data, "shuffled with --seed=12345\n");
    memset(seen, 0, sizeof seen);
    for (i = 0; i < a->selected; i++)
        seen[a->order[i]]++;
    for (i = 0; i < UT_PLAN_MAX; i++)
        EXPECT_EQ_MSG(seen[i], 1u, "t%lu", (unsigned long)i); /* a permutation */
    ut_plan_free(b);
    b = ut_plan_new(UT_PLAN_MAX);
    b->cfg.seed = 12346;
    ptest__plan_shuffle(b);
    oc = ut_plan_order(b);
    EXPECT_STR_NE(oa, oc); /* another seed, another order */
    free(oa);
    free(ob);
    free(oc);
    ut_plan_free(a);
    ut_plan_free(b);
}

TEST(unit_plan, random_is_splitmix64, MARK(unit))
{
    uint64_t state = 0;
    /* splitmix64's published first outputs from seed 0 */
    EXPECT_EQ(ptest__random(&state), UINT64_C(0xe220a8397b1dcdaf));
    EXPECT_EQ(ptest__random(&state), UINT64_C(0x6e789e6aa1b965f4));
    EXPECT_EQ(ptest__random(&state), UINT64_C(0x06c45d188009454f));
}

/* ------------------------------------------------------------------------
 * --shard=K/N
 * ------------------------------------------------------------------------ */

/* Gives run the durations a --durations-file would (-1: not in it). */
static void ut_shard_weights(struct ptest__run *run, const double *durations)
{
    size_t i;
    run->shard_weights = (double *)ptest__xcalloc(run->reg.count, sizeof(double));
    for (i = 0; i < run->reg.count; i++)
        run->shard_weights[i] = durations[i];
}

/* Runs shard k of n over a fresh run of size cases with the durations
 * given (NULL: none); marks its cases in owner[] with k. */
static void ut_shard(size_t size, const double *durations, int k, int n, int *owner,
                     size_t *count)
{
    struct ptest__run *run = ut_plan_new(size);
    size_t i;
    if (durations)
        ut_shard_weights(run, durations);
    run->cfg.shard_index = k;
    run->cfg.shard_total = n;
    ptest__plan_shard(run);
    for (i = 0; i < run->selected; i++)
        owner[run->order[i]] = owner[run->order[i]] ? -1 : k;
    *count = run->selected;
    ut_plan_free(run);
}

TEST(unit_plan, shards_are_disjoint_and_complete, MARK(unit))
{
    static const double durations[UT_PLAN_MAX] = {5, 0.1, 0.2, -1, 3, 3, 0.5, 0.5,
                                                  2, -1, 0.01, 1};
    int pass, n, k;
    for (pass = 0; pass < 2; pass++)
        for (n = 1; n <= 7; n++) {
            int owner[UT_PLAN_MAX];
            size_t i, total = 0, count;
            memset(owner, 0, sizeof owner);
            for (k = 1; k <= n; k++) {
                ut_shard(UT_PLAN_MAX, pass ? durations : NULL, k, n, owner, &count);
                total += count;
            }
            EXPECT_EQ_MSG(total, UT_PLAN_MAX, "%d shards", n);
            for (i = 0; i < UT_PLAN_MAX; i++)
                EXPECT_GT_MSG(owner[i], 0, "t%lu in %d shards, %s durations",
                              (unsigned long)i, n, pass ? "with" : "without");
        }
}

TEST(unit_plan, shards_by_count, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(7);
    char *order;
    run->cfg.shard_index = 2;
    run->cfg.shard_total = 3;
    ptest__plan_shard(run);
    order = ut_plan_order(run);
    EXPECT_STR_EQ(order, "t1 t4"); /* round robin in definition order */
    EXPECT_STR_EQ(run->notes.data, "shard 2/3: 2 of 7 tests (balanced by count)\n");
    free(order);
    ut_plan_free(run);
}

TEST(unit_plan, shards_by_duration, MARK(unit))
{
    /* one long test and six short: the long one gets a shard of its own */
    static const double durations[7] = {1, 1, 1, 6, 1, 1, 1};
    int owner[7];
    size_t count;
    memset(owner, 0, sizeof owner);
    ut_shard(7, durations, 1, 2, owner, &count);
    EXPECT_EQ(count, 1u);
    EXPECT_EQ(owner[3], 1);
    ut_shard(7, durations, 2, 2, owner, &count);
    EXPECT_EQ(count, 6u);
}

TEST(unit_plan, shards_ignore_the_order_they_are_given, MARK(unit))
{
    static const double durations[UT_PLAN_MAX] = {5, 0.1, 0.2, -1, 3, 3, 0.5, 0.5,
                                                  2, -1, 0.01, 1};
    struct ptest__run *a = ut_plan_new(UT_PLAN_MAX), *b = ut_plan_new(UT_PLAN_MAX);
    unsigned char in_a[UT_PLAN_MAX], in_b[UT_PLAN_MAX];
    size_t i;
    ut_shard_weights(a, durations);
    ut_shard_weights(b, durations);
    b->cfg.seed = 99;
    ptest__plan_shuffle(b); /* another machine, another order */
    a->cfg.shard_index = b->cfg.shard_index = 2;
    a->cfg.shard_total = b->cfg.shard_total = 3;
    ptest__plan_shard(a);
    ptest__plan_shard(b);
    memset(in_a, 0, sizeof in_a);
    memset(in_b, 0, sizeof in_b);
    for (i = 0; i < a->selected; i++)
        in_a[a->order[i]] = 1;
    for (i = 0; i < b->selected; i++)
        in_b[b->order[i]] = 1;
    EXPECT_EQ(memcmp(in_a, in_b, sizeof in_a), 0);
    ut_plan_free(a);
    ut_plan_free(b);
}

/* The cache's durations (run->cache.history) order a run but never move a test
 * from one shard to another: only a --durations-file does. */
TEST(unit_plan, shards_ignore_the_cache, MARK(unit))
{
    static const double durations[7] = {1, 1, 1, 6, 1, 1, 1};
    struct ptest__run *cold = ut_plan_new(7), *warm = ut_plan_new(7);
    char *a, *b;
    size_t i;
    for (i = 0; i < 7; i++)
        warm->cache.history[i].duration = durations[i];
    ptest__plan_longest_first(warm); /* as the plan does: t3 first */
    cold->cfg.shard_index = warm->cfg.shard_index = 1;
    cold->cfg.shard_total = warm->cfg.shard_total = 2;
    ptest__plan_shard(cold);
    ptest__plan_shard(warm);
    a = ut_plan_order(cold);
    b = ut_plan_order(warm);
    EXPECT_STR_EQ(a, "t0 t2 t4 t6");
    EXPECT_STR_EQ(b, "t0 t2 t4 t6");
    EXPECT_STR_EQ(warm->notes.data, "shard 1/2: 4 of 7 tests (balanced by count)\n");
    free(a);
    free(b);
    ut_plan_free(cold);
    ut_plan_free(warm);
}

/* Tests the durations file does not know weigh the mean of those it does. */
TEST(unit_plan, shards_weigh_unknown_tests_as_the_mean, MARK(unit))
{
    static const double durations[4] = {4, -1, -1, 0};
    int owner[4];
    size_t count;
    memset(owner, 0, sizeof owner);
    /* t0 (4) alone in one shard; t1, t2 (2 each, the mean) and t3 in the other */
    ut_shard(4, durations, 1, 2, owner, &count);
    EXPECT_EQ(count, 1u);
    EXPECT_EQ(owner[0], 1);
    ut_shard(4, durations, 2, 2, owner, &count);
    EXPECT_EQ(count, 3u);
}

/* --shard=hash:K/N: disjoint, complete, and a test's shard depends on its
 * id alone: the same in a run of 12 tests as in a run of its first 6. */
TEST(unit_plan, hash_shards_depend_on_the_id_alone, MARK(unit))
{
    int n, k;
    for (n = 1; n <= 5; n++) {
        int owner[UT_PLAN_MAX], fewer[UT_PLAN_MAX];
        size_t i, total = 0;
        memset(owner, 0, sizeof owner);
        memset(fewer, 0, sizeof fewer);
        for (k = 1; k <= n; k++) {
            struct ptest__run *all = ut_plan_new(UT_PLAN_MAX), *some = ut_plan_new(6);
            all->cfg.shard_hash = some->cfg.shard_hash = 1;
            all->cfg.shard_index = some->cfg.shard_index = k;
            all->cfg.shard_total = some->cfg.shard_total = n;
            ptest__plan_shard(all);
            ptest__plan_shard(some);
            for (i = 0; i < all->selected; i++)
                owner[all->order[i]] = owner[all->order[i]] ? -1 : k;
            for (i = 0; i < some->selected; i++)
                fewer[some->order[i]] = k;
            total += all->selected;
            ut_plan_free(all);
            ut_plan_free(some);
        }
        EXPECT_EQ_MSG(total, UT_PLAN_MAX, "%d shards", n);
        for (i = 0; i < UT_PLAN_MAX; i++)
            EXPECT_GT_MSG(owner[i], 0, "t%lu, %d shards", (unsigned long)i, n);
        for (i = 0; i < 6; i++)
            EXPECT_EQ_MSG(fewer[i], owner[i], "t%lu, %d shards", (unsigned long)i, n);
    }
}

TEST(unit_plan, hash_is_fnv1a_then_mixed, MARK(unit))
{
    /* pinned (computed apart, in Python): a change would move tests between
     * shards on every machine at once */
    EXPECT_EQ(ptest__id_hash(""), 0xf52a15e9a9b5e89bULL);
    EXPECT_EQ(ptest__id_hash("shard.t00"), 0x704cb8e5bbaafb44ULL);
    EXPECT_EQ(ptest__id_hash("math.adds"), 0xa99abd2004613477ULL);
}

TEST(unit_plan, more_shards_than_tests, MARK(unit))
{
    int owner[2];
    size_t count;
    memset(owner, 0, sizeof owner);
    ut_shard(2, NULL, 3, 4, owner, &count);
    EXPECT_EQ(count, 0u); /* an empty shard */
}

struct ut_shard_case {
    const char *text;
    int rc, index, total;
};

static const struct ut_shard_case ut_shard_cases[] = {
    {"1/1", 0, 1, 1},
    {"1/2", 0, 1, 2},
    {"2/2", 0, 2, 2},
    {"7/10", 0, 7, 10},
    {"1000000/1000000", 0, 1000000, 1000000},
    {"0/2", -1, 0, 0},
    {"3/2", -1, 0, 0},
    {"1/0", -1, 0, 0},
    {"-1/2", -1, 0, 0},
    {"1/-2", -1, 0, 0},
    {"/2", -1, 0, 0},
    {"1/", -1, 0, 0},
    {"1", -1, 0, 0},
    {"", -1, 0, 0},
    {"1/2/3", -1, 0, 0},
    {" 1/2", -1, 0, 0},
    {"1 /2", -1, 0, 0},
    {"a/b", -1, 0, 0},
    {"1/1000001", -1, 0, 0},
    {"hash:1/2", -1, 0, 0}, /* the flag takes "hash:" off first */
    {"123456789012345678901234567890123/2", -1, 0, 0},
};

TEST_P(unit_plan, parse_shard, struct ut_shard_case, ut_shard_cases, MARK(unit))
{
    int index = -9, total = -9;
    EXPECT_EQ_MSG(ptest__parse_shard(PARAM->text, &index, &total), PARAM->rc, "'%s'",
                  PARAM->text);
    if (PARAM->rc == 0) {
        EXPECT_EQ(index, PARAM->index);
        EXPECT_EQ(total, PARAM->total);
    } else {
        EXPECT_EQ(index, -9); /* untouched */
    }
}

/* ------------------------------------------------------------------------
 * --count and --reruns
 * ------------------------------------------------------------------------ */

TEST(unit_plan, count_repeats_each_test, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(3);
    size_t i;
    run->order[0] = 2; /* the selection t2 t0 */
    run->order[1] = 0;
    run->selected = 2;
    run->cache.history[2].duration = 4;
    run->cfg.count = 3;
    ptest__plan_count(run);
    ASSERT_EQ(run->selected, 6u);
    EXPECT_EQ(run->reg.count, 9u);
    for (i = 0; i < 6; i++) {
        const struct ptest__case *c = &run->reg.cases[run->order[i]];
        char want[32];
        snprintf(want, sizeof want, "plan.t%d#%d", i < 3 ? 2 : 0, (int)(i % 3) + 1);
        EXPECT_STR_EQ(c->id, want);
        EXPECT_STR_EQ(c->key, i < 3 ? "plan.t2" : "plan.t0"); /* the cache's name */
        EXPECT_EQ(c->repeat, (int)(i % 3) + 1);
        EXPECT_EQ(run->cache.history[run->order[i]].duration, i < 3 ? 4.0 : -1.0);
    }
    ut_plan_free(run);
}

TEST(unit_plan, reruns_make_flaky, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(2);
    struct ptest__result r;
    run->cfg.reruns = 2;
    run->attempts = (unsigned char *)ptest__xcalloc(2, 1);
    run->first_failure = (char **)ptest__xcalloc(2, sizeof(char *));
    memset(&r, 0, sizeof r);
    r.outcome = PTEST__FAIL;
    r.report = ptest__xstrdup("p.c:3: EXPECT_EQ(1, 2) failed\n    left:  1\n");
    r.failure_at = 0;
    EXPECT_EQ(ptest__retry(run, 0, &r), 1); /* try 2 */
    EXPECT_NULL(r.report);
    EXPECT_STR_EQ(run->first_failure[0], "p.c:3: EXPECT_EQ(1, 2) failed (failed)");
    r.outcome = PTEST__CRASH;
    EXPECT_EQ(ptest__retry(run, 0, &r), 1); /* try 3 */
    r.outcome = PTEST__PASS;
    EXPECT_EQ(ptest__retry(run, 0, &r), 0); /* final */
    EXPECT_EQ(r.outcome, PTEST__FLAKY);
    EXPECT_STR_EQ(r.reason, "passed on try 3 of 3; try 1 p.c:3: EXPECT_EQ(1, 2) failed "
                            "(failed)");
    free(r.reason);
    /* out of tries: the failure is final */
    memset(&r, 0, sizeof r);
    r.outcome = PTEST__TIMEOUT;
    EXPECT_EQ(ptest__retry(run, 1, &r), 1);
    EXPECT_EQ(ptest__retry(run, 1, &r), 1);
    r.outcome = PTEST__TIMEOUT;
    EXPECT_EQ(ptest__retry(run, 1, &r), 0);
    EXPECT_EQ(r.outcome, PTEST__TIMEOUT);
    ut_plan_free(run);
}

TEST(unit_plan, reruns_spare_passes_skips_xfails, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(2);
    struct ptest__result r;
    run->cfg.reruns = 3;
    run->attempts = (unsigned char *)ptest__xcalloc(2, 1);
    run->first_failure = (char **)ptest__xcalloc(2, sizeof(char *));
    memset(&r, 0, sizeof r);
    r.outcome = PTEST__PASS;
    EXPECT_EQ(ptest__retry(run, 0, &r), 0);
    EXPECT_EQ(r.outcome, PTEST__PASS); /* first try: plainly passed */
    r.outcome = PTEST__SKIP;
    EXPECT_EQ(ptest__retry(run, 0, &r), 0);
    run->reg.cases[1].test = &ut_plan_xfail_test;
    r.outcome = PTEST__FAIL; /* an expected failure is not retried */
    EXPECT_EQ(ptest__retry(run, 1, &r), 0);
    run->stopping = 1; /* nor anything once the run is stopping */
    EXPECT_EQ(ptest__retry(run, 0, &r), 0);
    ut_plan_free(run);
    /* without --reruns nothing is retried */
    run = ut_plan_new(1);
    r.outcome = PTEST__FAIL;
    EXPECT_EQ(ptest__retry(run, 0, &r), 0);
    ut_plan_free(run);
}

/* ------------------------------------------------------------------------
 * The flags and the environment
 * ------------------------------------------------------------------------ */

#define UT_PLAN_CLI SETUP(ut_env_save), TEARDOWN(ut_env_restore), MARK(unit)

TEST(unit_plan, flag_defaults, UT_PLAN_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ASSERT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_STR_EQ(cfg.cache_dir, ".ptest_cache");
    EXPECT_EQ(cfg.no_cache, 0);
    EXPECT_EQ(cfg.durations, -1);
    EXPECT_EQ(cfg.count, 1);
    EXPECT_EQ(cfg.reruns, 0);
    EXPECT_EQ(cfg.shard_total, 0);
    EXPECT_EQ(cfg.shard_index, 0);
    EXPECT_EQ(cfg.seed_set, 0);
    EXPECT_NULL(cfg.junitxml);
    EXPECT_NULL(cfg.basetemp);
    EXPECT_EQ(cfg.slow, 60.0);
    EXPECT_EQ(cfg.shard_hash, 0);
    ut_args_free(&cfg);
}

TEST(unit_plan, slow_flag, UT_PLAN_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "--slow=0.25", NULL), 0);
    EXPECT_EQ(cfg.slow, 0.25);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--slow", "0", NULL), 0);
    EXPECT_EQ(cfg.slow, 0.0);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--slow=soon", NULL), -1);
    EXPECT_STR_EQ(err.data, "--slow: expected a number of seconds >= 0 (0: no notices); "
                            "got 'soon'");
    ptest__buf_free(&err);
    ut_args_free(&cfg);
}

TEST(unit_plan, shard_hash_flag, UT_PLAN_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "--shard=hash:3/4", NULL), 0);
    EXPECT_NULL(err.data);
    EXPECT_EQ(cfg.shard_hash, 1);
    EXPECT_EQ(cfg.shard_index, 3);
    EXPECT_EQ(cfg.shard_total, 4);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--shard=hash:3/4", "--shard=1/2", NULL), 0);
    EXPECT_EQ(cfg.shard_hash, 0); /* the last one wins, whole */
    EXPECT_EQ(cfg.shard_index, 1);
    ut_args_free(&cfg);
}

TEST(unit_plan, flags, UT_PLAN_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "--lf", "--ff", "--durations=5", "--reruns", "2",
                      "--count=3", "--shuffle", "--seed=42", "--shard", "2/3",
                      "--cache-dir=/tmp/c", "--no-cache", "--cache-clear",
                      "--durations-file=d.txt", "--store-durations", NULL), 0);
    EXPECT_NULL(err.data);
    EXPECT_EQ(cfg.last_failed, 1);
    EXPECT_EQ(cfg.failed_first, 1);
    EXPECT_EQ(cfg.durations, 5);
    EXPECT_EQ(cfg.reruns, 2);
    EXPECT_EQ(cfg.count, 3);
    EXPECT_EQ(cfg.shuffle, 1);
    EXPECT_EQ(cfg.seed, 42ul);
    EXPECT_EQ(cfg.seed_set, 1);
    EXPECT_EQ(cfg.shard_index, 2);
    EXPECT_EQ(cfg.shard_total, 3);
    EXPECT_STR_EQ(cfg.cache_dir, "/tmp/c");
    EXPECT_EQ(cfg.no_cache, 1);
    EXPECT_EQ(cfg.cache_clear, 1);
    EXPECT_STR_EQ(cfg.durations_file, "d.txt");
    EXPECT_EQ(cfg.store_durations, 1);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--last-failed", "--failed-first", "--durations",
                      "0", NULL), 0);
    EXPECT_EQ(cfg.last_failed, 1);
    EXPECT_EQ(cfg.failed_first, 1);
    EXPECT_EQ(cfg.durations, 0);
    ut_args_free(&cfg);
}

static const struct ut_cli_error ut_plan_errors[] = {
    {{"--durations=-1", NULL}, "--durations",
     "--durations: expected a number of tests >= 0 (0: all); got '-1'"},
    {{"--reruns=101", NULL}, "--reruns",
     "--reruns: expected a number of retries from 0 to 100; got '101'"},
    {{"--reruns", "x", NULL}, "--reruns",
     "--reruns: expected a number of retries from 0 to 100; got 'x'"},
    {{"--count=0", NULL}, "--count",
     "--count: expected a number of repetitions from 1 to 100000; got '0'"},
    {{"--count=100001", NULL}, "--count",
     "--count: expected a number of repetitions from 1 to 100000; got '100001'"},
    {{"--seed=-1", NULL}, "--seed", "--seed: expected a whole number >= 0; got '-1'"},
    {{"--seed=0x10", NULL}, "--seed", "--seed: expected a whole number >= 0; got '0x10'"},
    {{"--shard=3/2", NULL}, "--shard",
     "--shard: expected K/N, the K-th of N shards, with 1 <= K <= N; got '3/2'"},
    {{"--shard", "0/4", NULL}, "--shard",
     "--shard: expected K/N, the K-th of N shards, with 1 <= K <= N; got '0/4'"},
    {{"--shard=1", NULL}, "--shard",
     "--shard: expected K/N, the K-th of N shards, with 1 <= K <= N; got '1'"},
    {{"--shard=hash:4/3", NULL}, "--shard",
     "--shard: expected hash:K/N, the K-th of N shards by a hash of each id, "
     "with 1 <= K <= N; got 'hash:4/3'"},
    {{"--shard=hash:", NULL}, "--shard",
     "--shard: expected hash:K/N, the K-th of N shards by a hash of each id, "
     "with 1 <= K <= N; got 'hash:'"},
    {{"--shard=HASH:1/2", NULL}, "--shard",
     "--shard: expected K/N, the K-th of N shards, with 1 <= K <= N; got 'HASH:1/2'"},
    {{"--cache-dir=", NULL}, "--cache-dir", "--cache-dir: expected a directory; got ''"},
    {{"--durations-file=", NULL}, "--durations-file",
     "--durations-file: expected a file name; got ''"},
    {{"--store-durations", NULL}, "--store-durations",
     "--store-durations: needs --durations-file=PATH to write"},
    {{"--lf=1", NULL}, "--lf", "--lf: takes no value; got '1'"},
    {{"--shuffle=yes", NULL}, "--shuffle", "--shuffle: takes no value; got 'yes'"},
    {{"--no-cache=1", NULL}, "--no-cache", "--no-cache: takes no value; got '1'"},
    {{"--seed", NULL}, "--seed", "--seed: expected a value after it"},
    {{"--shard", NULL}, "--shard", "--shard: expected a value after it"},
    {{"--shrad=1/2", NULL}, "--shrad", "unknown flag '--shrad' (did you mean --shard?)"},
    {{"--reruns-delay=1", NULL}, "--reruns-delay",
     "unknown flag '--reruns-delay' (--help lists the flags)"},
};

TEST_P(unit_plan, malformed, struct ut_cli_error, ut_plan_errors, UT_PLAN_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_argv(&cfg, &err, PARAM->argv), -1);
    ASSERT_NOT_NULL(err.data);
    EXPECT_STR_EQ(err.data, PARAM->message);
    UT_EXPECT_CONTAINS(err.data, PARAM->flag);
    EXPECT_NULL(strchr(err.data, '\n'));
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

TEST(unit_plan, seed_without_flag_is_chosen, UT_PLAN_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    uint64_t before = (uint64_t)time(NULL), clock_part;
    EXPECT_EQ(ut_args(&cfg, &err, "--shuffle", NULL), 0);
    EXPECT_EQ(cfg.seed_set, 0);
    /* from the clock and the pid */
    clock_part = cfg.seed ^ ((uint64_t)getpid() << 16);
    EXPECT_GE(clock_part, before);
    EXPECT_LE(clock_part - before, (uint64_t)1);
    ut_args_free(&cfg);
}

/* A seed is 64 bits on every machine (long is 32 on i386, armhf and
 * Windows): one printed on any of them replays the same order on any. */
TEST(unit_plan, seed_is_64_bits_everywhere, UT_PLAN_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    EXPECT_EQ(ut_args(&cfg, &err, "--seed=4294967296", NULL), 0);
    EXPECT_EQ(cfg.seed, (uint64_t)1 << 32);
    ut_args_free(&cfg);
    EXPECT_EQ(ut_args(&cfg, &err, "--seed=9223372036854775807", NULL), 0);
    EXPECT_EQ(cfg.seed, ((uint64_t)1 << 63) - 1);
    ut_args_free(&cfg);
}

TEST(unit_plan, shuffle_names_a_64_bit_seed_whole, MARK(unit))
{
    struct ptest__run *run = ut_plan_new(UT_PLAN_MAX);
    run->cfg.seed = ((uint64_t)1 << 40) + 7;
    ptest__plan_shuffle(run);
    EXPECT_STR_EQ(run->notes.data, "shuffled with --seed=1099511627783\n");
    ut_plan_free(run);
}

TEST(unit_plan, bazel_and_gtest_environment, UT_PLAN_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_setenv("TEST_TOTAL_SHARDS", "4");
    ut_setenv("TEST_SHARD_INDEX", "0");
    ut_setenv("XML_OUTPUT_FILE", "/out/test.xml");
    ut_setenv("TEST_TMPDIR", "/out/tmp");
    ut_setenv("PTEST_CACHE_DIR", "/out/cache");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_EQ(cfg.shard_index, 1); /* 0-based in the environment */
    EXPECT_EQ(cfg.shard_total, 4);
    EXPECT_STR_EQ(cfg.junitxml, "/out/test.xml");
    EXPECT_STR_EQ(cfg.basetemp, "/out/tmp");
    EXPECT_STR_EQ(cfg.cache_dir, "/out/cache");
    ut_args_free(&cfg);
    /* flags win */
    EXPECT_EQ(ut_args(&cfg, &err, "--shard=2/2", "--junitxml=mine.xml", "--basetemp=b",
                      "--cache-dir=c", NULL), 0);
    EXPECT_EQ(cfg.shard_index, 2);
    EXPECT_EQ(cfg.shard_total, 2);
    EXPECT_EQ(cfg.shard_hash, 0);
    EXPECT_STR_EQ(cfg.junitxml, "mine.xml");
    EXPECT_STR_EQ(cfg.basetemp, "b");
    EXPECT_STR_EQ(cfg.cache_dir, "c");
    ut_args_free(&cfg);
    /* GoogleTest's, when Bazel's are not there */
    ut_unsetenv("TEST_TOTAL_SHARDS");
    ut_unsetenv("TEST_SHARD_INDEX");
    ut_setenv("GTEST_TOTAL_SHARDS", "3");
    ut_setenv("GTEST_SHARD_INDEX", "2");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_EQ(cfg.shard_index, 3);
    EXPECT_EQ(cfg.shard_total, 3);
    ut_args_free(&cfg);
    /* Bazel's win over GoogleTest's */
    ut_setenv("TEST_TOTAL_SHARDS", "5");
    ut_setenv("TEST_SHARD_INDEX", "4");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_EQ(cfg.shard_index, 5);
    EXPECT_EQ(cfg.shard_total, 5);
    ut_args_free(&cfg);
    EXPECT_NULL(err.data);
}

TEST(unit_plan, malformed_shard_environment, UT_PLAN_CLI)
{
    struct ptest__config cfg;
    struct ptest__buf err = {NULL, 0, 0};
    ut_setenv("TEST_TOTAL_SHARDS", "3");
    ut_setenv("TEST_SHARD_INDEX", "3");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    EXPECT_STR_EQ(err.data, "TEST_SHARD_INDEX=3, TEST_TOTAL_SHARDS=3: expected a "
                            "shard index from 0 to the total - 1");
    ut_args_free(&cfg);
    ut_unsetenv("TEST_SHARD_INDEX");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    EXPECT_STR_EQ(err.data, "TEST_SHARD_INDEX=(unset), TEST_TOTAL_SHARDS=3: expected a "
                            "shard index from 0 to the total - 1");
    ut_args_free(&cfg);
    ut_setenv("TEST_TOTAL_SHARDS", "0");
    ut_setenv("TEST_SHARD_INDEX", "0");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    ut_args_free(&cfg);
    ut_unsetenv("TEST_TOTAL_SHARDS");
    ut_unsetenv("TEST_SHARD_INDEX");
    ut_setenv("GTEST_TOTAL_SHARDS", "two");
    ut_setenv("GTEST_SHARD_INDEX", "0");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), -1);
    UT_EXPECT_CONTAINS(err.data, "GTEST_SHARD_INDEX=0, GTEST_TOTAL_SHARDS=two");
    ut_args_free(&cfg);
    /* a --shard flag makes the variables irrelevant */
    EXPECT_EQ(ut_args(&cfg, &err, "--shard=1/2", NULL), 0);
    EXPECT_EQ(cfg.shard_total, 2);
    ut_args_free(&cfg);
    /* an empty total means no sharding */
    ut_unsetenv("GTEST_TOTAL_SHARDS");
    ut_setenv("TEST_TOTAL_SHARDS", "");
    EXPECT_EQ(ut_args(&cfg, &err, NULL), 0);
    EXPECT_EQ(cfg.shard_total, 0);
    ut_args_free(&cfg);
    ptest__buf_free(&err);
}

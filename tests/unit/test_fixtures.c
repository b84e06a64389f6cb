/* Unit tests of typed per-test fixtures (FIXTURE, FIXTURE_SETUP,
 * FIXTURE_TEARDOWN, TEST_F, TEST_F_P): the order of set-up, body and
 * teardown, what each phase's failure or skip does to the others, a fresh
 * zeroed instance per run, death tests, and the definition error for a
 * fixture hook defined twice.
 *
 * The TEST_F tests below are real: the runner runs them (and they pass),
 * and the unit tests run them again through ptest__run_case, with
 * ut_fx_mode telling the fixture and body to fail or skip somewhere.
 * Included after test_context.c, whose ut_trace and ut_runner they
 * share. */

enum {
    UT_FX_BEHAVE,           /* as run by the runner: everything passes */
    UT_FX_SETUP_FAILS,
    UT_FX_SETUP_SKIPS,
    UT_FX_BODY_FAILS,
    UT_FX_BODY_SKIPS,
    UT_FX_TEARDOWN_FAILS
};
/* Set by ut_fx_run on its own thread only: the runner may run the real
 * tests on other threads (--pool=thread) meanwhile. */
static PTEST__THREAD_LOCAL int ut_fx_mode;
static PTEST__THREAD_LOCAL int ut_fx_tracing;

static void ut_fx_trace(const char *what)
{
    if (ut_fx_tracing)
        ut_trace_add(what);
}

static void ut_fx_setup_fn(void) { ut_fx_trace("setup"); }
static void ut_fx_teardown_fn(void) { ut_fx_trace("teardown"); }

FIXTURE(ut_fx)
{
    int value;
    int was_zero;           /* the instance was all zero when set-up began */
    char bytes[100];
};

FIXTURE_SETUP(ut_fx)
{
    static const char zero[100];
    self->was_zero = self->value == 0 && memcmp(self->bytes, zero, sizeof zero) == 0;
    ut_fx_trace("fsetup");
    if (ut_fx_mode == UT_FX_SETUP_FAILS)
        ASSERT_TRUE_MSG(0, "fixture setup failed");
    if (ut_fx_mode == UT_FX_SETUP_SKIPS)
        SKIP_TEST("no database here");
    self->value = 7;
    memset(self->bytes, 'x', sizeof self->bytes);
}

FIXTURE_TEARDOWN(ut_fx)
{
    char word[32];
    snprintf(word, sizeof word, "fteardown=%d", self->value);
    ut_fx_trace(word);
    if (ut_fx_mode == UT_FX_TEARDOWN_FAILS)
        ASSERT_EQ_MSG(self->value, 0, "fixture teardown failed");
}

TEST_F(ut_fx, body, MARK(unit), SETUP(ut_fx_setup_fn), TEARDOWN(ut_fx_teardown_fn))
{
    ut_fx_trace("body");
    ASSERT_TRUE(self->was_zero);
    ASSERT_EQ(self->value, 7);
    self->value = 8; /* the teardown sees what the body left */
    if (ut_fx_mode == UT_FX_BODY_FAILS)
        ASSERT_EQ_MSG(1, 2, "body failed");
    if (ut_fx_mode == UT_FX_BODY_SKIPS)
        SKIP_TEST("not today");
}

static const int ut_fx_params[3] = {10, 20, 30};

TEST_F_P(ut_fx, param, int, ut_fx_params, MARK(unit))
{
    char word[16];
    snprintf(word, sizeof word, "p%d", *PARAM);
    ut_fx_trace(word);
    ASSERT_EQ(self->value, 7);
    ASSERT_TRUE(PARAM >= ut_fx_params && PARAM < ut_fx_params + 3);
}

#if !defined(_WIN32)
/* A death test: set up here, the body in a child with a copy of self. */
TEST_F(ut_fx, dies, MARK(unit), EXPECT_EXIT(3))
{
    self->value = 9; /* the child's copy: the teardown here sees 7 */
    if (self->was_zero)
        exit(3);
}
#endif

/* A fixture without FIXTURE_SETUP or FIXTURE_TEARDOWN: a zeroed struct. */
FIXTURE(ut_bare)
{
    long numbers[4];
};

TEST_F(ut_bare, is_zeroed, MARK(unit))
{
    int i;
    for (i = 0; i < 4; i++)
        ASSERT_EQ(self->numbers[i], 0);
    self->numbers[0] = 1; /* the next run must not see it */
}

/* Runs test t (element param) through ptest__run_case as a worker would,
 * with ut_fx's hooks in the registry; fills r and ut_trace. */
static void ut_fx_run(struct ut_runner *r, const struct ptest__test *t, size_t param,
                      int mode)
{
    static const struct ptest__hook *hooks[2] = {&ptest__fixture_setup_ut_fx_hook,
                                                 &ptest__fixture_teardown_ut_fx_hook};
    struct ptest__ctx *saved = ptest__ctx_now;
    struct ptest__registry reg;
    struct ptest__fixtures fx;
    memset(&reg, 0, sizeof reg);
    reg.hooks = hooks;
    reg.hook_count = 2;
    memset(&r->c, 0, sizeof r->c);
    r->c.test = t;
    r->c.param = (uint32_t)param;
    r->c.id = (char *)t->name;
    r->c.key = r->c.id;
    ut_trace[0] = '\0';
    ut_fx_mode = mode;
    ut_fx_tracing = 1;
    ptest__fixtures_start(&fx, &r->ctx, &reg);
    r->outcome = ptest__run_case(&r->ctx, &fx, &r->c, 3);
    free(r->report);
    r->report = ptest__xstrndup(r->ctx.shared->report, r->ctx.shared->report_len);
    ptest__fixtures_stop(&fx, &r->ctx, -1);
    ut_fx_mode = UT_FX_BEHAVE;
    ut_fx_tracing = 0;
    ptest__ctx_now = saved;
}

TEST(unit_fixtures, setup_body_teardown_in_order, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_fx_run(r, &ptest__test_ut_fx_body, 0, UT_FX_BEHAVE);
    EXPECT_EQ(r->outcome, PTEST__PASS);
    EXPECT_STR_EQ(r->report, "");
    /* SETUP()s, then the fixture; its teardown first, then TEARDOWN()s */
    EXPECT_STR_EQ(ut_trace, "setup fsetup body fteardown=8 teardown");
    EXPECT_NULL(r->ctx.self); /* freed */
    ut_runner_free(r);
}

TEST(unit_fixtures, each_run_gets_a_fresh_zeroed_instance, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    int i;
    for (i = 0; i < 3; i++) { /* the body asserts was_zero */
        ut_fx_run(r, &ptest__test_ut_fx_body, 0, UT_FX_BEHAVE);
        EXPECT_EQ(r->outcome, PTEST__PASS);
        ut_fx_run(r, &ptest__test_ut_bare_is_zeroed, 0, UT_FX_BEHAVE);
        EXPECT_EQ(r->outcome, PTEST__PASS);
        EXPECT_STR_EQ(r->report, "");
    }
    ut_runner_free(r);
}

TEST(unit_fixtures, fatal_failure_in_body_still_tears_down, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_fx_run(r, &ptest__test_ut_fx_body, 0, UT_FX_BODY_FAILS);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    UT_EXPECT_CONTAINS(r->report, "body failed");
    EXPECT_STR_EQ(ut_trace, "setup fsetup body fteardown=8 teardown");
    ut_runner_free(r);
}

TEST(unit_fixtures, skip_in_body_still_tears_down, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_fx_run(r, &ptest__test_ut_fx_body, 0, UT_FX_BODY_SKIPS);
    EXPECT_EQ(r->outcome, PTEST__SKIP);
    UT_EXPECT_CONTAINS(r->report, "skipped: not today");
    EXPECT_STR_EQ(ut_trace, "setup fsetup body fteardown=8 teardown");
    ut_runner_free(r);
}

TEST(unit_fixtures, failing_setup_fails_the_test_skips_the_body_tears_down, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_fx_run(r, &ptest__test_ut_fx_body, 0, UT_FX_SETUP_FAILS);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    UT_EXPECT_CONTAINS(r->report, "fixture setup failed");
    /* no body; the teardowns see what the set-up got done (nothing) */
    EXPECT_STR_EQ(ut_trace, "setup fsetup fteardown=0 teardown");
    ut_runner_free(r);
}

TEST(unit_fixtures, skip_in_setup_skips_the_body_tears_down, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_fx_run(r, &ptest__test_ut_fx_body, 0, UT_FX_SETUP_SKIPS);
    EXPECT_EQ(r->outcome, PTEST__SKIP);
    UT_EXPECT_CONTAINS(r->report, "skipped: no database here");
    EXPECT_STR_EQ(ut_trace, "setup fsetup fteardown=0 teardown");
    ut_runner_free(r);
}

TEST(unit_fixtures, failing_fixture_teardown_fails_and_teardown_still_runs, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_fx_run(r, &ptest__test_ut_fx_body, 0, UT_FX_TEARDOWN_FAILS);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    UT_EXPECT_CONTAINS(r->report, "fixture teardown failed");
    /* its ASSERT ends it, not the TEARDOWN() after it */
    EXPECT_STR_EQ(ut_trace, "setup fsetup body fteardown=8 teardown");
    ut_runner_free(r);
}

TEST(unit_fixtures, skip_option_runs_no_fixture, MARK(unit))
{
    /* ut_fx.body with SKIP() added (a real skipped test would show as a
     * skip in every run of the self-tests) */
    static const struct ptest__option skip = PTEST__OPTIONS(PTEST_SKIP("fixture tests skip as others do"));
    struct ptest__option opts[3];
    struct ptest__test t = ptest__test_ut_fx_body;
    struct ut_runner *r = ut_runner_new();
    opts[0] = t.options[0]; /* TEST_F's fixture option comes first */
    opts[1] = skip;
    opts[2] = t.options[t.option_count - 1]; /* the END */
    t.options = opts;
    t.option_count = 3;
    ut_fx_run(r, &t, 0, UT_FX_BEHAVE);
    EXPECT_EQ(r->outcome, PTEST__SKIP);
    EXPECT_STR_EQ(r->report, "fixture tests skip as others do");
    EXPECT_STR_EQ(ut_trace, "");
    ut_runner_free(r);
}

TEST(unit_fixtures, param_has_both_self_and_param, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_fx_run(r, &ptest__test_ut_fx_param, 0, UT_FX_BEHAVE);
    EXPECT_EQ(r->outcome, PTEST__PASS);
    EXPECT_STR_EQ(ut_trace, "fsetup p10 fteardown=7");
    ut_fx_run(r, &ptest__test_ut_fx_param, 2, UT_FX_BEHAVE);
    EXPECT_EQ(r->outcome, PTEST__PASS);
    EXPECT_STR_EQ(ut_trace, "fsetup p30 fteardown=7");
    ut_fx_run(r, &ptest__test_ut_fx_param, 1, UT_FX_SETUP_FAILS);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    EXPECT_STR_EQ(ut_trace, "fsetup fteardown=0");
    ut_runner_free(r);
}

TEST(unit_fixtures, ids_and_suite_are_the_fixture_name, MARK(unit))
{
    struct ptest__registry reg;
    size_t i, found = 0;
    memset(&reg, 0, sizeof reg);
    ptest__registry_collect(&reg);
    for (i = 0; i < reg.count; i++) {
        const char *id = reg.cases[i].id;
        if (strcmp(id, "ut_fx.body") == 0 || strcmp(id, "ut_fx.param[0]") == 0 ||
            strcmp(id, "ut_fx.param[2]") == 0 || strcmp(id, "ut_bare.is_zeroed") == 0) {
            EXPECT_STR_EQ(reg.cases[i].test->suite, strcmp(id, "ut_bare.is_zeroed") == 0
                                                        ? "ut_bare" : "ut_fx");
            EXPECT_NOT_NULL(ptest__case_fixture(&reg.cases[i]));
            found++;
        }
        if (strncmp(id, "unit_fixtures.", 14) == 0)
            EXPECT_NULL(ptest__case_fixture(&reg.cases[i]));
    }
    EXPECT_EQ(found, 4);
    ptest__registry_free(&reg);
}

TEST(unit_fixtures, death_test_sets_up_and_tears_down_here, MARK(unit))
{
    UT_POSIX_ONLY("synthetic death tests (Windows starts the program again, which lacks them)");
#if !defined(_WIN32)
    struct ut_runner *r = ut_runner_new();
    ut_fx_run(r, &ptest__test_ut_fx_dies, 0, UT_FX_BEHAVE);
    EXPECT_EQ(r->outcome, PTEST__PASS);
    /* the child's trace and its write to self stay in the child */
    EXPECT_STR_EQ(ut_trace, "fsetup fteardown=7");
    ut_fx_run(r, &ptest__test_ut_fx_dies, 0, UT_FX_SETUP_FAILS);
    EXPECT_EQ(r->outcome, PTEST__FAIL); /* no child at all */
    UT_EXPECT_NOT_CONTAINS(r->report, "expected the test to");
    EXPECT_STR_EQ(ut_trace, "fsetup fteardown=0");
    ut_runner_free(r);
#endif
}

TEST(unit_fixtures, a_fixture_hook_defined_twice_is_a_definition_error, MARK(unit))
{
    static const struct ptest__hook other = {PTEST__HOOK_FIXTURE_SETUP, "ut_fx", NULL,
                                             "other.c", 12, 0};
    const struct ptest__hook *hooks[3] = {&ptest__fixture_setup_ut_fx_hook,
                                          &ptest__fixture_teardown_ut_fx_hook, &other};
    struct ptest__registry reg;
    struct ptest__buf err = {NULL, 0, 0};
    memset(&reg, 0, sizeof reg);
    reg.hooks = hooks;
    reg.hook_count = 2; /* a setup and a teardown of one name: fine */
    EXPECT_EQ(ptest__registry_check(&reg, &err, NULL), 0);
    reg.hook_count = 3;
    EXPECT_EQ(ptest__registry_check(&reg, &err, NULL), 1);
    UT_EXPECT_CONTAINS(err.data, "other.c:12: FIXTURE_SETUP(ut_fx) is defined twice "
                                 "(also at ");
    UT_EXPECT_CONTAINS(err.data, "test_fixtures.c:");
    ptest__buf_free(&err);
}

/* ------------------------------------------------------------------------
 * C++ exceptions: what the C++ guard calls in the implementation (which
 * may be C) to report one and to leave the test.
 * ------------------------------------------------------------------------ */

TEST(unit_fixtures, cxx_exception_is_a_failure_naming_type_and_what, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    UT_CAPTURE(cap, ptest__cxx_threw("std::runtime_error", "disk full"));
    EXPECT_EQ(cap->jumped, 0); /* the guard leaves later, out of its handler */
    EXPECT_EQ(cap->ctx.failed, 1);
    EXPECT_STR_EQ(cap->text, "threw std::runtime_error: disk full\n");
    EXPECT_EQ(cap->ctx.shared->failure_at, 0);
    UT_CAPTURE(cap, ptest__cxx_threw("int", NULL));
    EXPECT_STR_EQ(cap->text, "threw int\n");
    UT_CAPTURE(cap, ptest__cxx_threw(NULL, NULL));
    EXPECT_STR_EQ(cap->text, "threw an exception of unknown type\n");
    UT_CAPTURE(cap, ptest__cxx_leave());
    EXPECT_EQ(cap->jumped, PTEST__JUMP_FAIL);
    ut_capture_free(cap);
}

TEST(unit_fixtures, cxx_exception_report_names_the_test_site, MARK(unit))
{
    struct ut_capture *cap = ut_capture_new();
    struct ptest__case c;
    memset(&c, 0, sizeof c);
    c.test = &ptest__test_ut_fx_body;
    c.id = (char *)"ut_fx.body";
    cap->ctx.tcase = &c;
    UT_CAPTURE(cap, ptest__cxx_threw("app::bad_config", "missing key port"));
    UT_EXPECT_CONTAINS(cap->text, "test_fixtures.c:");
    UT_EXPECT_CONTAINS(cap->text, ": threw app::bad_config: missing key port\n");
    ut_capture_free(cap);
}

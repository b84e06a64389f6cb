/* Unit tests of the test context and the scheduler's bookkeeping:
 * ptest__run_case on hand-made test descriptors (SETUP, body, TEARDOWN and
 * what each outcome looks like; SKIP(); death tests judged against
 * EXPECT_SIGNAL / EXPECT_EXIT), and ptest__finish applying XFAIL and
 * --maxfail. */

#include <signal.h>

/* What the synthetic fixtures and bodies did, in order. */
static char ut_trace[256];

static void ut_trace_add(const char *what)
{
    size_t n = strlen(ut_trace);
    snprintf(ut_trace + n, sizeof ut_trace - n, "%s%s", n ? " " : "", what);
}

static void ut_setup_ok(void) { ut_trace_add("setup"); }
static void ut_setup_2(void) { ut_trace_add("setup2"); }
static void ut_teardown_ok(void) { ut_trace_add("teardown"); }
static void ut_teardown_2(void) { ut_trace_add("teardown2"); }
static void ut_setup_fails(void)
{
    ut_trace_add("setup");
    ASSERT_TRUE_MSG(0, "setup failed");
}
static void ut_teardown_skips(void)
{
    ut_trace_add("teardown");
    SKIP_TEST("not now");
}
static void ut_teardown_fails(void)
{
    ut_trace_add("teardown");
    EXPECT_EQ_MSG(1, 2, "teardown failed");
}

static void ut_body_pass(void)
{
    ut_trace_add("body");
    ptest_log("a note");
}

static void ut_body_fail(void)
{
    ut_trace_add("body");
    ASSERT_EQ(1, 2);
    ut_trace_add("unreachable");
}

static void ut_body_skip(void)
{
    ut_trace_add("body");
    SKIP_TEST("not today");
}

static void ut_body_abort(void)
{
    abort();
}

static void ut_body_exit_3(void)
{
    exit(3);
}

static void ut_body_param(const int *param)
{
    char word[16];
    snprintf(word, sizeof word, "p%d", *param);
    ut_trace_add(word);
}

/* ------------------------------------------------------------------------
 * Synthetic tests. Each runs through a copy of the descriptor of one of
 * the two real tests below (so it does not depend on how a descriptor
 * holds its body), with its own name, line and options; while
 * ut_subject is set, those real bodies run it instead of themselves.
 * ------------------------------------------------------------------------ */

static void (*ut_subject)(void);
static void (*ut_subject_p)(const int *);
static const int ut_params[3] = {10, 20, 30};

TEST(unit_context, subject, MARK(unit))
{
    if (ut_subject) {
        ut_subject();
        return;
    }
    /* run by the runner: a check of its own context */
    ASSERT_NOT_NULL(ptest__ctx_now);
    ASSERT_NOT_NULL(ptest__ctx_now->tcase);
    EXPECT_EQ(ptest__ctx_now->tcase->test, &ptest__test_unit_context_subject);
    EXPECT_EQ(strncmp(ptest__ctx_now->tcase->id, "unit_context.subject", 20), 0);
}

TEST_P(unit_context, subject_p, int, ut_params, MARK(unit))
{
    if (ut_subject_p) {
        ut_subject_p(PARAM);
        return;
    }
    ASSERT_NOT_NULL(ptest__ctx_now);
    EXPECT_EQ(PARAM, &ut_params[ptest__ctx_now->tcase->param]);
}

struct ut_synth {
    const char *name;
    int line;
    void (*body)(void);
    void (*body_p)(const int *); /* a TEST_P over ut_params instead */
    const struct ptest__option *opts;
    size_t opt_count;
};

#define UT_SYNTH(var, body, body_p, ...)                                       \
    static const struct ptest__option var##_opts[] = {__VA_ARGS__};           \
    static const struct ut_synth var = {#var, __LINE__, body, body_p,          \
                                        var##_opts,                            \
                                        sizeof var##_opts / sizeof var##_opts[0]}
#define UT_DESC(var, body, ...) UT_SYNTH(var, body, NULL, __VA_ARGS__)

UT_DESC(ut_t_pass, ut_body_pass, PTEST_SETUP(ut_setup_ok), PTEST_TEARDOWN(ut_teardown_ok), PTEST__OPT_END_);
UT_DESC(ut_t_fail, ut_body_fail, PTEST_SETUP(ut_setup_ok), PTEST_TEARDOWN(ut_teardown_ok), PTEST__OPT_END_);
UT_DESC(ut_t_skip, ut_body_skip, PTEST_TEARDOWN(ut_teardown_ok), PTEST__OPT_END_);
UT_DESC(ut_t_setup_fails, ut_body_pass, PTEST_SETUP(ut_setup_fails), PTEST_TEARDOWN(ut_teardown_ok), PTEST__OPT_END_);
UT_DESC(ut_t_teardown_skips, ut_body_pass, PTEST_TEARDOWN(ut_teardown_skips), PTEST__OPT_END_);
UT_DESC(ut_t_both_skip, ut_body_skip, PTEST_TEARDOWN(ut_teardown_skips), PTEST__OPT_END_);
UT_DESC(ut_t_teardown_fails, ut_body_pass, PTEST_TEARDOWN(ut_teardown_fails), PTEST__OPT_END_);
UT_DESC(ut_t_two_each, ut_body_pass, PTEST_SETUP(ut_setup_ok), PTEST_TEARDOWN(ut_teardown_ok), PTEST_SETUP(ut_setup_2), PTEST_TEARDOWN(ut_teardown_2), PTEST__OPT_END_);
UT_DESC(ut_t_skipped, ut_body_pass, PTEST_SKIP("not on this box"), PTEST_SETUP(ut_setup_ok), PTEST__OPT_END_);
UT_DESC(ut_t_sig_ok, ut_body_abort, PTEST_EXPECT_SIGNAL(SIGABRT), PTEST__OPT_END_);
UT_DESC(ut_t_sig_returns, ut_body_pass, PTEST_EXPECT_SIGNAL(SIGABRT), PTEST__OPT_END_);
UT_DESC(ut_t_sig_exits, ut_body_exit_3, PTEST_EXPECT_SIGNAL(SIGSEGV), PTEST__OPT_END_);
UT_DESC(ut_t_sig_fails, ut_body_fail, PTEST_EXPECT_SIGNAL(SIGABRT), PTEST__OPT_END_);
UT_DESC(ut_t_exit_ok, ut_body_exit_3, PTEST_EXPECT_EXIT(3), PTEST__OPT_END_);
UT_DESC(ut_t_exit_wrong, ut_body_exit_3, PTEST_EXPECT_EXIT(4), PTEST__OPT_END_);
UT_DESC(ut_t_exit_signal, ut_body_abort, PTEST_EXPECT_EXIT(0), PTEST__OPT_END_);
UT_SYNTH(ut_t_param, NULL, ut_body_param, PTEST__OPT_END_);

/* The descriptor of the synthetic test being run. */
static struct ptest__test ut_synth_desc;

static const struct ptest__test *ut_synth_make(const struct ut_synth *s)
{
    ut_synth_desc = s->body_p ? ptest__test_unit_context_subject_p
                              : ptest__test_unit_context_subject;
    ut_synth_desc.suite = "synthetic";
    ut_synth_desc.name = s->name;
    ut_synth_desc.file = "synthetic.c";
    ut_synth_desc.line = s->line;
    ut_synth_desc.options = s->opts;
    ut_synth_desc.option_count = s->opt_count;
    return &ut_synth_desc;
}

/* A context on memory shared with forked children (death tests write
 * their outcome there). */
struct ut_runner {
    struct ptest__ctx ctx;
    struct ptest__case c;
    int outcome;
    char *report;           /* a copy, taken before the teardown hooks */
};

static struct ut_runner *ut_runner_new(void)
{
    struct ut_runner *r = (struct ut_runner *)ptest__xcalloc(1, sizeof *r);
    r->ctx.shared = (struct ptest__shared *)ptest__os_shared_alloc(sizeof *r->ctx.shared);
    if (!r->ctx.shared)
        abort();
    return r;
}

static void ut_runner_free(struct ut_runner *r)
{
    ptest__os_shared_free((void *)r->ctx.shared, sizeof *r->ctx.shared);
    free(r->report);
    free(r);
}

/* Runs synthetic test s (element param of a TEST_P one) as a worker
 * would, with the worker and suite fixtures of reg, keeping the real
 * test's context; fills r->outcome, r->report and ut_trace (which ends
 * with what the teardown hooks did). */
static void ut_run_with(struct ut_runner *r, const struct ut_synth *s,
                        size_t param, const struct ptest__registry *reg)
{
    struct ptest__ctx *saved = ptest__ctx_now;
    struct ptest__shared *sh = r->ctx.shared;
    struct ptest__fixtures fx;
    memset(&r->c, 0, sizeof r->c);
    r->c.test = ut_synth_make(s);
    r->c.param = param;
    r->c.id = (char *)s->name;
    r->c.key = r->c.id;
    ut_trace[0] = '\0';
    ut_subject = s->body;
    ut_subject_p = s->body_p;
    ptest__fixtures_start(&fx, &r->ctx, reg);
    r->outcome = ptest__run_case(&r->ctx, &fx, &r->c, 7);
    free(r->report);
    r->report = ptest__xstrndup(sh->report, sh->report_len < PTEST__REPORT_MAX
                                                ? sh->report_len : PTEST__REPORT_MAX);
    ptest__fixtures_stop(&fx, &r->ctx, -1);
    ut_subject = NULL;
    ut_subject_p = NULL;
    ptest__ctx_now = saved;
}

/* ut_run_with and a registry without hooks. */
static void ut_run(struct ut_runner *r, const struct ut_synth *s, size_t param)
{
    struct ptest__registry reg;
    memset(&reg, 0, sizeof reg);
    ut_run_with(r, s, param, &reg);
}

TEST(unit_context, pass_runs_setup_body_teardown, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_pass, 0);
    EXPECT_EQ(r->outcome, PTEST__PASS);
    EXPECT_STR_EQ(ut_trace, "setup body teardown");
    UT_EXPECT_CONTAINS(r->report, ": a note\n");
    EXPECT_EQ(r->ctx.shared->failure_at, -1);
    EXPECT_EQ(r->ctx.shared->current, 7);
    EXPECT_EQ(r->ctx.armed, 0);
    ut_runner_free(r);
}

TEST(unit_context, fail_still_tears_down, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_fail, 0);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    EXPECT_STR_EQ(ut_trace, "setup body teardown");
    UT_EXPECT_CONTAINS(r->report, "ASSERT_EQ(1, 2) failed");
    EXPECT_EQ(r->ctx.shared->failure_at, 0);
    ut_runner_free(r);
}

TEST(unit_context, skip_test_still_tears_down, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_skip, 0);
    EXPECT_EQ(r->outcome, PTEST__SKIP);
    EXPECT_STR_EQ(ut_trace, "body teardown");
    UT_EXPECT_CONTAINS(r->report, ": skipped: not today\n");
    ut_runner_free(r);
}

TEST(unit_context, skip_in_teardown_keeps_the_body_outcome, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_teardown_skips, 0);
    EXPECT_EQ(r->outcome, PTEST__PASS); /* an xfail test's XPASS, not a skip */
    EXPECT_STR_EQ(ut_trace, "body teardown");
    ut_run(r, &ut_t_both_skip, 0);
    EXPECT_EQ(r->outcome, PTEST__SKIP);
    UT_EXPECT_CONTAINS(r->report, ": skipped: not today\n");
    ut_runner_free(r);
}

TEST(unit_context, failing_setup_skips_the_body, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_setup_fails, 0);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    EXPECT_STR_EQ(ut_trace, "setup teardown");
    UT_EXPECT_CONTAINS(r->report, "setup failed");
    ut_runner_free(r);
}

TEST(unit_context, failing_teardown_fails_the_test, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_teardown_fails, 0);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    EXPECT_STR_EQ(ut_trace, "body teardown");
    UT_EXPECT_CONTAINS(r->report, "teardown failed");
    ut_runner_free(r);
}

TEST(unit_context, fixtures_run_in_the_order_written, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_two_each, 0);
    EXPECT_EQ(r->outcome, PTEST__PASS);
    EXPECT_STR_EQ(ut_trace, "setup setup2 body teardown teardown2");
    ut_runner_free(r);
}

TEST(unit_context, skip_option_runs_nothing, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_skipped, 0);
    EXPECT_EQ(r->outcome, PTEST__SKIP);
    EXPECT_STR_EQ(ut_trace, "");
    EXPECT_STR_EQ(r->report, "not on this box");
    ut_runner_free(r);
}

TEST(unit_context, param_points_at_the_element, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_param, 0);
    EXPECT_STR_EQ(ut_trace, "p10");
    ut_run(r, &ut_t_param, 2);
    EXPECT_STR_EQ(ut_trace, "p30");
    EXPECT_EQ(r->outcome, PTEST__PASS);
    ut_runner_free(r);
}

TEST(unit_context, report_is_reset_between_cases, MARK(unit))
{
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_fail, 0);
    ut_run(r, &ut_t_two_each, 0);
    UT_EXPECT_NOT_CONTAINS(r->report, "ASSERT_EQ");
    EXPECT_EQ(r->ctx.shared->failure_at, -1);
    EXPECT_EQ(r->ctx.failed, 0);
    ut_runner_free(r);
}

/* ------------------------------------------------------------------------
 * Death tests: the body runs in a child, judged by how the child ended.
 * ------------------------------------------------------------------------ */

TEST(unit_context, death_expected_signal, MARK(unit))
{
    UT_POSIX_ONLY("synthetic death tests (Windows starts the program again, which lacks them)");
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_sig_ok, 0);
    EXPECT_EQ(r->outcome, PTEST__PASS);
    EXPECT_STR_EQ(r->report, "");
    ut_run(r, &ut_t_exit_ok, 0);
    EXPECT_EQ(r->outcome, PTEST__PASS);
    ut_runner_free(r);
}

TEST(unit_context, death_but_it_returned, MARK(unit))
{
    UT_POSIX_ONLY("synthetic death tests (Windows starts the program again, which lacks them)");
    struct ut_runner *r = ut_runner_new();
    char *want;
    ut_run(r, &ut_t_sig_returns, 0);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    want = ut_fmt("synthetic.c:%d: expected the test to die of SIGABRT, but it returned\n",
                  ut_t_sig_returns.line);
    UT_EXPECT_CONTAINS(r->report, want);
    UT_EXPECT_CONTAINS(r->report, ": a note\n"); /* the child's report is kept */
    EXPECT_GE(r->ctx.shared->failure_at, 0);
    free(want);
    ut_runner_free(r);
}

TEST(unit_context, death_wrong_end, MARK(unit))
{
    UT_POSIX_ONLY("synthetic death tests (Windows starts the program again, which lacks them)");
    struct ut_runner *r = ut_runner_new();
    char *want;
    ut_run(r, &ut_t_sig_exits, 0);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    want = ut_fmt("synthetic.c:%d: expected the test to die of SIGSEGV, but it called exit(3)\n",
                  ut_t_sig_exits.line);
    EXPECT_STR_EQ(r->report, want);
    free(want);
    ut_run(r, &ut_t_exit_wrong, 0);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    want = ut_fmt("synthetic.c:%d: expected the test to call exit(4), but it called exit(3)\n",
                  ut_t_exit_wrong.line);
    EXPECT_STR_EQ(r->report, want);
    free(want);
#if !defined(_WIN32)
    ut_run(r, &ut_t_exit_signal, 0);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    want = ut_fmt("synthetic.c:%d: expected the test to call exit(0), but it was killed by SIGABRT (%s)\n",
                  ut_t_exit_signal.line, strsignal(SIGABRT));
    EXPECT_STR_EQ(r->report, want);
    free(want);
#endif
    ut_runner_free(r);
}

TEST(unit_context, death_test_assertion_fails_it, MARK(unit))
{
    UT_POSIX_ONLY("synthetic death tests (Windows starts the program again, which lacks them)");
    struct ut_runner *r = ut_runner_new();
    ut_run(r, &ut_t_sig_fails, 0);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    UT_EXPECT_CONTAINS(r->report, "ASSERT_EQ(1, 2) failed");
    UT_EXPECT_NOT_CONTAINS(r->report, "expected the test to");
    ut_runner_free(r);
}

/* ------------------------------------------------------------------------
 * ptest__finish: XFAIL, counts and --maxfail.
 * ------------------------------------------------------------------------ */

static const struct ptest__option ut_xfail_opts[] = {
    PTEST__OPTIONS(PTEST_XFAIL("known"), PTEST__OPT_END_)};
static const struct ptest__test ut_xfail_test =
    UT_DESCRIPTOR("synthetic", "xfail", "synthetic.c", 1, ut_xfail_opts);
static const struct ptest__option ut_plain_opts[] = {PTEST__OPT_END_};
static const struct ptest__test ut_plain_test =
    UT_DESCRIPTOR("synthetic", "plain", "synthetic.c", 2, ut_plain_opts);

static size_t ut_reported[8], ut_reported_count;

static void ut_on_result(struct ptest__run *run, size_t index)
{
    (void)run;
    if (ut_reported_count < 8)
        ut_reported[ut_reported_count++] = index;
}

/* A run over two cases: 0 is XFAIL("known"), 1 is plain. */
static void ut_finish_run(struct ptest__run *run, struct ptest__case cases[2])
{
    memset(run, 0, sizeof *run);
    memset(cases, 0, 2 * sizeof cases[0]);
    cases[0].test = &ut_xfail_test;
    cases[1].test = &ut_plain_test;
    run->reg.cases = cases;
    run->reg.count = 2;
    run->results = (struct ptest__result *)ptest__xcalloc(2, sizeof *run->results);
    run->on.result = ut_on_result;
    ut_reported_count = 0;
}

static void ut_finish(struct ptest__run *run, size_t index, int outcome)
{
    struct ptest__result r;
    memset(&r, 0, sizeof r);
    r.outcome = outcome;
    r.failure_at = -1;
    ptest__finish(run, index, &r);
}

TEST(unit_context, finish_applies_xfail, MARK(unit))
{
    struct ptest__run run;
    struct ptest__case cases[2];
    ut_finish_run(&run, cases);
    EXPECT_STR_EQ(ptest__case_xfail(&cases[0]), "known");
    ut_finish(&run, 0, PTEST__PASS);
    EXPECT_EQ(run.results[0].outcome, PTEST__XPASS);
    EXPECT_STR_EQ(run.results[0].reason, "passed, but is marked XFAIL(\"known\")");
    EXPECT_EQ(run.tally.failures, 1u); /* an xpass fails the run */
    free(run.results[0].reason);
    ut_finish(&run, 1, PTEST__FAIL);
    EXPECT_EQ(run.results[1].outcome, PTEST__FAIL);
    EXPECT_EQ(run.tally.failures, 2u);
    EXPECT_EQ(run.tally.finished, 2u);
    EXPECT_EQ(ut_reported_count, 2u);
    EXPECT_EQ(ut_reported[1], 1u);
    free(run.results);

    ut_finish_run(&run, cases);
    ut_finish(&run, 0, PTEST__CRASH); /* any failing outcome is the expected failure */
    EXPECT_EQ(run.results[0].outcome, PTEST__XFAIL);
    EXPECT_EQ(run.tally.failures, 0u);
    EXPECT_EQ(run.tally.counts[PTEST__XFAIL], 1u);
    ut_finish(&run, 1, PTEST__SKIP);
    EXPECT_EQ(run.tally.counts[PTEST__SKIP], 1u);
    EXPECT_EQ(run.tally.failures, 0u);
    free(run.results);

    ut_finish_run(&run, cases);
    ut_finish(&run, 0, PTEST__SKIP); /* a skip stays a skip */
    EXPECT_EQ(run.results[0].outcome, PTEST__SKIP);
    free(run.results);
}

TEST(unit_context, finish_counts_maxfail, MARK(unit))
{
    struct ptest__run run;
    struct ptest__case cases[2];
    ut_finish_run(&run, cases);
    run.cfg.maxfail = 2;
    ut_finish(&run, 1, PTEST__TIMEOUT);
    EXPECT_EQ(run.stopping, 0);
    ut_finish(&run, 1, PTEST__EXITED);
    EXPECT_EQ(run.stopping, 1);
    EXPECT_EQ(run.tally.failures, 2u);
    EXPECT_EQ(run.tally.counts[PTEST__TIMEOUT], 1u);
    EXPECT_EQ(run.tally.counts[PTEST__EXITED], 1u);
    free(run.results);
}

TEST(unit_context, outcomes_that_fail_the_run, MARK(unit))
{
    int o, fails = 0;
    for (o = 0; o < PTEST__OUTCOMES; o++)
        fails += ptest__outcome_fails(o);
    EXPECT_EQ(fails, 5);
    EXPECT_TRUE(ptest__outcome_fails(PTEST__FAIL));
    EXPECT_TRUE(ptest__outcome_fails(PTEST__CRASH));
    EXPECT_TRUE(ptest__outcome_fails(PTEST__EXITED));
    EXPECT_TRUE(ptest__outcome_fails(PTEST__TIMEOUT));
    EXPECT_TRUE(ptest__outcome_fails(PTEST__XPASS));
    EXPECT_FALSE(ptest__outcome_fails(PTEST__XFAIL));
    EXPECT_FALSE(ptest__outcome_fails(PTEST__FLAKY));
    EXPECT_FALSE(ptest__outcome_fails(PTEST__SKIP));
}

TEST(unit_context, case_timeout, MARK(unit))
{
    static const struct ptest__option opts[] = {
        PTEST__OPTIONS(PTEST_TIMEOUT(2.5), PTEST__OPT_END_)};
    static const struct ptest__test t = UT_DESCRIPTOR("s", "n", "f.c", 1, opts);
    struct ptest__run run;
    struct ptest__case c;
    memset(&run, 0, sizeof run);
    memset(&c, 0, sizeof c);
    run.cfg.timeout = 60;
    c.test = &t;
    EXPECT_EQ(ptest__case_own_timeout(&c), 2.5);
    EXPECT_EQ(ptest__case_timeout(&run, &c), 2.5); /* TIMEOUT() wins */
    c.test = &ut_plain_test;
    EXPECT_EQ(ptest__case_own_timeout(&c), -1.0);
    EXPECT_EQ(ptest__case_timeout(&run, &c), 60.0);
}

/* ------------------------------------------------------------------------
 * Worker and suite fixtures around a case, from hand-made hooks.
 * ------------------------------------------------------------------------ */

static void ut_hook_wsetup(void) { ut_trace_add("wsetup"); }
static void ut_hook_wsetup_fails(void)
{
    ut_trace_add("wsetup");
    FAIL("no database");
}
static void ut_hook_ssetup(void) { ut_trace_add("ssetup"); }
static void ut_hook_ssetup_other(void) { ut_trace_add("other-suite"); }
static void ut_hook_ssetup_fails(void)
{
    ut_trace_add("ssetup");
    ASSERT_EQ_MSG(1, 0, "suite broke");
}
static void ut_hook_ssetup_skips(void)
{
    ut_trace_add("ssetup");
    SKIP_TEST("no gpu");
}
static void ut_hook_steardown(void) { ut_trace_add("steardown"); }
static void ut_hook_wteardown(void) { ut_trace_add("wteardown"); }

#define UT_HOOK(var, kind, suite, fn)                                          \
    static const struct ptest__hook var = {kind, suite, fn, "hooks.c", __LINE__, 0}
UT_HOOK(ut_h_wsetup, PTEST__HOOK_WORKER_SETUP, NULL, ut_hook_wsetup);
UT_HOOK(ut_h_wsetup_fails, PTEST__HOOK_WORKER_SETUP, NULL, ut_hook_wsetup_fails);
UT_HOOK(ut_h_ssetup, PTEST__HOOK_SUITE_SETUP, "synthetic", ut_hook_ssetup);
UT_HOOK(ut_h_ssetup_other, PTEST__HOOK_SUITE_SETUP, "other", ut_hook_ssetup_other);
UT_HOOK(ut_h_ssetup_fails, PTEST__HOOK_SUITE_SETUP, "synthetic", ut_hook_ssetup_fails);
UT_HOOK(ut_h_ssetup_skips, PTEST__HOOK_SUITE_SETUP, "synthetic", ut_hook_ssetup_skips);
UT_HOOK(ut_h_steardown, PTEST__HOOK_SUITE_TEARDOWN, "synthetic", ut_hook_steardown);
UT_HOOK(ut_h_wteardown, PTEST__HOOK_WORKER_TEARDOWN, NULL, ut_hook_wteardown);

/* Runs t with the hooks given (NULL-terminated). */
static void ut_run_hooks(struct ut_runner *r, const struct ut_synth *t,
                         const struct ptest__hook *const *hooks)
{
    struct ptest__registry reg;
    memset(&reg, 0, sizeof reg);
    reg.hooks = (const struct ptest__hook **)hooks;
    while (hooks[reg.hook_count])
        reg.hook_count++;
    ut_run_with(r, t, 0, &reg);
}

TEST(unit_context, fixtures_wrap_the_test, MARK(unit))
{
    static const struct ptest__hook *const hooks[] = {
        &ut_h_wteardown, &ut_h_steardown, &ut_h_ssetup_other, &ut_h_ssetup,
        &ut_h_wsetup, NULL};
    struct ut_runner *r = ut_runner_new();
    ut_run_hooks(r, &ut_t_pass, hooks);
    EXPECT_EQ(r->outcome, PTEST__PASS);
    EXPECT_STR_EQ(ut_trace, "wsetup ssetup setup body teardown steardown wteardown");
    UT_EXPECT_CONTAINS(r->report, ": a note\n");
    /* a failing test does not break its suite */
    ut_run_hooks(r, &ut_t_fail, hooks);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    EXPECT_STR_EQ(ut_trace, "wsetup ssetup setup body teardown steardown wteardown");
    /* a skipped test sets up no suite */
    ut_run_hooks(r, &ut_t_skipped, hooks);
    EXPECT_EQ(r->outcome, PTEST__SKIP);
    EXPECT_STR_EQ(ut_trace, "wsetup wteardown");
    ut_runner_free(r);
}

TEST(unit_context, failing_worker_setup_fails_every_test, MARK(unit))
{
    static const struct ptest__hook *const hooks[] = {
        &ut_h_wsetup_fails, &ut_h_ssetup, &ut_h_wteardown, NULL};
    struct ut_runner *r = ut_runner_new();
    ut_run_hooks(r, &ut_t_pass, hooks);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    EXPECT_STR_EQ(ut_trace, "wsetup"); /* nothing else runs, no teardown */
    EXPECT_EQ(strncmp(r->report, "WORKER_SETUP failed, so the test did not run\n",
                      strlen("WORKER_SETUP failed, so the test did not run\n")), 0);
    UT_EXPECT_CONTAINS(r->report, ": FAIL: no database\n");
    EXPECT_EQ(r->ctx.shared->failure_at, 0);
    ut_runner_free(r);
}

TEST(unit_context, failing_suite_setup_fails_its_tests, MARK(unit))
{
    static const struct ptest__hook *const hooks[] = {
        &ut_h_ssetup_fails, &ut_h_steardown, &ut_h_wteardown, NULL};
    struct ut_runner *r = ut_runner_new();
    ut_run_hooks(r, &ut_t_pass, hooks);
    EXPECT_EQ(r->outcome, PTEST__FAIL);
    EXPECT_STR_EQ(ut_trace, "ssetup wteardown"); /* no SUITE_TEARDOWN for it */
    EXPECT_EQ(strncmp(r->report,
                      "SUITE_SETUP(synthetic) failed, so the test did not run\n",
                      strlen("SUITE_SETUP(synthetic) failed, so the test did not run\n")),
              0);
    UT_EXPECT_CONTAINS(r->report, "ASSERT_EQ(1, 0) failed: suite broke\n");
    ut_runner_free(r);
}

TEST(unit_context, skipping_suite_setup_skips_its_tests, MARK(unit))
{
    static const struct ptest__hook *const hooks[] = {&ut_h_ssetup_skips, NULL};
    struct ut_runner *r = ut_runner_new();
    ut_run_hooks(r, &ut_t_pass, hooks);
    EXPECT_EQ(r->outcome, PTEST__SKIP);
    EXPECT_STR_EQ(ut_trace, "ssetup");
    UT_EXPECT_CONTAINS(r->report,
                       "SUITE_SETUP(synthetic) skipped, so the test did not run\n");
    UT_EXPECT_CONTAINS(r->report, ": skipped: no gpu\n");
    EXPECT_EQ(r->ctx.shared->failure_at, -1);
    ut_runner_free(r);
}

/* Unit tests of the scheduler's queue: the order cases are handed out in,
 * RESOURCE() locks (a case holding one travels alone and never overlaps
 * another naming it), --dist=loadscope/loadfile ownership, cases handed
 * back by dead workers, and the accounting of cases that never run. */

static const struct ptest__option ut_q_plain[] = {PTEST__OPT_END_};
static const struct ptest__option ut_q_db[] = {
    PTEST__OPTIONS(PTEST_RESOURCE(db), PTEST__OPT_END_)};
static const struct ptest__option ut_q_net[] = {
    PTEST__OPTIONS(PTEST_RESOURCE(net), PTEST__OPT_END_)};
static const struct ptest__option ut_q_both[] = {
    PTEST__OPTIONS(PTEST_RESOURCE(db), PTEST_RESOURCE(net), PTEST__OPT_END_)};

#define UT_Q_TEST UT_DESCRIPTOR

/* Cases of a queue run, by how a test names them: "<suite>.<name>". */
static const struct ptest__test ut_q_tests[] = {
    UT_Q_TEST("a", "0", "x.c", 1, ut_q_plain),
    UT_Q_TEST("a", "1", "x.c", 2, ut_q_db),
    UT_Q_TEST("b", "2", "x.c", 3, ut_q_plain),
    UT_Q_TEST("b", "3", "y.c", 4, ut_q_db),
    UT_Q_TEST("c", "4", "y.c", 5, ut_q_plain),
    UT_Q_TEST("c", "5", "y.c", 6, ut_q_net),
    UT_Q_TEST("a", "6", "z.c", 7, ut_q_both),
    UT_Q_TEST("d", "7", "z.c", 8, ut_q_plain),
};
#define UT_Q_COUNT (sizeof ut_q_tests / sizeof ut_q_tests[0])

struct ut_queue {
    struct ptest__run run;
    struct ptest__case cases[UT_Q_COUNT];
    size_t order[UT_Q_COUNT];
    struct ptest__queue q;
};

/* A queue over the cases listed (indices into ut_q_tests), in that order. */
static struct ut_queue *ut_queue_new(const int *which, size_t n, int dist)
{
    struct ut_queue *u = (struct ut_queue *)ptest__xcalloc(1, sizeof *u);
    size_t i;
    for (i = 0; i < UT_Q_COUNT; i++) {
        u->cases[i].test = &ut_q_tests[i];
        u->cases[i].id = ut_make_id(&ut_q_tests[i], 0);
        u->cases[i].key = u->cases[i].id;
    }
    for (i = 0; i < n; i++)
        u->order[i] = (size_t)which[i];
    u->run.reg.cases = u->cases;
    u->run.reg.count = UT_Q_COUNT;
    u->run.order = u->order;
    u->run.selected = n;
    u->run.cfg.dist = dist;
    ptest__queue_init(&u->q, &u->run);
    return u;
}

static void ut_queue_free(struct ut_queue *u)
{
    size_t i;
    ptest__queue_free(&u->q);
    for (i = 0; i < UT_Q_COUNT; i++)
        free(u->cases[i].id);
    free(u);
}

/* Takes up to max for worker; the case numbers as "0 2 3", or "". */
static char *ut_take(struct ut_queue *u, int worker, size_t max)
{
    size_t out[UT_Q_COUNT], n, i;
    struct ptest__buf b = {NULL, 0, 0};
    n = ptest__queue_take(&u->q, worker, out, max);
    ptest__buf_puts(&b, "");
    for (i = 0; i < n; i++)
        ptest__buf_printf(&b, "%s%lu", i ? " " : "", (unsigned long)out[i]);
    return b.data;
}

#define UT_EXPECT_TAKE(u, worker, max, want)                                   \
    do {                                                                       \
        char *ut_got_ = ut_take((u), (worker), (max));                         \
        EXPECT_STR_EQ_MSG(ut_got_, want, "worker %d, max %d", (int)(worker),   \
                          (int)(max));                                         \
        free(ut_got_);                                                         \
    } while (0)

TEST(unit_scheduler, plain_order, MARK(unit))
{
    static const int which[] = {0, 2, 4, 7};
    struct ut_queue *u = ut_queue_new(which, 4, PTEST__DIST_WORKSTEAL);
    EXPECT_EQ(u->q.left, 4u);
    UT_EXPECT_TAKE(u, 0, 2, "0 2");
    EXPECT_EQ(u->q.left, 2u);
    UT_EXPECT_TAKE(u, 1, 10, "4 7");
    UT_EXPECT_TAKE(u, 0, 10, "");
    EXPECT_EQ(u->q.left, 0u);
    ut_queue_free(u);
}

TEST(unit_scheduler, order_is_the_runs, MARK(unit))
{
    static const int which[] = {7, 4, 0};
    struct ut_queue *u = ut_queue_new(which, 3, PTEST__DIST_WORKSTEAL);
    UT_EXPECT_TAKE(u, 0, 1, "7");
    UT_EXPECT_TAKE(u, 0, 5, "4 0");
    ut_queue_free(u);
}

TEST(unit_scheduler, a_resource_travels_alone, MARK(unit))
{
    static const int which[] = {0, 1, 2, 3, 4};
    struct ut_queue *u = ut_queue_new(which, 5, PTEST__DIST_WORKSTEAL);
    /* 1 holds db: not in a batch with 0; 3 waits while 1 runs */
    UT_EXPECT_TAKE(u, 0, 10, "0 2 4");
    UT_EXPECT_TAKE(u, 1, 10, "1");
    UT_EXPECT_TAKE(u, 2, 10, ""); /* 3 needs db */
    EXPECT_EQ(u->q.left, 1u);
    ptest__queue_done(&u->q, 1);
    UT_EXPECT_TAKE(u, 2, 10, "3");
    ut_queue_free(u);
}

TEST(unit_scheduler, resources_never_overlap, MARK(unit))
{
    static const int which[] = {6, 5, 1, 7};
    struct ut_queue *u = ut_queue_new(which, 4, PTEST__DIST_WORKSTEAL);
    UT_EXPECT_TAKE(u, 0, 10, "6"); /* holds db and net */
    UT_EXPECT_TAKE(u, 1, 10, "7"); /* 5 (net) and 1 (db) wait */
    UT_EXPECT_TAKE(u, 2, 10, "");
    ptest__queue_done(&u->q, 6);
    UT_EXPECT_TAKE(u, 2, 10, "5");
    UT_EXPECT_TAKE(u, 3, 10, "1"); /* another resource: may overlap 5 */
    ut_queue_free(u);
}

TEST(unit_scheduler, loadscope_keeps_a_suite_on_one_worker, MARK(unit))
{
    static const int which[] = {0, 2, 4, 7, 6, 5};
    struct ut_queue *u = ut_queue_new(which, 6, PTEST__DIST_LOADSCOPE);
    UT_EXPECT_TAKE(u, 0, 1, "0");      /* worker 0 has suite a */
    UT_EXPECT_TAKE(u, 1, 1, "2");      /* worker 1 has suite b */
    UT_EXPECT_TAKE(u, 1, 2, "4 7");    /* c and d: whoever comes first */
    UT_EXPECT_TAKE(u, 1, 10, "5");     /* 6 is a's: not for worker 1 */
    UT_EXPECT_TAKE(u, 0, 10, "");      /* 6 needs net, which 5 holds */
    ptest__queue_done(&u->q, 5);
    UT_EXPECT_TAKE(u, 0, 10, "6");
    EXPECT_EQ(u->q.left, 0u);
    ut_queue_free(u);
}

TEST(unit_scheduler, loadfile_keeps_a_file_on_one_worker, MARK(unit))
{
    static const int which[] = {0, 2, 4, 5, 7};
    struct ut_queue *u = ut_queue_new(which, 5, PTEST__DIST_LOADFILE);
    UT_EXPECT_TAKE(u, 0, 1, "0");      /* x.c to worker 0, though suites differ */
    UT_EXPECT_TAKE(u, 1, 10, "4 7");   /* 2 is in x.c; 5 (net) would end the batch */
    UT_EXPECT_TAKE(u, 1, 10, "5");
    UT_EXPECT_TAKE(u, 2, 10, "");      /* everything left is owned */
    UT_EXPECT_TAKE(u, 0, 10, "2");
    ut_queue_free(u);
}

TEST(unit_scheduler, returned_cases_run_again, MARK(unit))
{
    static const int which[] = {0, 1, 2, 4};
    struct ut_queue *u = ut_queue_new(which, 4, PTEST__DIST_WORKSTEAL);
    UT_EXPECT_TAKE(u, 0, 10, "0 2 4");
    UT_EXPECT_TAKE(u, 1, 10, "1");
    /* worker 1 died before running 1: it goes back, its db lock freed */
    ptest__queue_return(&u->q, 1);
    EXPECT_EQ(u->q.left, 1u);
    EXPECT_EQ(u->q.held_len, 0u);
    ptest__queue_return(&u->q, 1); /* twice is once */
    EXPECT_EQ(u->q.left, 1u);
    /* worker 0 died after 0: 2 and 4 go back, in their place */
    ptest__queue_return(&u->q, 4);
    ptest__queue_return(&u->q, 2);
    EXPECT_EQ(u->q.left, 3u);
    UT_EXPECT_TAKE(u, 2, 10, "1"); /* in run order again: 1 first, alone */
    UT_EXPECT_TAKE(u, 3, 10, "2 4");
    ut_queue_free(u);
}

TEST(unit_scheduler, unblock_takes_whatever_is_left, MARK(unit))
{
    static const int which[] = {1, 3, 0};
    struct ut_queue *u = ut_queue_new(which, 3, PTEST__DIST_WORKSTEAL);
    size_t index = 99;
    UT_EXPECT_TAKE(u, 0, 10, "1");
    EXPECT_EQ(ptest__queue_unblock(&u->q, &index), 1); /* 3 though db is held */
    EXPECT_EQ(index, 3u);
    EXPECT_EQ(ptest__queue_unblock(&u->q, &index), 1);
    EXPECT_EQ(index, 0u);
    EXPECT_EQ(ptest__queue_unblock(&u->q, &index), 0);
    EXPECT_EQ(u->q.left, 0u);
    ut_queue_free(u);
}

TEST(unit_scheduler, empty_selection, MARK(unit))
{
    struct ut_queue *u = ut_queue_new(NULL, 0, PTEST__DIST_LOADSCOPE);
    size_t index;
    UT_EXPECT_TAKE(u, 0, 10, "");
    EXPECT_EQ(ptest__queue_unblock(&u->q, &index), 0);
    ut_queue_free(u);
}
